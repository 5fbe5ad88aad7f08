"""Results are cached until positions, cell, pbc, atomic numbers or the total charge change; optional outputs
(stress, per-atom energies) once asked for come with every later evaluation."""
import numpy as np

from conftest import caffeine_in_small_cell, Reference


def test_cached_until_something_changes(calculator):
    ref = Reference("tn2-bench", "caffeine__q+1")
    atoms = ref.atoms
    atoms.info["charge"] = 0
    calc = atoms.calc = calculator(ref.checkpoint)
    start = calc.evaluations

    def evaluated():
        return calc.evaluations - start

    energy = atoms.get_potential_energy()
    atoms.get_forces(), atoms.get_potential_energy(force_consistent=True), atoms.get_potential_energy()
    assert evaluated() == 1
    atoms.positions[0, 0] += 1e-3
    assert atoms.get_potential_energy() != energy and evaluated() == 2
    atoms.positions[0, 0] -= 1e-3
    assert atoms.get_potential_energy() == energy and evaluated() == 3
    atoms.info["charge"] = 1
    charged = atoms.get_potential_energy()
    assert charged != energy and evaluated() == 4
    atoms.get_forces()
    assert evaluated() == 4
    calc.charge = -1  # the argument wins over atoms.info
    assert atoms.get_potential_energy() != charged and evaluated() == 5
    calc.charge = None  # atoms.info again
    assert atoms.get_potential_energy() == charged and evaluated() == 6
    atoms.numbers[-1] = 9  # a hydrogen becomes fluorine
    assert atoms.get_potential_energy() != charged and evaluated() == 7
    same = atoms.copy()
    same.calc = calc
    same.get_forces()
    assert evaluated() == 7  # an equal copy is the same system
    assert atoms.get_potential_energies().shape == (len(atoms),) and evaluated() == 8
    atoms.positions[1, 1] += 1e-3
    atoms.get_forces(), atoms.get_potential_energies()
    assert evaluated() == 9  # the per-atom energies came with the forces


def test_cell_change_and_stress(calculator):
    atoms = caffeine_in_small_cell()
    calc = atoms.calc = calculator(Reference("tn-f64", "caffeine").checkpoint)
    start = calc.evaluations
    energy = atoms.get_potential_energy()
    stress = atoms.get_stress()  # asked for the first time: one more evaluation
    assert calc.evaluations - start == 2
    atoms.set_cell(atoms.cell * 1.01, scale_atoms=False)
    atoms.get_forces()
    new_stress = atoms.get_stress()
    assert calc.evaluations - start == 3  # the stress came with the forces
    assert atoms.get_potential_energy() != energy and not np.array_equal(new_stress, stress)
