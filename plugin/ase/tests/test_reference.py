"""Energies and forces through ASE equal TorchMD-Net's reference outputs (tests/fixtures/tensornet): molecules,
the periodic solvated box, TensorNet2 with a total charge; per-atom energies add up; energy units convert."""
import numpy as np
import pytest
from ase import units

from conftest import Reference


def assert_matches(atoms, ref):
    energy_tol, force_tol = ref.tolerances()
    energy, forces = atoms.get_potential_energy(), atoms.get_forces()
    assert abs(energy - ref.energy) <= energy_tol * max(1.0, abs(ref.energy)), (energy, ref.energy)
    deviation = np.abs(forces - ref.forces).max()
    assert deviation <= force_tol * max(1.0, np.abs(ref.forces).max()), deviation
    print(f"energy {energy:.10g} (reference {ref.energy:.10g}), largest force deviation {deviation:.3g} eV/Å")


@pytest.mark.parametrize("model, name", [("tn-small", "caffeine"), ("tn-f64", "alanine_dipeptide"), ("tn-priors", "chignolin"),
                                         ("tn-small", "alanine_dipeptide_explicit_pbc"),
                                         ("tn-f64", "alanine_dipeptide_explicit_pbc")])
def test_reference(calculator, model, name):
    ref = Reference(model, name)
    ref.atoms.calc = calculator(ref.checkpoint)
    assert_matches(ref.atoms, ref)


@pytest.mark.parametrize("name", ["caffeine__q+1", "alanine_dipeptide__q-1", "caffeine__q0"])
def test_tensornet2_charge_from_atoms_info(calculator, name):
    ref = Reference("tn2-bench", name)
    ref.atoms.info["charge"] = ref.charge[0]
    ref.atoms.calc = calculator(ref.checkpoint)
    assert_matches(ref.atoms, ref)


def test_tensornet2_charge_argument_wins_over_atoms_info(calculator):
    ref = Reference("tn2-bench", "caffeine__q-1")
    ref.atoms.info["charge"] = +1
    ref.atoms.calc = calculator(ref.checkpoint, charge=-1)
    assert_matches(ref.atoms, ref)


def test_atom_energies_add_up(calculator):
    ref = Reference("tn-priors", "caffeine")
    ref.atoms.calc = calculator(ref.checkpoint)
    energies = ref.atoms.get_potential_energies()
    assert energies.shape == (len(ref.atoms),)
    assert abs(energies.sum() - ref.energy) <= 1e-5 * abs(ref.energy)
    assert np.ptp(energies) > 0  # a per-atom split, not the energy spread evenly


def test_energy_unit(calculator):
    ref = Reference("tn-f64", "caffeine")
    ref.atoms.calc = calculator(ref.checkpoint, energy_unit="kcal/mol")
    assert ref.atoms.calc.energy_unit == "kcal/mol"
    assert np.isclose(ref.atoms.get_potential_energy(), ref.energy * units.kcal / units.mol, rtol=1e-12)
    assert np.allclose(ref.atoms.get_forces(), ref.forces * units.kcal / units.mol, rtol=1e-9, atol=1e-12)
