package org.tensornet4j.neighbors;

import org.bytedeco.pytorch.Tensor;

/**
 * A neighbour list in TorchMD-Net's convention: directed pairs (i, j) with i != j first, then one
 * self pair (i, i) per atom, then (static shapes only) padding up to a fixed capacity.
 *
 * @param index         int64 [2, E]: row 0 receives, row 1 sends
 * @param vectors       [E, 3] pos_i - pos_j after the minimum image; differentiable in the positions; zero for self pairs and padding
 * @param distances     [E] lengths of {@code vectors}; zero for self pairs and padding (without NaN gradients)
 * @param distinctPairs number of pairs with i != j (the self pairs follow them)
 * @param padded        static shapes: E is the fixed capacity, and the pairs after the self pairs are
 *                      padding that joins a ghost atom N (one past the last atom) to itself, as in
 *                      TorchMD-Net; a model appends that ghost atom and drops it again, so padding
 *                      never touches a real atom
 */
public record NeighborPairs(Tensor index, Tensor vectors, Tensor distances, long distinctPairs, boolean padded) {
    public long size() { return index.size(1); }
}
