"""ASE calculator for TorchMD-Net TensorNet / TensorNet2 checkpoints, run by tensornet4j's Java model
through the C ABI (no PyTorch in the process).

    from tensornet4j.ase import TensorNetCalculator
    atoms.calc = TensorNetCalculator(model="examples/models/default.ckpt", energy_unit="eV")

Energies in eV, forces in eV/Å, stress in eV/Å³ (ASE's Voigt order xx, yy, zz, yz, xz, xy; periodic only),
per-atom energies in eV. Units: docs/engines.md#ase.
"""
import json
import math
import numbers
import os

import numpy as np
from ase.calculators.calculator import Calculator, PropertyNotImplementedError, all_changes

from .capi import Potential, TensorNet4jError
from .cell import PeriodicFrame
from .units import EV_PER_UNIT, ev_per

TENSORNET = "org.tensornet4j.TensorNetPotential"
ENSEMBLE = "org.tensornet4j.Ensemble"
# Outputs that cost more than energy and forces: computed once asked for, then on every later evaluation,
# so that an engine asking for forces and then stress each step (NPT) evaluates the model once per step.
OPTIONAL = ("stress", "energies")


class TensorNetCalculator(Calculator):
    """A TorchMD-Net checkpoint as an ASE calculator.

    model: path of a TorchMD-Net .ckpt, or a list of paths (or one .zip of them) for an ensemble (mean).
    charge: the system's total charge in elementary charges; None: atoms.info["charge"] (where TorchMD-Net's own
        calculator reads it), else none given: TensorNet then computes the neutral system, TensorNet2 (which
        depends on the charge) refuses.
    energy_unit: the unit of the model's energies ("eV", "kJ/mol", "kcal/mol", "hartree"); None: what the
        checkpoint records (hyper-parameter energy_unit: eV in examples/models/default.ckpt); TorchMD-Net's own
        checkpoints record none, so give it for them.
    overrides: TorchMD-Net load_model overrides, as a dict ({"coulomb_cutoff": 10}) or as tn4j's --set
        strings (["precision=64"]); None for none.
    device: "cpu" (the only device of this build).

    Results are cached until positions, cell, pbc, atomic numbers or the total charge change.
    `evaluations` counts the model evaluations.
    """

    implemented_properties = ["energy", "free_energy", "forces", "stress", "energies"]

    def __init__(self, model, charge=None, energy_unit=None, overrides=None, device="cpu", *, label=None, atoms=None,
                 directory="."):
        super().__init__(label=label, atoms=atoms, directory=directory)
        if energy_unit is not None:
            ev_per(energy_unit)  # a misspelt unit is refused before the model is loaded
        class_name, config = _model_config(model)
        config["device"] = device
        config["hyperparameters"] = _overrides(overrides)
        if energy_unit is not None:
            config["energy_unit"] = energy_unit
        self.potential = Potential(class_name, config)
        unit = energy_unit or self.potential.energy_unit()
        if not unit:
            self.potential.release()
            raise ValueError(f"the energy unit of {model} is not known (the checkpoint records no energy_unit, as TorchMD-Net's own checkpoints): pass"
                             f" energy_unit= the unit of the energies it was trained on, one of {', '.join(EV_PER_UNIT)}"
                             " (eV for examples/models/default.ckpt)")
        self.energy_unit = unit
        self._ev = ev_per(unit)
        self.cutoff = self.potential.cutoff()
        self.charge = charge
        self.evaluations = 0
        self._wanted = set()
        self._charge_used = None

    def total_charge(self, atoms):
        """The total charge used for atoms: the calculator's charge, else atoms.info["charge"], else None (none given)."""
        charge = self.charge if self.charge is not None else atoms.info.get("charge")
        if charge is None:
            return None
        if isinstance(charge, bool) or not isinstance(charge, numbers.Real) or not math.isfinite(charge):
            source = "charge=" if self.charge is not None else 'atoms.info["charge"]'
            raise ValueError(f"{source} must be the total charge in elementary charges (a finite number such as 0 or"
                             f" -1), got {charge!r}")
        return float(charge)

    def check_state(self, atoms, tol=1e-15):
        """ASE's changes (positions, numbers, cell, pbc, ...), plus "charge": ASE does not compare atoms.info."""
        changes = super().check_state(atoms, tol)
        if self.atoms is not None and self.total_charge(atoms) != self._charge_used:
            changes.append("charge")
        return changes

    def calculate(self, atoms=None, properties=("energy",), system_changes=all_changes):
        super().calculate(atoms, properties, system_changes)
        atoms = self.atoms
        frame = _periodic_frame(atoms, self.cutoff)
        if frame is None and "stress" in properties:
            raise PropertyNotImplementedError("stress is defined for a periodic system only; these atoms have pbc ="
                                              f" {atoms.pbc.tolist()}: set atoms.pbc = True with a cell to get it")
        self._wanted.update(p for p in properties if p in OPTIONAL)
        charge = self.total_charge(atoms)
        positions = atoms.positions if frame is None else frame.positions(atoms.positions)
        try:
            energy, forces, virial, atom_energies = self.potential.evaluate(
                atoms.numbers, positions, None if frame is None else frame.box, charge,
                virial=frame is not None and "stress" in self._wanted, atom_energies="energies" in self._wanted)
        except TensorNet4jError as error:
            if charge is None and "total charge" in str(error):  # say where ASE takes the charge from
                raise TensorNet4jError(f"{error}. With ASE: TensorNetCalculator(charge=...) or atoms.info['charge']") from None
            raise
        self.evaluations += 1
        self._charge_used = charge
        ev = self._ev
        self.results = {"energy": energy * ev, "free_energy": energy * ev,
                        "forces": (forces if frame is None else frame.vectors_back(forces)) * ev}
        if virial is not None:
            stress = -frame.tensor_back(virial) * (ev / atoms.cell.volume)  # sigma = -W / V
            stress = 0.5 * (stress + stress.T)
            self.results["stress"] = stress.flat[[0, 4, 8, 5, 2, 1]]
        if atom_energies is not None:
            self.results["energies"] = atom_energies * ev


