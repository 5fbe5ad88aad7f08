package org.tensornet4j.neighbors;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.TensorScope;

/**
 * TorchMD-Net's neighbour list: all pairs in the same molecule with {@code cutoff_lower <= distance}
 * {@code < cutoff_upper}, in both directions, plus self pairs; in LibTorch ops, so it runs on any device.
 * The pairs come from a {@link NeighborSearch} chosen by the {@link NeighborStrategy}; the checks
 * and the differentiable geometry are the same for every search.
 */
public final class NeighborList {
    /** Distances at or below this (Å) mean two atoms sit on top of each other. */
    private static final double COINCIDENT = 1e-6;

    private final double lower;
    private final double upper;
    private final int maxNumNeighbors;
    private final PairCounting counting;

    /** What counts against max_num_neighbors x N. */
    private enum PairCounting {
        /** TensorNet's own list (loop=True): both directions of each pair, plus one self pair per atom. */
        DIRECTED_WITH_SELF(" (self pairs included)"),
        /** The priors' lists (loop=False): both directions, no self pairs. */
        DIRECTED(" (self pairs not counted)"),
        /** TensorNet2's Coulomb list: each unordered pair once, no self pairs. */
        UNORDERED(" (each unordered pair counted once, self pairs not counted)");

        final String description;

        PairCounting(String description) { this.description = description; }
    }
    private final NeighborStrategy strategy;
    private final boolean staticShapes;

    /** The representation's list: self pairs count towards max_num_neighbors x N (TorchMD-Net's {@code loop=True}). */
    public NeighborList(double cutoffLower, double cutoffUpper, int maxNumNeighbors) {
        this(cutoffLower, cutoffUpper, maxNumNeighbors, NeighborStrategy.AUTO, false);
    }

    /**
     * A list whose capacity check ignores self pairs, as TorchMD-Net's {@code OptimizedDistance(loop=False)}
     * used by the priors: at most max_num_neighbors x N pairs i != j. The returned pairs still end with
     * the self pairs; callers use the {@link NeighborPairs#distinctPairs()} prefix.
     */
    public static NeighborList withoutSelfPairs(double cutoffLower, double cutoffUpper, int maxNumNeighbors) {
        return new NeighborList(cutoffLower, cutoffUpper, maxNumNeighbors, NeighborStrategy.AUTO, false, PairCounting.DIRECTED);
    }

    /**
     * As {@link #withoutSelfPairs}, but at most max_num_neighbors x N unordered pairs (i, j both
     * directions count once): the capacity of TensorNet2's Coulomb list. Inferred from TorchMD-Net's
     * test that caffeine (24 atoms, 276 pairs) runs with coulomb_max_num_neighbors = 20 (552 directed
     * pairs would not fit in 480); the pairs returned are still both directions.
     */
    public static NeighborList unorderedPairCapacity(double cutoffLower, double cutoffUpper, int maxNumNeighbors) {
        return new NeighborList(cutoffLower, cutoffUpper, maxNumNeighbors, NeighborStrategy.AUTO, false, PairCounting.UNORDERED);
    }

    /**
     * @param staticShapes pad the pairs to max_num_neighbors x N (TorchMD-Net's {@code static_shapes}),
     *                     so that every call with N atoms has the same tensor shapes
     */
    public NeighborList(double cutoffLower, double cutoffUpper, int maxNumNeighbors, NeighborStrategy strategy,
                        boolean staticShapes) {
        this(cutoffLower, cutoffUpper, maxNumNeighbors, strategy, staticShapes, PairCounting.DIRECTED_WITH_SELF);
    }

    private NeighborList(double cutoffLower, double cutoffUpper, int maxNumNeighbors, NeighborStrategy strategy,
                         boolean staticShapes, PairCounting counting) {
        if (strategy == null) throw new IllegalArgumentException("neighbour strategy must not be null");
        this.lower = cutoffLower;
        this.upper = cutoffUpper;
        this.maxNumNeighbors = maxNumNeighbors;
        this.strategy = strategy;
        this.staticShapes = staticShapes;
        this.counting = counting;
    }

    public NeighborStrategy strategy() { return strategy; }

