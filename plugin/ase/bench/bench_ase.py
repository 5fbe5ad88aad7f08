"""ms per MD step through ASE (Velocity Verlet, 0.5 fs: one energy + forces evaluation per step) for alanine
dipeptide (22 atoms, vacuum) and the solvated alanine dipeptide box (2269 atoms, periodic, tests/fixtures),
next to the bare C-ABI call (tensornet4j.capi.Potential.evaluate) on positions displaced alike, so the calculator's
own cost (ASE bookkeeping, cell frame, ctypes) shows as the difference. Periodic rows also with the stress
(virial) computed every step, as NPT needs.

    PYTHONPATH=build/python /usr/bin/python3 plugin/ase/bench/bench_ase.py [--model CKPT] [--steps 200]
        [--box-steps 10] [--rounds 3] [--set KEY=VALUE ...]

Untimed warm-up, then `rounds` timed rounds of each, alternating; prints median and minimum ms/step of the
rounds as a markdown table.
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
from tensornet4j.cell import PeriodicFrame

ROOT = pathlib.Path(__file__).resolve().parents[3]
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--model", default=str(ROOT / "tests/fixtures/tensornet/tn-bench.ckpt"))
parser.add_argument("--steps", type=int, default=200, help="MD steps per round, alanine dipeptide")
parser.add_argument("--box-steps", type=int, default=10, help="MD steps per round, solvated box")
parser.add_argument("--rounds", type=int, default=3)
parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="a hyper-parameter override, e.g. max_num_neighbors=96 for a model made for molecules")
args = parser.parse_args()


def solvated_box():
    ref = json.loads((ROOT / "tests/fixtures/tensornet/tn-small__alanine_dipeptide_explicit_pbc.json").read_text())
    return Atoms(numbers=ref["z"], positions=ref["pos"], cell=ref["box"], pbc=True)


def timed_rounds(atoms, steps, stress):
    """ms per MD step through ASE and ms per bare C-ABI call, in alternating rounds (a busy machine slows both
    alike). The bare calls get freshly displaced positions each call, as the MD steps do."""
    dynamics = VelocityVerlet(atoms, 0.5 * units.fs)
    if stress:
        dynamics.attach(atoms.get_stress)
    dynamics.run(1)  # warm-up
    box = PeriodicFrame(atoms.cell).box if atoms.pbc.all() else None
    noise = np.random.default_rng(0).normal(scale=1e-3, size=(steps, *atoms.positions.shape))
    md, bare = [], []
    for _ in range(args.rounds):
        began = time.perf_counter()
        dynamics.run(steps)
        md.append(1000 * (time.perf_counter() - began) / steps)
        began = time.perf_counter()
        for displacement in noise:
            calc.potential.evaluate(atoms.numbers, atoms.positions + displacement, box, None, virial=stress)
        bare.append(1000 * (time.perf_counter() - began) / steps)
    return md, bare


calc = TensorNetCalculator(model=args.model, energy_unit="eV", overrides=args.set)
rows = []
systems = [("alanine_dipeptide", read(ROOT / "examples/molecules/alanine_dipeptide.pdb", index=0), args.steps, False),
           ("solvated box", solvated_box(), args.box_steps, False),
           ("solvated box + stress", solvated_box(), args.box_steps, True)]
for name, atoms, steps, stress in systems:
    MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=np.random.default_rng(1))
    atoms.calc = calc
    md, bare = timed_rounds(atoms, steps, stress)
    rows.append((name, len(atoms), steps, md, bare))
    print(f"{name}: ASE {statistics.median(md):.1f} ms/step, C ABI {statistics.median(bare):.1f} ms/call", flush=True)

print(f"\nmodel {args.model} {' '.join(args.set)}, {args.rounds} rounds\n")
print("| system | atoms | steps/round | ASE median ms/step | ASE min | C ABI median ms/call | C ABI min |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, n, steps, md, bare in rows:
    print(f"| {name} | {n} | {steps} | {statistics.median(md):.1f} | {min(md):.1f} | {statistics.median(bare):.1f} | {min(bare):.1f} |")
