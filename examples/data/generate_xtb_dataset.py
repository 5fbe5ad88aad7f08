#!/usr/bin/python3
"""Regenerates examples/data/xtb-gfn2-md.h5 (and, with --set test, the held-out xtb-gfn2-md-test.h5): conformations sampled by GFN2-xTB molecular dynamics, with
GFN2-xTB energies and forces, in TorchMD-Net's HDF5 layout (see README.md next to this file).

    /usr/bin/python3 examples/data/generate_xtb_dataset.py [--set train|test] [--out FILE] [--jobs N] [--scale F]
        [--work DIR]

Needs the `xtb` program (Debian package xtb, 6.5.1 was used), numpy and h5py (Debian python3-h5py). Not used in
CI: the dataset it writes is committed. Every run is reproducible: the initial velocities come from numpy with
a fixed seed per run (xtb's own velocity draw is not seeded), and xtb is run single-threaded.

Steps, per molecule: (1) optimise the starting structure with `xtb --opt`; (2) for each (temperature, seed)
run, draw Maxwell-Boltzmann velocities, run `xtb --md` (Berendsen NVT, no SHAKE, real hydrogen masses,
0.5 fs steps) and keep a frame every `dump` fs; (3) drop frames whose covalent bond graph differs from the
optimised structure's (a bond broke or formed: rare at these temperatures, counted in the log); (4) run a
GFN2-xTB single point with gradient (`xtb --grad`) on every kept frame.
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HARTREE_TO_EV = 27.211386245988
BOHR_TO_ANGSTROM = 0.529177210903
AMU_TO_ELECTRON_MASS = 1822.888486209
BOLTZMANN_HARTREE_PER_K = 3.166811563e-6

ELEMENTS = {"H": 1, "C": 6, "N": 7, "O": 8}
MASSES_AMU = {"H": 1.008, "C": 12.011, "N": 14.007, "O": 15.999}
COVALENT_RADII = {"H": 0.31, "C": 0.76, "N": 0.71, "O": 0.66}  # Angstrom (Cordero et al. 2008)

HERE = os.path.dirname(os.path.abspath(__file__))
STRUCTURES = os.path.join(HERE, "structures")
MOLECULES_DIR = os.path.join(HERE, "..", "molecules")

# (molecule, temperature K, frames, seed). One dump every DUMP_FS fs, so a run lasts frames * DUMP_FS fs.
# Alanine dipeptide (the OpenMM demo molecule) gets the most frames, from 300 K (the demo's temperature) to
# 800 K; the other molecules widen the chemistry. Water clusters run cooler and inside a wall so that they
# do not evaporate.
RUNS = [
    ("alanine_dipeptide", 300, 300, 101),
    ("alanine_dipeptide", 500, 350, 102),
    ("alanine_dipeptide", 800, 350, 103),
    ("caffeine", 500, 125, 201),
    ("caffeine", 800, 125, 202),
    ("aspirin", 500, 125, 301),
    ("aspirin", 800, 125, 302),
    ("paracetamol", 500, 125, 401),
    ("paracetamol", 800, 125, 402),
    ("ethanol", 500, 125, 501),
    ("ethanol", 800, 125, 502),
    ("benzene", 800, 120, 601),
    ("methylamine", 800, 120, 701),
    ("water_3", 350, 100, 803),
    ("water_4", 350, 100, 804),
    ("water_5", 350, 100, 805),
    ("water_6", 350, 100, 806),
]
# An independent test set: new trajectories (other seeds) of the same molecules, never seen in training,
# unlike a random split of the training trajectories whose frames neighbour training frames in time.
TEST_RUNS = [
    ("alanine_dipeptide", 300, 100, 901),
    ("alanine_dipeptide", 500, 60, 902),
    ("caffeine", 500, 30, 903),
    ("aspirin", 500, 30, 904),
    ("paracetamol", 500, 30, 905),
    ("ethanol", 500, 30, 906),
    ("water_5", 350, 30, 907),
]
DUMP_FS = 20.0
STEP_FS = 0.5


def read_xyz(path):
    with open(path) as f:
        lines = f.read().splitlines()
    n = int(lines[0])
    rows = [line.split() for line in lines[2:2 + n]]
    return [r[0].capitalize() for r in rows], np.array([[float(v) for v in r[1:4]] for r in rows])


def read_pdb(path):
    elements, positions = [], []
    with open(path) as f:
        for line in f:
            if line.startswith(("ATOM", "HETATM")):
                elements.append(line[76:78].strip().capitalize())
                positions.append([float(line[30:38]), float(line[38:46]), float(line[46:54])])
    return elements, np.array(positions)


def write_xyz(path, elements, positions, comment=""):
    with open(path, "w") as f:
        f.write(f"{len(elements)}\n{comment}\n")
        for e, p in zip(elements, positions):
            f.write(f"{e:2s} {p[0]:20.12f} {p[1]:20.12f} {p[2]:20.12f}\n")


def water_ring(n):
    """A planar-ish ring of n waters, each donating one hydrogen bond to the next (O-O 2.8 A): a guess that
    xtb --opt turns into the cyclic cluster."""
    radius = 2.8 / (2 * np.sin(np.pi / n))
    elements, positions = [], []
    for i in range(n):
        a, b = 2 * np.pi * i / n, 2 * np.pi * (i + 1) / n
        o = np.array([radius * np.cos(a), radius * np.sin(a), 0.0])
        o_next = np.array([radius * np.cos(b), radius * np.sin(b), 0.0])
        donor = o + 0.97 * (o_next - o) / np.linalg.norm(o_next - o)
        free = o + 0.97 * np.array([0.3 * np.cos(a), 0.3 * np.sin(a), 0.9 * (1 if i % 2 else -1)]) / np.sqrt(0.9)
        elements += ["O", "H", "H"]
        positions += [o, donor, free]
    return elements, np.array(positions)


def starting_structure(name):
    if name.startswith("water_"):
        return water_ring(int(name.split("_")[1]))
    pdb = os.path.join(MOLECULES_DIR, name + ".pdb")
    if os.path.exists(pdb):
        return read_pdb(pdb)
    return read_xyz(os.path.join(STRUCTURES, name + ".xyz"))


def bond_graph(elements, positions):
    radii = np.array([COVALENT_RADII[e] for e in elements])
    d = np.linalg.norm(positions[:, None, :] - positions[None, :, :], axis=-1)
    bonded = d < 1.25 * (radii[:, None] + radii[None, :])
    np.fill_diagonal(bonded, False)
    return bonded


def run_xtb(args, cwd):
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OMP_STACKSIZE="500M")
    result = subprocess.run(["xtb", *args, "--gfn", "2", "--chrg", "0", "--uhf", "0", "-P", "1"], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0 or "normal termination" not in result.stdout:
        raise RuntimeError(f"xtb {' '.join(args)} failed in {cwd}:\n{result.stdout[-3000:]}")
    return result.stdout


def optimise(name, work):
    elements, positions = starting_structure(name)
    d = os.path.join(work, "opt-" + name)
    os.makedirs(d, exist_ok=True)
    write_xyz(os.path.join(d, "start.xyz"), elements, positions)
    run_xtb(["start.xyz", "--opt", "tight"], d)
    return read_xyz(os.path.join(d, "xtbopt.xyz"))


def write_md_restart(path, elements, positions, temperature, seed):
    """xtb's mdrestart: a header line, then per atom x y z (Bohr) and vx vy vz (Bohr per atomic time unit).
    Velocities are Maxwell-Boltzmann at `temperature`, centre-of-mass motion removed, scaled to exactly
    (3N-3)/2 kT."""
    masses = np.array([MASSES_AMU[e] for e in elements]) * AMU_TO_ELECTRON_MASS
    kt = BOLTZMANN_HARTREE_PER_K * temperature
    rng = np.random.default_rng(seed)
    v = rng.normal(size=positions.shape) * np.sqrt(kt / masses)[:, None]
    v -= (masses[:, None] * v).sum(0) / masses.sum()
    v *= np.sqrt(0.5 * (3 * len(elements) - 3) * kt / (0.5 * (masses[:, None] * v ** 2).sum()))
    with open(path, "w") as f:
        f.write(" -1.0\n")
        for p, vv in zip(positions / BOHR_TO_ANGSTROM, v):
            f.write("".join(f"{x:22.14E}" for x in (*p, *vv)) + "\n")


def md_input(temperature, frames, water):
    text = (f"$md\n   temp={temperature}\n   time={frames * DUMP_FS / 1000.0}\n"
            f"   dump={DUMP_FS}\n   step={STEP_FS}\n   shake=0\n   hmass=1\n   nvt=true\n   restart=true\n$end\n")
    if water:  # keep the cluster together: xtb's log-Fermi wall around the starting structure
        text += "$wall\n   potential=logfermi\n   sphere: auto, all\n$end\n"
    return text


def read_trajectory(path, n):
    with open(path) as f:
        lines = f.read().splitlines()
    frames = []
    for start in range(0, len(lines) - n - 1, n + 2):
        rows = [line.split() for line in lines[start + 2:start + 2 + n]]
        frames.append(np.array([[float(v) for v in r[1:4]] for r in rows]))
    return frames


def single_point(elements, positions, d):
    """GFN2-xTB energy (eV) and forces (eV/A) from `xtb --grad`'s Turbomole-style gradient file."""
    write_xyz(os.path.join(d, "frame.xyz"), elements, positions)
    for stale in ("gradient", "energy"):
        if os.path.exists(os.path.join(d, stale)):
            os.remove(os.path.join(d, stale))
    run_xtb(["frame.xyz", "--grad"], d)
    with open(os.path.join(d, "gradient")) as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    n = len(elements)
    energy_hartree = float(lines[1].split("SCF energy =")[1].split()[0])
    gradient = np.array([[float(v.replace("D", "E")) for v in line.split()[:3]] for line in lines[2 + n:2 + 2 * n]])
    return energy_hartree * HARTREE_TO_EV, -gradient * HARTREE_TO_EV / BOHR_TO_ANGSTROM


