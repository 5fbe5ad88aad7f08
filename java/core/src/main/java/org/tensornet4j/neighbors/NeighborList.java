package org.tensornet4j.neighbors;

import static org.tensornet4j.model.Ops.scalar;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.model.Ops;

/**
 * Brute-force neighbour search in LibTorch ops (so it runs on any device): all pairs in the same
 * molecule with cutoff_lower <= distance < cutoff_upper, in both directions, plus self pairs.
 * Rows are processed in chunks so memory stays bounded for thousands of atoms.
 */
public final class NeighborList {
    /** Elements of one [rows, N] distance block; bounds the temporary memory of the search. */
    private static final long BLOCK_ELEMENTS = 1L << 22;
    /** Distances at or below this (Å) mean two atoms sit on top of each other. */
    private static final double COINCIDENT = 1e-6;

    private final double lower;
    private final double upper;
    private final int maxNumNeighbors;
    private final boolean selfPairsCount;

    /** The representation's list: self pairs count towards max_num_neighbors x N (TorchMD-Net's {@code loop=True}). */
    public NeighborList(double cutoffLower, double cutoffUpper, int maxNumNeighbors) {
        this(cutoffLower, cutoffUpper, maxNumNeighbors, true);
    }

    private NeighborList(double cutoffLower, double cutoffUpper, int maxNumNeighbors, boolean selfPairsCount) {
        this.lower = cutoffLower;
        this.upper = cutoffUpper;
        this.maxNumNeighbors = maxNumNeighbors;
        this.selfPairsCount = selfPairsCount;
    }

    /**
     * A list whose capacity check ignores self pairs, as TorchMD-Net's {@code OptimizedDistance(loop=False)}
     * used by the priors: at most max_num_neighbors x N pairs i != j. The returned pairs still end with
     * the self pairs; callers use the {@link NeighborPairs#distinctPairs()} prefix.
     */
    public static NeighborList withoutSelfPairs(double cutoffLower, double cutoffUpper, int maxNumNeighbors) {
        return new NeighborList(cutoffLower, cutoffUpper, maxNumNeighbors, false);
    }

    /**
     * @param pos   [N, 3] positions (may require grad; the pair search itself does not)
     * @param batch int64 [N] molecule index, or null for one molecule
     * @param box   [3, 3] rows a, b, c in reduced form (validated by the caller), or null
     */
    public NeighborPairs build(Tensor pos, Tensor batch, Tensor box) {
        long n = pos.size(0);
        Tensor index = findPairs(pos.detach(), batch, box);
        checkCapacity(index, n);
        Tensor vectors = Ops.gather(pos, index.select(0, 0)).sub(Ops.gather(pos, index.select(0, 1)));
        if (box != null) vectors = minimumImage(vectors, box);
        Tensor distances = vectors.norm(new org.bytedeco.pytorch.ScalarOptional(scalar(2)), new long[] {1}, false);
        checkCoincident(index, distances);
        Tensor self = torch.arange(scalar(0), scalar(n), Ops.options(pos, ScalarType.Long));
        Tensor allIndex = Ops.cat(1, index, Ops.stack(0, self, self));
        Tensor allVectors = Ops.cat(0, vectors, pos.new_zeros(n, 3));
        Tensor allDistances = Ops.cat(0, distances, pos.new_zeros(n));
        return new NeighborPairs(allIndex, allVectors, allDistances, index.size(1));
    }

    /** int64 [2, E] of the pairs i != j within the cutoffs. */
    private Tensor findPairs(Tensor pos, Tensor batch, Tensor box) {
        long n = pos.size(0);
        long rows = Math.max(1, BLOCK_ELEMENTS / Math.max(1, n));
        Tensor columns = torch.arange(scalar(0), scalar(n), Ops.options(pos, ScalarType.Long));
        List<Tensor> found = new ArrayList<>();
        for (long start = 0; start < n; start += rows) {
            long count = Math.min(rows, n - start);
            Tensor d = pos.narrow(0, start, count).unsqueeze(1).sub(pos.unsqueeze(0));
            if (box != null) d = minimumImage(d, box);
            Tensor dist = d.square().sum(new long[] {-1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).sqrt();
            Tensor mask = dist.lt(scalar(upper)).logical_and(dist.ge(scalar(lower)));
            Tensor rowIds = columns.narrow(0, start, count).unsqueeze(1);
            mask = mask.logical_and(rowIds.ne(columns.unsqueeze(0)));
            if (batch != null) mask = mask.logical_and(batch.narrow(0, start, count).unsqueeze(1).eq(batch.unsqueeze(0)));
            Tensor nz = torch.nonzero(mask);
            found.add(Ops.stack(0, nz.select(1, 0).add(Ops.integer(start)), nz.select(1, 1)));
        }
        return found.size() == 1 ? found.get(0) : torch.cat(new TensorVector(found.toArray(new Tensor[0])), 1);
    }

    /**
     * TorchMD-Net refuses more than max_num_neighbors x N pairs (self pairs included unless this is a
     * prior's list) rather than truncating; the message names the most crowded atom so the user sees
     * where the density is.
     */
    private void checkCapacity(Tensor index, long n) {
        long self = selfPairsCount ? 1 : 0;
        long total = index.size(1) + self * n;
        long capacity = (long) maxNumNeighbors * n;
        if (total <= capacity) return;
        Tensor counts = torch.bincount(index.select(0, 0), new org.bytedeco.pytorch.TensorOptional(), n);
        long atom = counts.argmax().item_long();
        long most = counts.select(0, atom).item_long() + self;
        String counted = selfPairsCount ? " (self pairs included)" : " (self pairs not counted)";
        String itself = selfPairsCount ? " (itself included)" : "";
        throw new IllegalArgumentException("too many neighbours: " + total + " pairs" + counted + " exceed max_num_neighbors ("
                + maxNumNeighbors + ") x " + n + " atoms; atom " + atom + " has " + most
                + " neighbours" + itself + " within " + upper + " A. Use a model with a larger max_num_neighbors,"
                + " or check the coordinates and box for overlapping atoms");
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

    /**
     * TorchMD-Net's minimum image for a reduced box: subtract whole c, then b, then a vectors, with
     * the multiple rounded half away from zero (C's round, not torch.round's half-to-even).
     */
    static Tensor minimumImage(Tensor d, Tensor box) {
        for (int axis = 2; axis >= 0; axis--) {
            Tensor vector = box.select(0, axis);
            Tensor ratio = d.select(-1, axis).div(vector.select(0, axis));
            Tensor shift = torch.sign(ratio).mul(torch.floor(ratio.abs().add(scalar(0.5))));
            d = d.sub(shift.unsqueeze(-1).mul(vector));
        }
        return d;
    }
}
