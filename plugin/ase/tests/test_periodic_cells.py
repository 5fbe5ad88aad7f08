"""Arbitrary ASE cells: rotated to TorchMD-Net's reduced lower-triangular frame, results rotated back.
The same structure in another orientation, or described by other lattice vectors (not reduced, left-handed),
gives the same energy and correspondingly rotated forces and stress."""
import numpy as np
import pytest

from conftest import caffeine_in_small_cell, Reference, random_rotation
from tensornet4j.cell import PeriodicFrame


def results(atoms, calc):
    atoms.calc = calc
    stress = atoms.get_stress(voigt=False)
    return atoms.get_potential_energy(), atoms.get_forces(), stress


def test_frame_is_reduced_lower_triangular_and_the_same_lattice():
    atoms = caffeine_in_small_cell()
    frame = PeriodicFrame(atoms.cell)
    box = frame.box
    assert box[0, 1] == box[0, 2] == box[1, 2] == 0.0 and np.all(np.diag(box) > 0)
    assert box[0, 0] >= 2 * abs(box[1, 0]) and box[0, 0] >= 2 * abs(box[2, 0]) and box[1, 1] >= 2 * abs(box[2, 1])
    assert np.allclose(box, [[10.6, 0, 0], [2.1, 10.4, 0], [-1.7, 2.6, 10.3]], atol=1e-12)
    rotated_cell = np.asarray(atoms.cell) @ frame.rotation
    # the rotated cell's rows and the box's rows generate the same lattice: an integer change of basis, det ±1
    basis = np.linalg.solve(box.T, rotated_cell.T).T
    assert np.allclose(basis, np.round(basis), atol=1e-9) and abs(abs(np.linalg.det(np.round(basis))) - 1) < 1e-12


def test_lower_triangular_cell_passes_unchanged():
    ref = Reference("tn-small", "alanine_dipeptide_explicit_pbc")
    frame = PeriodicFrame(ref.atoms.cell)
    assert frame.rotation is None and np.array_equal(frame.box, np.asarray(ref.atoms.cell))


def test_two_orientations(calculator):
    calc = calculator(Reference("tn-f64", "caffeine").checkpoint)
    atoms = caffeine_in_small_cell()
    energy, forces, stress = results(atoms, calc)
    rotation = random_rotation(5)
    turned = atoms.copy()
    turned.set_cell(np.asarray(atoms.cell) @ rotation.T)
    turned.positions = atoms.positions @ rotation.T
    energy2, forces2, stress2 = results(turned, calc)
    assert abs(energy2 - energy) <= 1e-10 * abs(energy)
    assert np.abs(forces2 - forces @ rotation.T).max() <= 1e-9 * np.abs(forces).max()
    assert np.abs(stress2 - rotation @ stress @ rotation.T).max() <= 1e-9 * np.abs(stress).max()
    print(f"energy {energy:.12g} / {energy2:.12g}, stress {stress.flat[[0, 4, 8]]}")


@pytest.mark.parametrize("change", ["reduced lower-triangular", "left-handed", "b + 3a, c - 2b"])
def test_other_lattice_vectors_same_results(calculator, change):
    calc = calculator(Reference("tn-f64", "caffeine").checkpoint)
    atoms = caffeine_in_small_cell()
    energy, forces, stress = results(atoms, calc)
    if change == "reduced lower-triangular":  # the frame itself, positions rotated into it
        frame = PeriodicFrame(atoms.cell)
        other, rotation = atoms.copy(), frame.rotation.T
        other.set_cell(frame.box)
        other.positions = frame.positions(atoms.positions)
    else:
        rotation = np.eye(3)
        other = atoms.copy()
        a, b, c = np.asarray(atoms.cell)
        other.set_cell([a, b, -c] if change == "left-handed" else [a, b + 3 * a, c - 2 * b])
    energy2, forces2, stress2 = results(other, calc)
    assert abs(energy2 - energy) <= 1e-10 * abs(energy)
    assert np.abs(forces2 - forces @ rotation.T).max() <= 1e-9 * np.abs(forces).max()
    assert np.abs(stress2 - rotation @ stress @ rotation.T).max() <= 1e-9 * np.abs(stress).max()