    /**
     * @param pos   [N, 3] positions (may require grad; the pair search itself does not)
     * @param batch int64 [N] molecule index, or null for one molecule
     * @param box   [3, 3] rows a, b, c in reduced form (validated by the caller), or null; may require
     *              grad (the virial's strain of the box): the minimum image passes it on to the vectors
     */
    public NeighborPairs build(Tensor pos, Tensor batch, Tensor box) {
        long n = pos.size(0);
        try (TensorScope scope = TensorScope.open()) {
            // The search only picks pairs; the box's autograd (for the virial) reaches the vectors below.
            Tensor index = strategy.search(lower, upper, n).find(pos.detach(), batch, box == null ? null : box.detach());
            checkCapacity(index, n);
            Tensor vectors = Ops.indexSelect(pos, index.select(0, 0)).sub(Ops.indexSelect(pos, index.select(0, 1)));
            if (box != null) vectors = PairGeometry.minimumImage(vectors, box);
            Tensor distances = vectors.norm(new org.bytedeco.pytorch.ScalarOptional(scalar(2)), new long[] {1}, false);
            checkCoincident(index, distances);
            Tensor self = torch.arange(scalar(0), scalar(n), Ops.options(pos, ScalarType.Long));
            long padding = staticShapes ? (long) maxNumNeighbors * n - index.size(1) - n : 0;
            // Padding joins the ghost atom n to itself; its vectors and distances are constants (zero).
            Tensor ghost = torch.full(new long[] {padding}, Ops.integer(n), Ops.options(pos, ScalarType.Long));
            Tensor allIndex = Ops.cat(1, index, Ops.stack(0, self, self), Ops.stack(0, ghost, ghost));
            Tensor allVectors = Ops.cat(0, vectors, pos.new_zeros(n + padding, 3));
            Tensor allDistances = Ops.cat(0, distances, pos.new_zeros(n + padding));
            scope.keep(allIndex, allVectors, allDistances);
            return new NeighborPairs(allIndex, allVectors, allDistances, index.size(1), staticShapes);
        }
    }

    /**
     * TorchMD-Net refuses more than max_num_neighbors x N pairs (self pairs included unless this is a
     * prior's list) rather than truncating (with static shapes that is the capacity of the padded list);
     * the message names the most crowded atom so the user sees where the density is.
     */
    private void checkCapacity(Tensor index, long n) {
        long self = counting == PairCounting.DIRECTED_WITH_SELF ? 1 : 0;
        long total = counting == PairCounting.UNORDERED ? index.size(1) / 2 : index.size(1) + self * n;
        long capacity = (long) maxNumNeighbors * n;
        if (total <= capacity) return;
        Tensor counts = torch.bincount(index.select(0, 0), new org.bytedeco.pytorch.TensorOptional(), n);
        long atom = counts.argmax().item_long();
        long most = counts.select(0, atom).item_long() + self;
        String counted = counting.description;
        String itself = self == 1 ? " (itself included)" : "";
        throw new IllegalArgumentException("too many neighbours: " + total + " pairs" + counted + " exceed max_num_neighbors ("
                + maxNumNeighbors + ") x " + n + " atoms" + (staticShapes ? " (the capacity of the static-shape list)" : "")
                + "; atom " + atom + " has " + most + " neighbours" + itself + " within " + upper
                + " A. Raise max_num_neighbors to at least " + most + " (a load-time override, as TorchMD-Net's load_model"
                + " takes it: tn4j --set max_num_neighbors=" + most + ", \"hyperparameters\" in an engine configuration,"
                + " TensorNetForce.setHyperParameter), or check the coordinates and box for overlapping atoms");
    }

    private void checkCoincident(Tensor index, Tensor distances) {
        if (distances.numel() == 0) return;
        long k = distances.detach().argmin().item_long();
        double minimum = distances.select(0, k).item_double();
        if (minimum > COINCIDENT) return;
        long i = index.select(0, 0).select(0, k).item_long();
        long j = index.select(0, 1).select(0, k).item_long();
        throw new IllegalArgumentException("atoms " + i + " and " + j + " coincide (distance " + minimum
                + " A, periodic images included): remove duplicate atoms or fix the coordinates");
    }
}
