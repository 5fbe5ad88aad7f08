package org.tensornet4j.neighbors;

import org.bytedeco.pytorch.Tensor;

/**
 * One way of finding the pairs of a neighbour list. Every implementation returns exactly the same
 * pairs in the same order, so the model's sums (and so its energies) do not depend on the choice.
 */
public interface NeighborSearch {
    /**
     * The directed pairs (i, j), i != j, of atoms in the same molecule whose minimum-image distance
     * d satisfies {@code cutoff_lower <= d < cutoff_upper}, sorted by i, then j.
     *
     * @param pos   [N, 3] positions, detached from autograd
     * @param batch int64 [N] molecule of each atom, or null for one molecule
     * @param box   [3, 3] periodic box, rows a, b, c in reduced form (validated by the caller), or null
     * @return int64 [2, E]: row 0 receives (i), row 1 sends (j)
     */
    Tensor find(Tensor pos, Tensor batch, Tensor box);
}
