package org.tensornet4j.neighbors;

import static org.tensornet4j.torch.Ops.scalar;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.TensorScope;

/**
 * All N^2 pairs tested, a block of rows at a time so the temporary memory stays bounded. Fastest
 * for small systems (no binning overhead); quadratic time for large ones.
 */
public final class BruteForceSearch implements NeighborSearch {
    /** Elements of one [rows, N] distance block; bounds the temporary memory of the search. */
    private static final long BLOCK_ELEMENTS = 1L << 22;

    private final PairGeometry geometry;

    public BruteForceSearch(double cutoffLower, double cutoffUpper) {
        this.geometry = new PairGeometry(cutoffLower, cutoffUpper);
    }

    @Override
    public Tensor find(Tensor pos, Tensor batch, Tensor box) {
        long n = pos.size(0);
        long rows = Math.max(1, BLOCK_ELEMENTS / Math.max(1, n));
        try (TensorScope scope = TensorScope.open()) {
            Tensor columns = torch.arange(scalar(0), scalar(n), Ops.options(pos, ScalarType.Long));
            List<Tensor> found = new ArrayList<>();
            for (long start = 0; start < n; start += rows) {
                found.add(scope.keep(block(pos, batch, box, columns, start, Math.min(rows, n - start))));
            }
            return scope.keep(Ops.cat(1, found.toArray(new Tensor[0])));
        }
    }

    /** The pairs whose receiver is one of rows start..start+count-1; the block's temporaries are freed on return. */
    private Tensor block(Tensor pos, Tensor batch, Tensor box, Tensor columns, long start, long count) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor d = pos.narrow(0, start, count).unsqueeze(1).sub(pos.unsqueeze(0));
            if (box != null) d = PairGeometry.minimumImage(d, box);
            Tensor mask = geometry.withinCutoffs(d);
            Tensor rowIds = columns.narrow(0, start, count).unsqueeze(1);
            mask = mask.logical_and(rowIds.ne(columns.unsqueeze(0)));
            if (batch != null) mask = mask.logical_and(batch.narrow(0, start, count).unsqueeze(1).eq(batch.unsqueeze(0)));
            Tensor nz = torch.nonzero(mask);
            return scope.keep(Ops.stack(0, nz.select(1, 0).add(Ops.integer(start)), nz.select(1, 1)));
        }
    }
}