def sample(run, elements, optimised, work, scale):
    name, temperature, frames, seed = run
    frames = max(2, int(round(frames * scale)))
    d = os.path.join(work, f"md-{name}-{temperature}K-{seed}")
    os.makedirs(d, exist_ok=True)
    write_xyz(os.path.join(d, "start.xyz"), elements, optimised)
    write_md_restart(os.path.join(d, "mdrestart"), elements, optimised, temperature, seed)
    with open(os.path.join(d, "md.inp"), "w") as f:
        f.write(md_input(temperature, frames, name.startswith("water_")))
    run_xtb(["start.xyz", "--input", "md.inp", "--md"], d)
    # float32, as stored: the energies and forces then belong exactly to the positions in the file
    trajectory = [p.astype(np.float32).astype(np.float64)
                  for p in read_trajectory(os.path.join(d, "xtb.trj"), len(elements))[:frames]]
    reference = bond_graph(elements, optimised)
    kept = [p for p in trajectory if name.startswith("water_") or np.array_equal(bond_graph(elements, p), reference)]
    energies, forces = [], []
    for p in kept:
        e, f = single_point(elements, p, d)
        energies.append(e)
        forces.append(f)
    print(f"{name:18s} {temperature:4d} K seed {seed}: {len(trajectory)} frames, {len(trajectory) - len(kept)} "
          f"dropped (bond graph changed), {len(kept)} kept", flush=True)
    return name, np.array(kept), np.array(energies), np.array(forces)


