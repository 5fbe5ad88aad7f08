"""Shared setup for the ASE calculator's tests (run by ctest with /usr/bin/python3: plugin/ase/tests/CMakeLists.txt).

Environment: PYTHONPATH holds the built package tensornet4j (<build>/python); TN4J_FIXTURES the TorchMD-Net
fixtures (tests/fixtures); JAVA_HOME the JDK. Calculators are shared by the tests of a session: loading a
checkpoint is the slow part, and a shared calculator must still see every change of its atoms.
"""
import json
import os
import pathlib

import numpy as np
import pytest
from ase import Atoms

ROOT = pathlib.Path(__file__).resolve().parents[3]
FIXTURES = pathlib.Path(os.environ.get("TN4J_FIXTURES", ROOT / "tests" / "fixtures")) / "tensornet"
DEFAULT_MODEL = ROOT / "examples" / "models" / "default.ckpt"
MOLECULES = ROOT / "examples" / "molecules"


class Reference:
    """A TorchMD-Net reference result (tests/fixtures/tensornet/<model>__<input>.json) as ASE atoms."""

    def __init__(self, model, name):
        ref = json.loads((FIXTURES / f"{model}__{name}.json").read_text())
        self.checkpoint = FIXTURES / f"{model}.ckpt"
        self.float64 = ref["dtype"] == "float64"
        self.energy = ref["energy"][0]
        self.forces = np.array(ref["forces"])
        self.charge = ref["q"]
        box = ref["box"]
        self.atoms = Atoms(numbers=ref["z"], positions=ref["pos"], cell=box, pbc=box is not None)

    def tolerances(self):
        """(energy, forces) relative tolerances: the parity bounds the other engines' tests use."""
        return (1e-9, 1e-9) if self.float64 else (1e-5, 1e-4)


@pytest.fixture(scope="session")
def calculator():
    """calculator(checkpoint, **options): a TensorNetCalculator (energy unit eV unless given), one per arguments."""
    from tensornet4j.ase import TensorNetCalculator

    cache = {}

    def make(checkpoint, **options):
        options.setdefault("energy_unit", "eV")
        key = (str(checkpoint), json.dumps(options, sort_keys=True))
        if key not in cache:
            cache[key] = TensorNetCalculator(model=checkpoint, **options)
        calc = cache[key]
        calc.reset()
        return calc

    return make


def random_rotation(seed):
    """A proper rotation matrix (det +1), reproducible from its seed."""
    q, r = np.linalg.qr(np.random.default_rng(seed).normal(size=(3, 3)))
    q = q * np.sign(np.diag(r))
    return q if np.linalg.det(q) > 0 else -q


def caffeine_in_small_cell():
    """Caffeine (tn-f64 reference positions) in a rotated triclinic cell that is not reduced either (rows a, b + a,
    c - b of the reduced a, b, c), whose reduced widths a_x, b_y, c_z are just over twice the 5 Å cutoff, so that
    atoms interact with their periodic images."""
    ref = Reference("tn-f64", "caffeine")
    a, b, c = np.array([10.6, 0.0, 0.0]), np.array([2.1, 10.4, 0.0]), np.array([-1.7, 2.6, 10.3])
    lattice = np.array([a, b + a, c - b])
    rotation = random_rotation(11)
    atoms = Atoms(numbers=ref.atoms.numbers, positions=ref.atoms.positions @ rotation.T,
                  cell=lattice @ rotation.T, pbc=True)
    return atoms
