"""Alanine dipeptide (in vacuum) on TensorNet through tensornet4j's ASE calculator: a BFGS geometry
optimisation, then Langevin dynamics (0.5 fs, 300 K, friction 0.01/fs), energies every 100 steps.

    /usr/bin/python3 examples/ase/alanine_dipeptide.py [--pdb PDB] [--model CKPT] [--steps 1000]

Needs a JDK 17+ (JAVA_HOME, the java on PATH, or default-java) and the package tensornet4j importable
(installed, or PYTHONPATH=<build>/python). The default model (examples/models/default.ckpt, trained on GFN2-xTB)
gives eV; another checkpoint needs its own energy_unit.
"""
import argparse
import time
import warnings

import numpy as np
from ase import units
from ase.io import read
from ase.md.langevin import Langevin
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
from ase.optimize import BFGS

from tensornet4j.ase import TensorNetCalculator

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--pdb", default="examples/molecules/alanine_dipeptide.pdb")
parser.add_argument("--model", default="examples/models/default.ckpt")
parser.add_argument("--steps", type=int, default=1000, help="Langevin steps (default 1000)")
args = parser.parse_args()

with warnings.catch_warnings():  # ASE 3.22 reads an empty model after ENDMDL and warns about it
    warnings.simplefilter("ignore", UserWarning)
    atoms = read(args.pdb, index=0)
atoms.calc = TensorNetCalculator(model=args.model, energy_unit="eV")  # the unit the default model was trained in

start = atoms.get_potential_energy()
optimizer = BFGS(atoms, logfile=None)
converged = optimizer.run(fmax=0.05, steps=500)
print(f"BFGS: {optimizer.nsteps} steps, energy {start:.4f} -> {atoms.get_potential_energy():.4f} eV,"
      f" largest force {np.linalg.norm(atoms.get_forces(), axis=1).max():.3f} eV/Å"
      + ("" if converged else " (not converged)"))

MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=np.random.default_rng(2024))
dynamics = Langevin(atoms, 0.5 * units.fs, temperature_K=300, friction=0.01 / units.fs, rng=np.random.default_rng(7))
print(f"{'step':>6} {'potential (eV)':>15} {'kinetic (eV)':>13} {'T (K)':>7}")


def report():
    print(f"{dynamics.nsteps:6d} {atoms.get_potential_energy():15.4f} {atoms.get_kinetic_energy():13.4f}"
          f" {atoms.get_temperature():7.1f}")


dynamics.attach(report, interval=100)
began = time.perf_counter()
dynamics.run(args.steps)
elapsed = time.perf_counter() - began
print(f"{args.steps} steps in {elapsed:.1f} s: {1000 * elapsed / max(1, args.steps):.1f} ms/step")
