package org.tensornet4j.neighbors;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Ops;

/**
 * Cells at least {@code radius} wide along each axis and the cell of every atom. Two atoms closer
 * than the radius then sit in the same or in neighbouring cells. Periodic boxes are cut along their
 * reduced axes a, b, c (cells of equal fractional width, wrapping around); non-periodic systems
 * along x, y, z over their bounding box.
 *
 * <p>A cell is named by a key that also holds the molecule, so atoms of different molecules never
 * share a cell (a batch of conformers on top of each other costs no extra candidates).
 */
final class CellGrid {
    /** Cells per axis at most: keeps keys (molecules x cells) inside int64 with room to spare. */
    private static final long MAX_CELLS_PER_AXIS = 1L << 15;
    private static final double MAX_KEYS = Math.pow(2, 62);

    private final long[] dims;
    private final boolean periodic;
    private final Tensor cells;

    private CellGrid(long[] dims, boolean periodic, Tensor cells) {
        this.dims = dims;
        this.periodic = periodic;
        this.cells = cells;
    }

    /**
     * @param pos       float64 [N, 3]
     * @param box       rows a, b, c of a reduced box (lower triangular)
     * @param molecules number of molecules (bounds the key range)
     */
    static CellGrid periodic(Tensor pos, double[][] box, double radius, long molecules) {
        long[] dims = new long[3];
        for (int k = 0; k < 3; k++) dims[k] = cellsAlong(planeDistance(box, k), radius);
        coarsenToFitKeys(dims, molecules);
        // Fractional coordinates s with pos = s_a a + s_b b + s_c c, solved from the triangular box.
        Tensor x = pos.select(1, 0), y = pos.select(1, 1), z = pos.select(1, 2);
        Tensor sc = z.div(scalar(box[2][2]));
        Tensor sb = y.sub(sc.mul(scalar(box[2][1]))).div(scalar(box[1][1]));
        Tensor sa = x.sub(sb.mul(scalar(box[1][0]))).sub(sc.mul(scalar(box[2][0]))).div(scalar(box[0][0]));
        Tensor frac = Ops.stack(1, sa, sb, sc);
        frac = frac.sub(torch.floor(frac)); // wrapped into [0, 1]: positions are not wrapped by the caller
        return new CellGrid(dims, true, toCells(frac, Tensor.create(toDoubles(dims)).to(pos.device(), ScalarType.Double), dims));
    }

    /** @param pos float64 [N, 3] */
    static CellGrid boundingBox(Tensor pos, double radius, long molecules) {
        double[] lo = Ops.toDoubles(pos.amin(new long[] {0}, false));
        double[] hi = Ops.toDoubles(pos.amax(new long[] {0}, false));
        long[] dims = new long[3];
        for (int k = 0; k < 3; k++) dims[k] = cellsAlong(hi[k] - lo[k], radius);
        coarsenToFitKeys(dims, molecules);
        // Scale so that one cell is one unit; a single cell along an axis takes every atom.
        double[] perUnit = new double[3];
        for (int k = 0; k < 3; k++) perUnit[k] = dims[k] == 1 ? 0 : dims[k] / (hi[k] - lo[k]);
        Tensor scaled = pos.sub(Tensor.create(lo).to(pos.device(), ScalarType.Double))
                .mul(Tensor.create(perUnit).to(pos.device(), ScalarType.Double));
        return new CellGrid(dims, false, toCells(scaled, null, dims));
    }

    long[] dims() { return dims.clone(); }

    /** int64 [N, 3]: each atom's cell along each axis. */
    Tensor cells() { return cells; }

