"""Writes water-box.data: 64 rigid-geometry water molecules (O at the points of a 4x4x4 grid, each
turned at random, seeded) in a periodic cube of 12.42 A (about 1 g/cm^3), LAMMPS atom_style atomic,
type 1 = O, type 2 = H.   python3 examples/lammps/make-water-box.py > examples/lammps/water-box.data"""
import math
import random

random.seed(2024)
N, L = 4, 12.42
OH, HOH = 0.9572, math.radians(104.52)


def rotation():
    # A uniformly random rotation from a random unit quaternion.
    q = [random.gauss(0, 1) for _ in range(4)]
    n = math.sqrt(sum(c * c for c in q))
    w, x, y, z = (c / n for c in q)
    return [[1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
            [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
            [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)]]


local = [(0.0, 0.0, 0.0),
         (OH * math.sin(HOH / 2), OH * math.cos(HOH / 2), 0.0),
         (-OH * math.sin(HOH / 2), OH * math.cos(HOH / 2), 0.0)]
atoms = []
spacing = L / N
for i in range(N):
    for j in range(N):
        for k in range(N):
            origin = ((i + 0.5) * spacing, (j + 0.5) * spacing, (k + 0.5) * spacing)
            r = rotation()
            for index, p in enumerate(local):
                pos = [origin[a] + sum(r[a][b] * p[b] for b in range(3)) for a in range(3)]
                atoms.append((1 if index == 0 else 2, [c % L for c in pos]))

print(f"# {len(atoms) // 3} water molecules, {L} A periodic cube (examples/lammps/make-water-box.py)\n")
print(f"{len(atoms)} atoms\n2 atom types\n")
for axis in "xyz":
    print(f"0.0 {L} {axis}lo {axis}hi")
print("\nMasses\n\n1 15.9994\n2 1.008\n\nAtoms # atomic\n")
for n, (t, (x, y, z)) in enumerate(atoms, 1):
    print(f"{n} {t} {x:.6f} {y:.6f} {z:.6f}")
