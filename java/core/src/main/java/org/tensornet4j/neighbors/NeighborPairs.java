package org.tensornet4j.neighbors;

import org.bytedeco.pytorch.Tensor;

/**
 * A neighbour list in TorchMD-Net's convention: directed pairs (i, j) with i != j first, then one
 * self pair (i, i) per atom.
 *
 * @param index     int64 [2, E]: row 0 receives, row 1 sends
 * @param vectors   [E, 3] pos_i - pos_j after the minimum image; differentiable in the positions; zero for self pairs
 * @param distances [E] lengths of {@code vectors}; zero for self pairs (without NaN gradients)
 * @param distinctPairs number of pairs with i != j (the self pairs follow them)
 */
public record NeighborPairs(Tensor index, Tensor vectors, Tensor distances, long distinctPairs) {
    public long size() { return index.size(1); }
}
