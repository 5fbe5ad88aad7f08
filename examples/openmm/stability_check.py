"""Is a TensorNet checkpoint stable in molecular dynamics? Runs Langevin dynamics (default: alanine dipeptide in
vacuum, 10 ps at 300 K, LangevinMiddleIntegrator, 0.5 fs steps, friction 1/ps, CPU platform) through the
tensornet4j OpenMM plugin and checks every `--check-every` steps that

- positions and energies are finite (no NaN / inf);
- every covalent bond of the start structure (distance < 1.25 x the sum of covalent radii) stays between
  0.7x and 1.5x its starting length, and no new covalent bond forms;
- no atom flies off: every atom keeps a neighbour within 2.5 A;
- the temperature stays below 3x the target, and its mean over the run's second half is within 25 %.

    /usr/bin/python3 examples/openmm/stability_check.py CHECKPOINT [--pdb PDB] [--energy-unit eV]
        [--picoseconds 10] [--timestep-fs 0.5] [--temperature 300] [--friction 1] [--seed 2024]

It prints the potential-energy mean and fluctuation, the total-energy drift (a Langevin run does not conserve
energy: the drift shows heating or a runaway, the fluctuation the thermostat's exchange), the temperature,
the largest bond-length deviation from the start, and STABLE or UNSTABLE (exit status 1, or 2 for bad
arguments). Same environment as alanine_dipeptide.py (nothing once installed; else PYTHONPATH=<build>/python).
"""
import argparse
import math
import os
import sys

import numpy as np
import openmm
import openmm.app as app
import openmm.unit as unit

import openmmtensornet4j

COVALENT_RADII = {1: 0.31, 6: 0.76, 7: 0.71, 8: 0.66, 9: 0.57, 15: 1.07, 16: 1.05, 17: 1.02}  # A (Cordero 2008)
BOLTZMANN_KJ_PER_MOL_K = unit.MOLAR_GAS_CONSTANT_R.value_in_unit(unit.kilojoule_per_mole / unit.kelvin)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint")
    parser.add_argument("--pdb", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "molecules",
                                                      "alanine_dipeptide.pdb"))
    parser.add_argument("--energy-unit", default="eV", help="the model's energy unit (eV for the shipped models)")
    parser.add_argument("--picoseconds", type=float, default=10.0)
    parser.add_argument("--timestep-fs", type=float, default=0.5)
    parser.add_argument("--temperature", type=float, default=300.0)
    parser.add_argument("--friction", type=float, default=1.0, help="per ps")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--check-every", type=int, default=100, help="steps between checks and samples")
    args = parser.parse_args()
    if not os.path.isfile(args.checkpoint):
        parser.error(f"checkpoint {args.checkpoint} not found")
    if args.picoseconds <= 0 or args.timestep_fs <= 0 or args.check_every <= 0:
        parser.error("--picoseconds, --timestep-fs and --check-every must be positive")
    return args


def covalent_bonds(numbers, positions_a):
    radii = np.array([COVALENT_RADII.get(z, 0.8) for z in numbers])
    d = np.linalg.norm(positions_a[:, None] - positions_a[None], axis=-1)
    bonded = d < 1.25 * (radii[:, None] + radii[None])
    np.fill_diagonal(bonded, False)
    return bonded, d


def problems(numbers, positions_a, start_bonded, start_lengths):
    """What is wrong with this frame (empty if nothing)."""
    if not np.all(np.isfinite(positions_a)):
        return ["non-finite positions"]
    bonded, d = covalent_bonds(numbers, positions_a)
    found = []
    ratio = d[start_bonded] / start_lengths[start_bonded]
    if ratio.size and (ratio.max() > 1.5 or ratio.min() < 0.7):
        found.append(f"bond length ratio {ratio.min():.2f}..{ratio.max():.2f} (allowed 0.7..1.5)")
    new = bonded & ~start_bonded
    if new.any():
        i, j = np.argwhere(new)[0]
        found.append(f"new bond between atoms {i} and {j} ({d[i, j]:.2f} A)")
    np.fill_diagonal(d, np.inf)
    if d.min(axis=1).max() > 2.5:
        found.append(f"atom {int(d.min(axis=1).argmax())} has no neighbour within 2.5 A")
    return found


