package org.tensornet4j.neighbors;

/**
 * Which {@link NeighborSearch} a {@link NeighborList} uses. The choice never changes the result (both
 * searches return the same pairs in the same order), only time and memory; it is therefore not a
 * hyper-parameter of the model.
 */
public enum NeighborStrategy {
    /** Test all N^2 pairs: least overhead, best for small systems. */
    BRUTE_FORCE,
    /** Cell list: O(N), best for large systems. */
    CELL_LIST,
    /** Brute force below {@link #CELL_LIST_FROM_ATOMS} atoms, cell list from there on. */
    AUTO;

    /**
     * Where AUTO switches to the cell list. Measured with {@code tn4j bench-neighbors} on the 2-core
     * build machine (docs/benchmarks.md), cutoff 5 A at water density: the two take the same time
     * somewhere between 500 and 1000 atoms; below, brute force is faster (up to 3x: it has no
     * binning overhead), from 2000 atoms on the cell list is 4-25x faster.
     */
    public static final long CELL_LIST_FROM_ATOMS = 1000;

    /** The search for a system of {@code atoms} atoms. */
    public NeighborSearch search(double cutoffLower, double cutoffUpper, long atoms) {
        boolean cell = this == CELL_LIST || (this == AUTO && atoms >= CELL_LIST_FROM_ATOMS);
        return cell ? new CellListSearch(cutoffLower, cutoffUpper) : new BruteForceSearch(cutoffLower, cutoffUpper);
    }
}
