#!/usr/bin/env python3
"""Molecular dynamics in ASE with forces from tensornet4j over the i-PI socket protocol.

ASE's SocketIOCalculator listens on a Unix socket and starts `tn4j ipi` as its force client; every MD
step sends the positions (Bohr) and gets energy, forces and virial back (Hartree). Prints the energy
every few steps and the time per step.

    /usr/bin/python3 examples/ipi/ase_md.py [--steps 100] [--model CKPT] [--input PDB] [--energy-unit eV]
"""
import argparse
import os
import pathlib
import subprocess
import sys
import time
import warnings

from ase import units
from ase.calculators.socketio import SocketIOCalculator
from ase.io import read
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
from ase.md.verlet import VelocityVerlet

ROOT = pathlib.Path(__file__).resolve().parents[2]


def tn4j_client(model, structure, energy_unit):
    """ASE's launch_client hook: starts `tn4j ipi` on the socket ASE has just bound."""
    def launch(atoms, properties=None, port=None, unixsocket=None):
        address = f"unix:{unixsocket}" if unixsocket else f"localhost:{port}"
        return subprocess.Popen([str(ROOT / "tn4j"), "ipi", "--model", str(model), "--input", str(structure),
                                 "--energy-unit", energy_unit, "--address", address])
    return launch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--model", default=ROOT / "examples/models/default.ckpt")
    parser.add_argument("--input", default=ROOT / "examples/molecules/alanine_dipeptide.pdb")
    parser.add_argument("--energy-unit", default="eV", help="the model's energy unit (default.ckpt: eV)")
    args = parser.parse_args()

    with warnings.catch_warnings():  # ASE warns about the empty frame after ENDMDL
        warnings.simplefilter("ignore", UserWarning)
        atoms = read(args.input, index=0)  # the first model: ASE would take the (empty) last one after ENDMDL
    MaxwellBoltzmannDistribution(atoms, temperature_K=300, rng=__import__("numpy").random.default_rng(1))
    socket_name = f"tn4j_example_{os.getpid()}"
    with SocketIOCalculator(unixsocket=socket_name, launch_client=tn4j_client(args.model, args.input, args.energy_unit)) as calc:
        atoms.calc = calc
        md = VelocityVerlet(atoms, timestep=0.5 * units.fs)
        e0 = atoms.get_total_energy()  # the first call starts the client and loads the model: not timed
        start = time.perf_counter()
        for done in range(0, args.steps, 20):
            md.run(min(20, args.steps - done))
            print(f"step {md.nsteps:5d}  potential {atoms.get_potential_energy():.6f} eV  total {atoms.get_total_energy():.6f} eV")
        elapsed = time.perf_counter() - start
    drift = atoms.get_total_energy() - e0
    print(f"{args.steps} steps, {1000 * elapsed / args.steps:.2f} ms/step through i-PI;"
          f" total energy at the end minus at the start {drift:+.2e} eV")
    return 0


if __name__ == "__main__":
    sys.exit(main())
