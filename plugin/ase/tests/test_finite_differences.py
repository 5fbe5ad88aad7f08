"""Forces and stress against ASE's own finite differences of the energy, on the float64 fixture model tn-f64:
agreement within 1e-5 of the largest component (central differences; the model's arithmetic is float64, so
the differences' error is far below that)."""
import numpy as np

from conftest import caffeine_in_small_cell, Reference

TOLERANCE = 1e-5


def relative_deviation(numeric, analytic):
    return np.abs(numeric - analytic).max() / np.abs(analytic).max()


def test_forces_molecule(calculator):
    ref = Reference("tn-f64", "alanine_dipeptide")
    atoms = ref.atoms
    atoms.calc = calculator(ref.checkpoint)
    numeric = atoms.calc.calculate_numerical_forces(atoms, d=1e-4)
    deviation = relative_deviation(numeric, atoms.get_forces())
    print(f"molecule: forces vs finite differences, relative deviation {deviation:.2e}")
    assert deviation <= TOLERANCE


def test_forces_and_stress_periodic(calculator):
    atoms = caffeine_in_small_cell()
    atoms.calc = calculator(Reference("tn-f64", "caffeine").checkpoint)
    forces, stress = atoms.get_forces(), atoms.get_stress()
    numeric_forces = atoms.calc.calculate_numerical_forces(atoms, d=1e-4)
    numeric_stress = atoms.calc.calculate_numerical_stress(atoms, d=1e-5)
    force_deviation, stress_deviation = relative_deviation(numeric_forces, forces), relative_deviation(numeric_stress, stress)
    print(f"periodic: forces {force_deviation:.2e}, stress {stress_deviation:.2e} relative deviation; stress {stress}")
    assert force_deviation <= TOLERANCE
    assert stress_deviation <= TOLERANCE
    assert np.abs(stress).max() > 1e-4  # images interact: a stress that finite differences can test
