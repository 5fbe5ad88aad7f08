"""Every bad input gets an exception naming the problem and the fix; the calculator stays usable after one."""
import numpy as np
import pytest
from ase import Atoms
from ase.calculators.calculator import PropertyNotImplementedError

from conftest import FIXTURES, Reference
from tensornet4j.ase import TensorNetCalculator
from tensornet4j.capi import TensorNet4jError


def caffeine(calculator):
    ref = Reference("tn-small", "caffeine")
    ref.atoms.calc = calculator(ref.checkpoint)
    return ref.atoms


def test_mixed_periodicity(calculator):
    atoms = caffeine(calculator)
    atoms.set_cell([20, 20, 20])
    atoms.pbc = [True, True, False]
    with pytest.raises(ValueError, match=r"pbc = \[True, True, False\] mixes periodic.*atoms.pbc = True.*atoms.pbc = False"):
        atoms.get_potential_energy()


def test_box_under_twice_the_cutoff(calculator):
    atoms = caffeine(calculator)
    atoms.set_cell([12, 9, 12])
    atoms.pbc = True
    with pytest.raises(ValueError, match=r"too small for the model's cutoff 5 Å.*at least 10 Å.*atoms.repeat\(\(1, 2, 1\)\)"):
        atoms.get_potential_energy()


@pytest.mark.parametrize("number, message", [(0, "atomic number 0"), (200, "atomic number 200")])
def test_unknown_element(calculator, number, message):
    atoms = caffeine(calculator)
    atoms.numbers[3] = number
    with pytest.raises(TensorNet4jError, match=message):
        atoms.get_potential_energy()
    atoms.numbers[3] = 6
    assert np.isfinite(atoms.get_potential_energy())  # the potential stays usable


def test_stress_of_a_molecule(calculator):
    atoms = caffeine(calculator)
    with pytest.raises(PropertyNotImplementedError, match="periodic system only.*atoms.pbc = True"):
        atoms.get_stress()


def test_bad_charge(calculator):
    atoms = caffeine(calculator)
    atoms.info["charge"] = "+1"
    with pytest.raises(ValueError, match=r'atoms.info\["charge"\] must be the total charge.*got \'\+1\''):
        atoms.get_potential_energy()


def test_non_finite_positions(calculator):
    atoms = caffeine(calculator)
    atoms.positions[2, 1] = np.nan
    with pytest.raises(TensorNet4jError, match="2"):
        atoms.get_potential_energy()


def test_unknown_energy_unit():
    with pytest.raises(ValueError, match="unknown energy unit 'Ry': choose one of eV, kJ/mol, kcal/mol, hartree"):
        TensorNetCalculator(model=FIXTURES / "tn-small.ckpt", energy_unit="Ry")


def test_energy_unit_required():
    with pytest.raises(ValueError, match="energy unit of .*tn-small.ckpt is not known.*pass energy_unit="):
        TensorNetCalculator(model=FIXTURES / "tn-small.ckpt")


def test_missing_checkpoint():
    with pytest.raises(TensorNet4jError, match="nonexistent.ckpt"):
        TensorNetCalculator(model="nonexistent.ckpt", energy_unit="eV")


def test_unknown_override():
    with pytest.raises(TensorNet4jError, match="no_such_key"):
        TensorNetCalculator(model=FIXTURES / "tn-small.ckpt", energy_unit="eV", overrides=["no_such_key=1"])
    with pytest.raises(ValueError, match="KEY=VALUE"):
        TensorNetCalculator(model=FIXTURES / "tn-small.ckpt", energy_unit="eV", overrides=["precision"])


def test_overrides_as_set_strings():
    ref = Reference("tn-f64", "caffeine")
    ref.atoms.calc = TensorNetCalculator(model=FIXTURES / "tn-small.ckpt", energy_unit="eV", overrides=["precision=64"])
    # tn-f64 holds tn-small's weights in float64: tn-small evaluated in float64 gives tn-f64's reference
    assert abs(ref.atoms.get_potential_energy() - ref.energy) <= 1e-9 * abs(ref.energy)


def test_empty_atoms(calculator):
    atoms = Atoms()
    atoms.calc = calculator(FIXTURES / "tn-small.ckpt")
    with pytest.raises(TensorNet4jError):
        atoms.get_potential_energy()


def test_tensornet2_without_charge(calculator):
    ref = Reference("tn2-bench", "caffeine__q0")
    ref.atoms.calc = calculator(ref.checkpoint)
    with pytest.raises(TensorNet4jError, match=r"needs the total charge.*With ASE: TensorNetCalculator\(charge=...\) or atoms.info\['charge'\]"):
        ref.atoms.get_potential_energy()


def test_periodic_without_a_cell(calculator):
    atoms = caffeine(calculator)
    atoms.pbc = True  # and no cell
    with pytest.raises(ValueError, match="has no volume.*three independent cell vectors.*atoms.pbc = False"):
        atoms.get_potential_energy()
