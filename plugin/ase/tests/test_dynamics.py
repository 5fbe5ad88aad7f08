"""ASE's own drivers on the shipped default model (examples/models/default.ckpt, eV): BFGS converges,
Velocity Verlet conserves energy as a symplectic integrator must, Berendsen NPT on a water box stays stable
and moves the volume towards the set pressure."""
import numpy as np
import pytest
from ase import Atoms, units
from ase.io import read
from ase.md.nptberendsen import NPTBerendsen
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution, Stationary, ZeroRotation
from ase.md.verlet import VelocityVerlet
from ase.optimize import BFGS

from conftest import DEFAULT_MODEL, MOLECULES, random_rotation


def alanine_dipeptide(calculator):
    atoms = read(MOLECULES / "alanine_dipeptide.pdb", index=0)  # the first model (ASE reads an empty one after ENDMDL)
    atoms.calc = calculator(DEFAULT_MODEL)
    return atoms


def test_bfgs_converges(calculator):
    atoms = alanine_dipeptide(calculator)
    start = atoms.get_potential_energy()
    optimizer = BFGS(atoms, logfile=None)
    assert optimizer.run(fmax=0.05, steps=300), f"not converged in 300 steps, fmax {np.abs(atoms.get_forces()).max()}"
    print(f"BFGS: {optimizer.nsteps} steps, energy {start:.4f} -> {atoms.get_potential_energy():.4f} eV")
    assert atoms.get_potential_energy() < start
    assert np.linalg.norm(atoms.get_forces(), axis=1).max() < 0.05


def total_energy_deviation(atoms, timestep_fs, duration_fs):
    """Largest |E_total(t) - E_total(0)| and the final deviation of a Velocity Verlet run from the atoms'
    current state (on a copy, with the same calculator)."""
    calc, atoms = atoms.calc, atoms.copy()
    atoms.calc = calc
    dynamics = VelocityVerlet(atoms, timestep_fs * units.fs)
    start = atoms.get_total_energy()
    deviations = []
    dynamics.attach(lambda: deviations.append(atoms.get_total_energy() - start))
    dynamics.run(int(round(duration_fs / timestep_fs)))
    return np.abs(deviations).max(), deviations[-1]


def test_velocity_verlet_conserves_energy(calculator):
    """A symplectic integrator on forces that are the exact gradient of the energy keeps the total energy
    within a band that shrinks as dt²: the same 40 fs from the same state at 0.5 and 0.25 fs must show a
    deviation ratio near 4 (2.5-6.5), and at 0.5 fs stay under 2 % of the kinetic energy (forces that were
    not the gradient, or were noisy, would give a drift that does not shrink with dt)."""
    atoms = alanine_dipeptide(calculator)
    BFGS(atoms, logfile=None).run(fmax=0.5, steps=50)
    MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=np.random.default_rng(1))
    Stationary(atoms), ZeroRotation(atoms)
    kinetic = atoms.get_kinetic_energy()
    coarse, coarse_end = total_energy_deviation(atoms, 0.5, 40)
    fine, fine_end = total_energy_deviation(atoms, 0.25, 40)
    print(f"Velocity Verlet over 40 fs: max |dE| {coarse:.2e} eV at 0.5 fs, {fine:.2e} eV at 0.25 fs (ratio"
          f" {coarse / fine:.2f}); end drift {coarse_end:.2e} / {fine_end:.2e} eV; kinetic energy {kinetic:.3f} eV")
    assert 2.5 <= coarse / fine <= 6.5
    assert coarse <= 0.02 * kinetic


def water_box(molecules_per_side, spacing, seed):
    """Waters on a cubic lattice (spacing Å apart), each in a random orientation; periodic."""
    rng = np.random.default_rng(seed)
    angle = np.radians(104.52)
    water = np.array([[0.0, 0.0, 0.0], [0.9572, 0.0, 0.0], [0.9572 * np.cos(angle), 0.9572 * np.sin(angle), 0.0]])
    water -= water.mean(axis=0)
    positions = []
    for site in np.ndindex(molecules_per_side, molecules_per_side, molecules_per_side):
        positions.extend(water @ random_rotation(int(rng.integers(1 << 30))).T + spacing * (np.array(site) + 0.5))
    side = spacing * molecules_per_side
    return Atoms("OH2" * molecules_per_side ** 3, positions=positions, cell=[side] * 3, pbc=True)


@pytest.mark.parametrize("spacing, direction", [(2.9, +1), (3.4, -1)])
def test_npt_berendsen_water(calculator, spacing, direction):
    """64 waters at 1.23 g/cm³ (compressed) and 0.76 g/cm³ (stretched), relaxed a little (the lattice's random
    orientations clash), then 1 bar and 300 K: the compressed box has a positive pressure and grows, the stretched
    one a negative pressure and shrinks, on average over the run too; the box stays intact (finite, molecules
    whole, temperature bounded)."""
    atoms = water_box(4, spacing, seed=3)
    # liquid water has ~50 atoms within the 5 Å cutoff, more than the default model's max_num_neighbors (32)
    atoms.calc = calculator(DEFAULT_MODEL, overrides={"max_num_neighbors": 96})
    BFGS(atoms, logfile=None).run(fmax=0.1, steps=30)
    MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=np.random.default_rng(2))
    Stationary(atoms)
    start_volume = atoms.get_volume()
    start_pressure = -atoms.get_stress(include_ideal_gas=True)[:3].mean() / units.bar
    dynamics = NPTBerendsen(atoms, 0.5 * units.fs, temperature_K=300, pressure_au=1.0 * units.bar, taut=20 * units.fs,
                            taup=100 * units.fs, compressibility_au=4.57e-5 / units.bar)
    volumes = []
    dynamics.attach(lambda: volumes.append(atoms.get_volume()))
    dynamics.run(60)
    change = volumes[-1] / start_volume - 1
    print(f"NPT water, spacing {spacing} Å: pressure {start_pressure:.0f} bar, volume {start_volume:.1f} -> {volumes[-1]:.1f} Å³"
          f" ({100 * change:+.1f} %), temperature {atoms.get_temperature():.0f} K")
    assert np.sign(start_pressure - 1.0) == direction
    assert np.sign(change) == direction and 0.005 < abs(change) < 0.3
    assert np.sign(np.mean(volumes[30:]) - np.mean(volumes[:30])) == direction
    assert np.all(np.isfinite(atoms.positions)) and atoms.get_temperature() < 1000
    bonds = np.linalg.norm(atoms.positions[1::3] - atoms.positions[0::3], axis=1)  # the molecules stay molecules
    assert bonds.max() < 1.3