def main():
    args = arguments()
    if "TN4J_PLUGIN_DIR" in os.environ:
        openmm.Platform.loadPluginsFromDirectory(os.environ["TN4J_PLUGIN_DIR"])
    pdb = app.PDBFile(args.pdb)
    numbers = [atom.element.atomic_number for atom in pdb.topology.atoms()]
    system = openmm.System()
    for atom in pdb.topology.atoms():
        system.addParticle(atom.element.mass)
    force = openmmtensornet4j.TensorNetForce(args.checkpoint, numbers)
    force.setEnergyUnit(args.energy_unit)
    system.addForce(force)
    dt = args.timestep_fs * unit.femtoseconds
    integrator = openmm.LangevinMiddleIntegrator(args.temperature * unit.kelvin, args.friction / unit.picosecond, dt)
    integrator.setRandomNumberSeed(args.seed)
    context = openmm.Context(system, integrator, openmm.Platform.getPlatformByName("CPU"))
    context.setPositions(pdb.positions)
    context.setVelocitiesToTemperature(args.temperature * unit.kelvin, args.seed)

    start = np.array(pdb.positions.value_in_unit(unit.angstrom))
    start_bonded, start_lengths = covalent_bonds(numbers, start)
    steps = int(round(args.picoseconds * 1000 / args.timestep_fs))
    dof = 3 * len(numbers)  # no constraints, no centre-of-mass remover
    times, potential, total, temperature, worst_ratio, failure = [], [], [], [], 1.0, None
    done = 0
    while done < steps and failure is None:
        n = min(args.check_every, steps - done)
        integrator.step(n)
        done += n
        state = context.getState(getPositions=True, getEnergy=True)
        positions = np.array(state.getPositions(asNumpy=True).value_in_unit(unit.angstrom))
        e_pot = state.getPotentialEnergy().value_in_unit(unit.kilojoule_per_mole)
        e_kin = state.getKineticEnergy().value_in_unit(unit.kilojoule_per_mole)
        t = 2 * e_kin / (dof * BOLTZMANN_KJ_PER_MOL_K)
        times.append(done * args.timestep_fs / 1000)
        potential.append(e_pot)
        total.append(e_pot + e_kin)
        temperature.append(t)
        found = problems(numbers, positions, start_bonded, start_lengths)
        if not (math.isfinite(e_pot) and math.isfinite(e_kin)):
            found.append("non-finite energy")
        if t > 3 * args.temperature:
            found.append(f"temperature {t:.0f} K above 3x the target")
        if np.all(np.isfinite(positions)):
            d = np.linalg.norm(positions[:, None] - positions[None], axis=-1)
            ratio = d[start_bonded] / start_lengths[start_bonded]
            worst_ratio = max(worst_ratio, float(ratio.max()), 1 / float(ratio.min()))
        if found:
            failure = f"at {times[-1]:.3f} ps: " + "; ".join(found)

    times, potential, total, temperature = map(np.array, (times, potential, total, temperature))
    second_half = temperature[len(temperature) // 2:]
    if failure is None and abs(second_half.mean() - args.temperature) > 0.25 * args.temperature:
        failure = f"mean temperature over the second half {second_half.mean():.0f} K, target {args.temperature:.0f} K"
    finite = np.isfinite(total)
    drift = np.polyfit(times[finite], total[finite], 1)[0] if finite.sum() > 1 else float("nan")
    bonds = int(start_bonded.sum() // 2)
    print(f"model {args.checkpoint} (energy unit {args.energy_unit}), {args.pdb}: {len(numbers)} atoms, {bonds} bonds")
    print(f"ran {times[-1] if len(times) else 0:.3f} of {args.picoseconds:g} ps "
          f"({done} steps of {args.timestep_fs:g} fs, {args.temperature:g} K, friction {args.friction:g}/ps, "
          f"seed {args.seed})")
    print(f"potential energy  mean {np.nanmean(potential):.2f} kJ/mol, fluctuation (std) {np.nanstd(potential):.2f} kJ/mol")
    print(f"total energy      drift {drift:.2f} kJ/mol/ps, fluctuation (std) {np.nanstd(total):.2f} kJ/mol")
    print(f"temperature       mean {np.nanmean(temperature):.1f} K (second half {np.nanmean(second_half):.1f} K), "
          f"max {np.nanmax(temperature):.1f} K")
    print(f"bond lengths      largest deviation from the start: factor {worst_ratio:.3f}")
    if failure:
        print(f"UNSTABLE {failure}")
        sys.exit(1)
    print("STABLE")


if __name__ == "__main__":
    main()