def write_hdf5(path, molecules):
    import h5py
    with h5py.File(path, "w") as f:
        for name, (elements, pos, energy, forces) in molecules.items():
            g = f.create_group(name)
            m = len(pos)
            g.create_dataset("types", data=np.array([ELEMENTS[e] for e in elements], dtype=np.int64))
            g.create_dataset("pos", data=pos.astype(np.float32), compression="gzip", compression_opts=9)
            g.create_dataset("energy", data=energy.reshape(m, 1).astype(np.float64), compression="gzip",
                             compression_opts=9)
            g.create_dataset("forces", data=forces.astype(np.float32), compression="gzip", compression_opts=9)
            g.create_dataset("total_charge", data=np.zeros((m, 1), dtype=np.float32))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["train", "test"], default="train",
                        help="train: RUNS into xtb-gfn2-md.h5; test: TEST_RUNS into xtb-gfn2-md-test.h5")
    parser.add_argument("--out", help="output file (default: by --set, next to this script)")
    parser.add_argument("--jobs", type=int, default=2, help="xtb runs in parallel, each single-threaded")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every run's frame count (quick tries)")
    parser.add_argument("--work", help="keep xtb's files in this folder (default: a temporary one, removed)")
    args = parser.parse_args()
    if shutil.which("xtb") is None:
        sys.exit("xtb not found: install it (Debian: apt-get install xtb)")
    runs = RUNS if args.set == "train" else TEST_RUNS
    out = args.out or os.path.join(HERE, "xtb-gfn2-md.h5" if args.set == "train" else "xtb-gfn2-md-test.h5")
    work = args.work or tempfile.mkdtemp(prefix="tn4j-xtb-")
    os.makedirs(work, exist_ok=True)
    names = list(dict.fromkeys(run[0] for run in runs))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        optimised = dict(zip(names, pool.map(lambda n: optimise(n, work), names)))
        results = list(pool.map(lambda r: sample(r, optimised[r[0]][0], optimised[r[0]][1], work, args.scale), runs))
    molecules = {}
    for name, pos, energy, forces in results:
        elements = optimised[name][0]
        if name in molecules:
            _, p0, e0, f0 = molecules[name]
            pos, energy, forces = np.concatenate([p0, pos]), np.concatenate([e0, energy]), np.concatenate([f0, forces])
        molecules[name] = (elements, pos, energy, forces)
    write_hdf5(out, molecules)
    total = sum(len(m[1]) for m in molecules.values())
    for name, (elements, pos, energy, forces) in molecules.items():
        print(f"{name:18s} {len(elements):3d} atoms {len(pos):5d} frames  energy {energy.min():.3f}..{energy.max():.3f} eV"
              f"  |F| max {np.abs(forces).max():.2f} eV/A")
    print(f"wrote {out}: {len(molecules)} groups, {total} frames")
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
