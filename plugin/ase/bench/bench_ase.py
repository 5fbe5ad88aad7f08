"""ms per MD step through ASE (Velocity Verlet, 0.5 fs: one energy + forces evaluation per step) for alanine
dipeptide (22 atoms, vacuum) and the solvated alanine dipeptide box (2269 atoms, periodic, tests/fixtures),
next to the bare C-ABI call (tensornet4j.capi.Potential.evaluate) on the same positions, so the calculator's
own cost (ASE bookkeeping, cell frame, ctypes) shows as the difference. Periodic rows also with the stress
(virial) computed every step, as NPT needs.

    PYTHONPATH=build/python /usr/bin/python3 plugin/ase/bench/bench_ase.py [--model CKPT] [--steps 200]
        [--box-steps 10] [--rounds 2]

Untimed warm-up, then `rounds` timed runs; prints median and minimum ms/step of the rounds as a markdown table.
"""
import argparse
import json
import pathlib
import statistics
import time

import numpy as np
from ase import Atoms, units
from ase.io import read
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
from ase.md.verlet import VelocityVerlet

from tensornet4j.ase import TensorNetCalculator

ROOT = pathlib.Path(__file__).resolve().parents[3]
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--model", default=str(ROOT / "tests/fixtures/tensornet/tn-bench.ckpt"))
parser.add_argument("--steps", type=int, default=200, help="MD steps per round, alanine dipeptide")
parser.add_argument("--box-steps", type=int, default=10, help="MD steps per round, solvated box")
parser.add_argument("--rounds", type=int, default=2)
args = parser.parse_args()


def solvated_box():
    ref = json.loads((ROOT / "tests/fixtures/tensornet/tn-small__alanine_dipeptide_explicit_pbc.json").read_text())
    return Atoms(numbers=ref["z"], positions=ref["pos"], cell=ref["box"], pbc=True)


def md_ms_per_step(atoms, steps, stress):
    dynamics = VelocityVerlet(atoms, 0.5 * units.fs)
    if stress:
        dynamics.attach(atoms.get_stress)
    dynamics.run(1)  # warm-up
    times = []
    for _ in range(args.rounds):
        began = time.perf_counter()
        dynamics.run(steps)
        times.append(1000 * (time.perf_counter() - began) / steps)
    return times


def bare_ms_per_call(calc, atoms, steps, stress):
    frame = None
    if atoms.pbc.all():
        from tensornet4j.cell import PeriodicFrame
        frame = PeriodicFrame(atoms.cell)
    box = None if frame is None else frame.box
    calc.potential.evaluate(atoms.numbers, atoms.positions, box, None, virial=stress)
    times = []
    for _ in range(args.rounds):
        began = time.perf_counter()
        for _ in range(steps):
            calc.potential.evaluate(atoms.numbers, atoms.positions, box, None, virial=stress)
        times.append(1000 * (time.perf_counter() - began) / steps)
    return times


calc = TensorNetCalculator(model=args.model, energy_unit="eV")
rows = []
systems = [("alanine_dipeptide", read(ROOT / "examples/molecules/alanine_dipeptide.pdb", index=0), args.steps, False),
           ("solvated box", solvated_box(), args.box_steps, False),
           ("solvated box + stress", solvated_box(), args.box_steps, True)]
for name, atoms, steps, stress in systems:
    MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=np.random.default_rng(1))
    atoms.calc = calc
    md = md_ms_per_step(atoms, steps, stress)
    bare = bare_ms_per_call(calc, atoms, steps, stress)
    rows.append((name, len(atoms), steps, md, bare))
    print(f"{name}: ASE {statistics.median(md):.1f} ms/step, C ABI {statistics.median(bare):.1f} ms/call", flush=True)

print(f"\nmodel {args.model}, {args.rounds} rounds\n")
print("| system | atoms | steps/round | ASE median ms/step | ASE min | C ABI median ms/call | C ABI min |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, n, steps, md, bare in rows:
    print(f"| {name} | {n} | {steps} | {statistics.median(md):.1f} | {min(md):.1f} | {statistics.median(bare):.1f} | {min(bare):.1f} |")