    /**
     * Offsets [S, 3] of the cells to search around an atom's own. Each neighbouring cell appears
     * once: a periodic axis with two cells gets offsets {0, 1} (-1 and +1 would both be the other
     * cell, listing every pair twice), with one cell only {0}.
     */
    Tensor stencil(Tensor like) {
        long[][] perAxis = new long[3][];
        for (int k = 0; k < 3; k++) {
            if (dims[k] == 1) perAxis[k] = new long[] {0};
            else if (periodic && dims[k] == 2) perAxis[k] = new long[] {0, 1};
            else perAxis[k] = new long[] {-1, 0, 1};
        }
        int s = perAxis[0].length * perAxis[1].length * perAxis[2].length;
        long[] flat = new long[3 * s];
        int row = 0;
        for (long a : perAxis[0]) {
            for (long b : perAxis[1]) {
                for (long c : perAxis[2]) {
                    flat[3 * row] = a;
                    flat[3 * row + 1] = b;
                    flat[3 * row + 2] = c;
                    row++;
                }
            }
        }
        return Tensor.create(flat, s, 3).to(like.device(), ScalarType.Long);
    }

    /**
     * Keys of cells [.., 3] (any integers: periodic axes wrap, cells outside a non-periodic grid get
     * key -1, which no atom has) in molecules [..] (broadcast against the cells' leading dimensions).
     */
    Tensor keys(Tensor cellCoords, Tensor molecule) {
        Tensor c = cellCoords;
        Tensor size = Tensor.create(dims).to(c.device(), ScalarType.Long);
        Tensor outside = null;
        if (periodic) {
            c = torch.remainder(c, size);
        } else {
            outside = c.lt(scalar(0)).logical_or(c.ge(size)).any(-1);
        }
        Tensor key = molecule.mul(Ops.integer(dims[0])).add(c.select(-1, 0))
                .mul(Ops.integer(dims[1])).add(c.select(-1, 1))
                .mul(Ops.integer(dims[2])).add(c.select(-1, 2));
        return outside == null ? key : key.masked_fill(outside, Ops.integer(-1));
    }

    /** As many cells as fit at least {@code radius} wide into {@code width}; at least one. */
    private static long cellsAlong(double width, double radius) {
        double n = Math.floor(width / radius);
        return (long) Math.max(1, Math.min(MAX_CELLS_PER_AXIS, n));
    }

    /** Fewer, wider cells (always correct) when molecules x cells would overflow the key range. */
    private static void coarsenToFitKeys(long[] dims, long molecules) {
        while ((double) dims[0] * dims[1] * dims[2] * molecules >= MAX_KEYS) {
            int widest = dims[0] >= dims[1] && dims[0] >= dims[2] ? 0 : dims[1] >= dims[2] ? 1 : 2;
            dims[widest] = Math.max(1, dims[widest] / 2);
        }
    }

    /**
     * Distance between the two faces of the box that the other two vectors span, i.e. the box's
     * width along reduced axis k: volume / |other1 x other2|.
     */
    static double planeDistance(double[][] box, int k) {
        double[] u = box[(k + 1) % 3], v = box[(k + 2) % 3];
        double cx = u[1] * v[2] - u[2] * v[1];
        double cy = u[2] * v[0] - u[0] * v[2];
        double cz = u[0] * v[1] - u[1] * v[0];
        double volume = Math.abs(box[k][0] * cx + box[k][1] * cy + box[k][2] * cz);
        return volume / Math.sqrt(cx * cx + cy * cy + cz * cz);
    }

    /**
     * Cell of each scaled coordinate (one cell = one unit; for periodic boxes {@code perUnit} turns
     * fractions into cell units). Clamped into the grid: a fraction that rounds to exactly 1, or the
     * atom at the upper edge of a bounding box, belongs to the last cell.
     */
    private static Tensor toCells(Tensor scaled, Tensor perUnit, long[] dims) {
        Tensor units = perUnit == null ? scaled : scaled.mul(perUnit);
        Tensor max = Tensor.create(dims).to(scaled.device(), ScalarType.Long).sub(Ops.integer(1));
        Tensor cell = torch.floor(units).to(scaled.device(), ScalarType.Long);
        return cell.clamp_min(scalar(0)).minimum(max);
    }

    private static double[] toDoubles(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
