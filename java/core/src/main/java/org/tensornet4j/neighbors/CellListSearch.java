package org.tensornet4j.neighbors;

import static org.tensornet4j.torch.Ops.scalar;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.StringViewOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.TensorScope;

/**
 * O(N) neighbour search: atoms are binned into cells at least one cutoff wide, and each atom is
 * tested only against the atoms of its own and the neighbouring cells, with the same minimum
 * image and distance test as {@link BruteForceSearch}. Everything is tensor ops, so it runs on any
 * device; the host only reads a few scalars (grid size, largest candidate count).
 *
 * <p>Candidates are expanded per atom from the cells' ranges in the atom list sorted by cell, a
 * block of atoms at a time so that memory stays bounded; the pairs found are sorted by (i, j) so
 * that the result equals the brute-force one element for element.
 */
public final class CellListSearch implements NeighborSearch {
    /** Candidate pairs tested per block: bounds the temporary memory (about 100 bytes each). */
    private static final long CANDIDATES_PER_BLOCK = 1L << 21;

    private final PairGeometry geometry;
    private final double upper;
    private final long candidatesPerBlock;

    public CellListSearch(double cutoffLower, double cutoffUpper) {
        this(cutoffLower, cutoffUpper, CANDIDATES_PER_BLOCK);
    }

    /** With a given block size, so that tests can run the search over many blocks on small systems. */
    CellListSearch(double cutoffLower, double cutoffUpper, long candidatesPerBlock) {
        this.geometry = new PairGeometry(cutoffLower, cutoffUpper);
        this.upper = cutoffUpper;
        this.candidatesPerBlock = candidatesPerBlock;
    }

    @Override
    public Tensor find(Tensor pos, Tensor batch, Tensor box) {
        long n = pos.size(0);
        try (TensorScope scope = TensorScope.open()) {
            Tensor posD = pos.to(pos.device(), ScalarType.Double);
            Tensor molecule = batch != null ? batch : torch.zeros_like(posD.select(1, 0)).to(pos.device(), ScalarType.Long);
            long molecules = batch == null ? 1 : batch.max().item_long() + 1;
            double radius = upper + slack(pos, box);
            CellGrid grid = box == null ? CellGrid.boundingBox(posD, radius, molecules)
                    : CellGrid.periodic(posD, matrix(box), radius, molecules);
            Tensor keys = grid.keys(grid.cells(), molecule);
            Tensor order = torch.argsort(keys, true, 0, false); // stable: by index within a cell
            Tensor sortedKeys = Ops.indexSelect(keys, order);
            Tensor stencil = grid.stencil(keys);
            Tensor neighborKeys = grid.keys(grid.cells().unsqueeze(1).add(stencil.unsqueeze(0)), molecule.unsqueeze(1));
            // The atoms of a cell are one run in the sorted list: [first, first + count).
            Tensor first = searchSorted(sortedKeys, neighborKeys, false);
            Tensor count = searchSorted(sortedKeys, neighborKeys, true).sub(first);
            long widest = count.sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).max().item_long();
            long rows = Math.max(1, candidatesPerBlock / Math.max(1, widest));
            List<Tensor> found = new ArrayList<>();
            for (long start = 0; start < n; start += rows) {
                long atoms = Math.min(rows, n - start);
                found.add(scope.keep(block(pos, box, order, first.narrow(0, start, atoms), count.narrow(0, start, atoms), start)));
            }
            return scope.keep(Ops.cat(1, found.toArray(new Tensor[0])));
        }
    }

    /** The pairs whose receiver is one of the atoms start..start+first.size(0)-1. */
    private Tensor block(Tensor pos, Tensor box, Tensor order, Tensor first, Tensor count, long start) {
        try (TensorScope scope = TensorScope.open()) {
            long cellsPerAtom = first.size(1);
            Tensor counts = count.reshape(-1);
            Tensor firsts = first.reshape(-1);
            // One segment per (atom, neighbouring cell); candidate k is entry `rank` of its segment.
            Tensor segment = torch.repeat_interleave(counts);
            Tensor segmentStart = torch.cumsum(counts, 0).sub(counts);
            Tensor rank = torch.arange(scalar(0), scalar(segment.size(0)), Ops.options(segment, ScalarType.Long))
                    .sub(Ops.indexSelect(segmentStart, segment));
            Tensor j = Ops.indexSelect(order, Ops.indexSelect(firsts, segment).add(rank));
            Tensor i = torch.floor_divide(segment, Ops.integer(cellsPerAtom)).add(Ops.integer(start));
            Tensor d = Ops.indexSelect(pos, i).sub(Ops.indexSelect(pos, j));
            if (box != null) d = PairGeometry.minimumImage(d, box);
            Tensor keep = torch.nonzero(geometry.withinCutoffs(d).logical_and(i.ne(j))).select(1, 0);
            i = Ops.indexSelect(i, keep);
            j = Ops.indexSelect(j, keep);
            // Receivers already ascend block by block; sorting (i, j) within the block orders the senders.
            Tensor sorted = torch.argsort(i.mul(Ops.integer(pos.size(0))).add(j));
            return scope.keep(Ops.stack(0, Ops.indexSelect(i, sorted), Ops.indexSelect(j, sorted)));
        }
    }

    /**
     * How much wider than the cutoff the cells must be so that every pair the distance test accepts
     * is in neighbouring cells, although that test runs in the model's precision (float32: the
     * rounding of coordinates about as large as the positions and box) and the binning in float64.
     */
    private double slack(Tensor pos, Tensor box) {
        double eps = pos.scalar_type().intern() == ScalarType.Double ? 0x1p-52 : 0x1p-23;
        double scale = pos.abs().max().item_double();
        if (box != null) scale += box.abs().sum().item_double();
        return 1e-4 * upper + 16 * eps * scale;
    }

    private static Tensor searchSorted(Tensor sorted, Tensor values, boolean right) {
        return torch.searchsorted(sorted, values, false, right, new StringViewOptional(), new TensorOptional());
    }

    private static double[][] matrix(Tensor box) {
        return PeriodicBox.fromFlat(Ops.toDoubles(box));
    }
}