def _periodic_frame(atoms, cutoff):
    """None for a molecule (pbc all False, the cell ignored); the cell in TorchMD-Net's frame when pbc is all
    True; a ValueError for mixed periodicity, which TorchMD-Net's models do not have."""
    pbc = np.asarray(atoms.pbc, dtype=bool)
    if not pbc.any():
        return None
    if not pbc.all():
        raise ValueError(f"pbc = {pbc.tolist()} mixes periodic and non-periodic directions, which TensorNet does not"
                         " support: set atoms.pbc = True with vacuum along the non-periodic directions (at least the"
                         f" cutoff, {cutoff:g} Å, between images), or atoms.pbc = False for an isolated system")
    frame = PeriodicFrame(atoms.cell)
    frame.require_cutoff(cutoff, atoms.cell)
    return frame


def _model_config(model):
    """The Java class and its configuration for a checkpoint path, a list of them, or a .zip of them."""
    if isinstance(model, (str, os.PathLike)):
        path = os.path.abspath(os.fspath(model))
        if path.endswith(".zip"):
            return ENSEMBLE, {"checkpoints": path}
        return TENSORNET, {"checkpoint": path}
    if isinstance(model, (list, tuple)) and model and all(isinstance(m, (str, os.PathLike)) for m in model):
        paths = [os.path.abspath(os.fspath(m)) for m in model]
        return (TENSORNET, {"checkpoint": paths[0]}) if len(paths) == 1 else (ENSEMBLE, {"checkpoints": paths})
    raise TypeError(f"model must be the path of a TorchMD-Net checkpoint (.ckpt), a list of them or a .zip of them;"
                    f" got {model!r}")


def _overrides(given):
    """TorchMD-Net load_model overrides as a dict: from a dict, or from "KEY=VALUE" strings as tn4j's --set reads
    them (VALUE is JSON; text that is not JSON is a string)."""
    if given is None:
        return {}
    if isinstance(given, dict):
        return {str(key): value for key, value in given.items()}
    parsed = {}
    for item in [given] if isinstance(given, str) else given:
        if not isinstance(item, str) or "=" not in item:
            raise ValueError(f"override {item!r} is not KEY=VALUE: write e.g. overrides=['precision=64'] or"
                             " overrides={'precision': 64}")
        key, value = item.split("=", 1)
        try:
            parsed[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            parsed[key.strip()] = value
    return parsed
