package org.tensornet4j.priors;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.NeighborList;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.torch.Ops;

/**
 * A prior's own neighbour list, as TorchMD-Net's {@code OptimizedDistance(0, cutoff,
 * max_num_pairs=-max_num_neighbors)}: pairs i != j of one molecule closer than the cutoff, both
 * directions, no self pairs, at most max_num_neighbors x N of them (more is an error).
 *
 * <p>The pairs come in the order of TorchMD-Net's CPU kernel (pairs i > j row by row, then the same
 * pairs reversed) and the per-molecule sums add them one by one in that order, as TorchMD-Net's
 * scatter does. In float32 that matters: for a solvated box ZBL and D2 sum ~10^5-10^6 small terms
 * into one number, and TorchMD-Net's result differs from exact arithmetic by ~2e-4 relative; following
 * its order reproduces most of that.
 */
final class PriorNeighbors {
    private final String owner;
    private final NeighborList list;

    /** @param owner the prior, for messages ("prior ZBL (prior_model entry 0)") */
    PriorNeighbors(String owner, double cutoff, int maxNumNeighbors) {
        this.owner = owner;
        this.list = NeighborList.withoutSelfPairs(0, cutoff, maxNumNeighbors);
    }

    /**
     * @param box [3, 3] or null (not periodic)
     * @return the pairs i != j: index int64 [2, E] (row 0 receives) and distances [E], differentiable
     */
    Pairs find(Tensor pos, Tensor batch, Tensor box) {
        NeighborPairs all;
        try {
            all = list.build(pos, batch, box);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(owner + ": " + e.getMessage()
                    + " (the limit is the prior's own max_num_neighbors in prior_args)", e);
        }
        long e = all.distinctPairs();
        Tensor index = all.index().narrow(1, 0, e);
        Tensor distances = all.distances().narrow(0, 0, e);
        // TorchMD-Net's order: the pairs i > j row by row, then the same pairs reversed.
        Tensor lower = torch.nonzero(index.select(0, 0).gt(index.select(0, 1))).reshape(-1);
        Tensor half = Ops.indexSelect(index.t(), lower).t();
        Tensor halfDistances = Ops.indexSelect(distances, lower);
        return new Pairs(Ops.cat(1, half, half.flip(new long[] {0})), Ops.cat(0, halfDistances, halfDistances));
    }

    /** Pairs i != j. */
    record Pairs(Tensor index, Tensor distances) {
        long size() { return index.size(1); }

        /** values[index] as [2, E]: a per-atom value [N] for both atoms of every pair (row 0: receivers). */
        Tensor ofAtoms(Tensor perAtom) {
            return lookup(perAtom, index);
        }

        /** table[keys] with the [2, E] shape of {@code keys}. */
        static Tensor lookup(Tensor table, Tensor keys) {
            return Ops.indexSelect(table, keys.reshape(-1)).reshape(2, -1);
        }

        /**
         * Sums per-pair values [E] over the molecule of each pair's receiving atom, in pair order: [M, 1],
         * in float64 (a D2 sum has hundreds of terms per atom).
         */
        Tensor sumPerMolecule(Tensor values, PriorInputs in) {
            Tensor receivers = index.select(0, 0);
            Tensor molecule = in.batch() == null ? receivers.new_zeros(receivers.size(0)) : Ops.indexSelect(in.batch(), receivers);
            return Ops.scatterAddInDouble(values, molecule, in.molecules()).reshape(-1, 1);
        }

        /**
         * Sums per-pair values [E] over each pair's receiving atom: [N] in float64. Every pair comes in
         * both directions with the same value, so each of its atoms gets one of the two.
         */
        Tensor sumPerAtom(Tensor values, PriorInputs in) {
            return Ops.scatterAddInDouble(values, index.select(0, 0), in.z().size(0)).reshape(-1);
        }
    }

    /** Per-pair values [E] (before the prior's unit factors) and their pairs. */
    record PairValues(Pairs pairs, Tensor values) {
    }
}
