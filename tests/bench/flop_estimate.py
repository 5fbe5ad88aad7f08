#!/usr/bin/env python3
"""Arithmetic per call (energy + forces) of TensorNet and TensorNet2 as tensornet4j evaluates them, and the
time it would take at a given matrix-product rate: the floor the benchmarks are compared with
(docs/benchmarks.md, "Where the time goes").

Counts multiply-adds of the matrix products and per-edge sums and doubles them (FLOP); element-wise work
(activations, norms) is left out. The backward pass computes input gradients only (the parameters need
none at inference): about the forward's products again, and twice the per-edge sums.
TensorNet's radial MLP runs once per unordered pair (rows U = (E - N) / 2 + 1: the self pairs share one
row); TensorNet2's once per directed edge (E rows), since it reads both atoms' charges.

  tests/bench/flop_estimate.py [--channels 128] [--rbf 32] [--layers 2] [--q-dim 4] [--gflops 97]
                               [SYSTEM:ATOMS:EDGES ...]

EDGES are directed pairs including one self pair per atom, as `tn4j bench` and cpu-baseline.md count them.
--gflops: one core's float32 matrix-product rate (a LibTorch linear [5826, 256] x [256, 384] from Java ran at
96-100 GFLOP/s on the build machine's AVX-512 cores, with 1 or 2 intra-op threads alike: LibTorch's products
run on one core each, docs/performance.md).
"""
import argparse

DEFAULT_SYSTEMS = ["alanine_dipeptide:22:380", "chignolin:166:5826", "dhfr:2489:106925"]


def macs(n, e, f, rbf, layers, q_dim, tensornet2):
    """Multiply-adds of one forward pass, and of its radial MLPs alone."""
    u = (e - n) // 2 + 1
    mlp_in = rbf + (2 * q_dim if tensornet2 else 0)
    radial = layers * (e if tensornet2 else u) * (mlp_in * f + f * 2 * f + 2 * f * 3 * f)
    projections = u * rbf * 3 * f                                   # embedding: three distance projections
    embedding_atoms = n * (f * 2 * f + 2 * f * 3 * f) + n * 10 * f * f  # scalar MLP + channel mix (10 numbers)
    layer_atoms = layers * n * 2 * 10 * f * f                        # two channel mixes per layer
    edge_sums = (layers + 1) * e * 10 * f                           # embedding sums + messages
    readout = n * (3 * f * f + f * (f // 2) + f // 2)
    charges = (layers + 1) * n * (3 * f * f + f * 2 * q_dim) if tensornet2 else 0
    forward = radial + projections + embedding_atoms + layer_atoms + edge_sums + readout + charges
    return forward, radial


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("systems", nargs="*", default=DEFAULT_SYSTEMS, help="NAME:ATOMS:EDGES")
    p.add_argument("--channels", type=int, default=128)
    p.add_argument("--rbf", type=int, default=32)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--q-dim", type=int, default=4)
    p.add_argument("--gflops", type=float, default=97.0, help="one core's matrix-product rate (GFLOP/s)")
    a = p.parse_args()
    print("| system | atoms | edges | model | GFLOP per call | radial MLP share | ms at 1 core | ms at 2 cores |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    for spec in a.systems:
        try:
            name, n, e = spec.split(":")
            n, e = int(n), int(e)
        except ValueError:
            p.error(f"system '{spec}' must be NAME:ATOMS:EDGES, e.g. chignolin:166:5826")
        for tensornet2 in (False, True):
            forward, radial = macs(n, e, a.channels, a.rbf, a.layers, a.q_dim, tensornet2)
            total = 2 * forward + (a.layers + 1) * e * 10 * a.channels  # backward: products again, sums twice
            gflop = 2 * total / 1e9
            ms = gflop / a.gflops * 1e3
            print(f"| {name} | {n} | {e} | {'TensorNet2' if tensornet2 else 'TensorNet'} | {gflop:.3f}"
                  f" | {radial / forward:.0%} | {ms:.1f} | {ms / 2:.1f} |")


if __name__ == "__main__":
    main()
