package org.tensornet4j.torch;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;

/** Small LibTorch conveniences that keep the model code readable. Device-agnostic: every new tensor follows an input's device. */
public final class Ops {
    private Ops() {}

    public static Scalar scalar(double v) { return new Scalar(v); }

    /** An integer scalar: adding it to an int64 tensor keeps the dtype (a double scalar would promote). */
    public static Scalar integer(long v) { return new Scalar(v); }

    public static Tensor cat(long dim, Tensor... parts) {
        return torch.cat(new TensorVector(parts), dim);
    }

    public static Tensor stack(long dim, Tensor... parts) {
        return torch.stack(new TensorVector(parts), dim);
    }

    /** Zeros of the given shape with the dtype and device of {@code like}: Tensor.new_zeros. */
    public static Tensor newZeros(Tensor like, long... shape) {
        return like.new_zeros(shape);
    }

    /** Options (dtype + device) of {@code like} with another dtype. */
    public static TensorOptions options(Tensor like, ScalarType dtype) {
        return new TensorOptions(like.device()).dtype(new org.bytedeco.pytorch.ScalarTypeOptional(dtype));
    }

    public static Tensor toDtype(Tensor t, ScalarType dtype) {
        // JavaCPP returns a fresh enum-like object per call: intern() makes == meaningful
        return t.scalar_type().intern() == dtype ? t : t.to(t.device(), dtype);
    }

    /** Rows of {@code t} picked by {@code index}: torch.index_select along dim 0. */
    public static Tensor indexSelect(Tensor t, Tensor index) {
        return torch.index_select(t, 0, index);
    }

    /** Sums rows of {@code src} into {@code n} rows by {@code index} (scatter-add along dim 0). */
    public static Tensor scatterAdd(Tensor src, Tensor index, long n) {
        long[] shape = src.shape();
        shape[0] = n;
        return torch.index_add(src.new_zeros(shape), 0, index, src);
    }

    /**
     * As {@link #scatterAdd}, accumulated in float64 whatever the dtype of {@code src}: the energy
     * sums (per-atom energies to molecules, prior pair terms), where thousands of float32 terms
     * would lose digits (docs/precision.md). The result is float64; autograd casts the gradient
     * back to {@code src}'s dtype, so the forces stay in the model's precision.
     */
    public static Tensor scatterAddInDouble(Tensor src, Tensor index, long n) {
        return scatterAdd(toDtype(src, ScalarType.Double), index, n);
    }

    /** Adds two trailing singleton dimensions: [..] -> [.., 1, 1]. */
    public static Tensor expand2(Tensor t) {
        return t.unsqueeze(-1).unsqueeze(-1);
    }

    /**
     * The first row of {@code t} [rows, k] holding a NaN or infinity, or -1 when every value is finite:
     * for naming the atom in an error, after a cheap reduction has said something is wrong.
     */
    public static long firstNonFiniteRow(Tensor t) {
        Tensor bad = t.isfinite().logical_not().any(1);
        if (!bad.any().item_bool()) return -1;
        return bad.nonzero().select(1, 0).select(0, 0).item_long();
    }

    /** The values of any tensor as doubles, row-major (a copy; works for every device and dtype). */
    public static double[] toDoubles(Tensor t) {
        Tensor d = t.detach().to(new org.bytedeco.pytorch.Device("cpu"), ScalarType.Double).contiguous();
        double[] out = new double[(int) d.numel()];
        ((java.nio.DoubleBuffer) d.createBuffer()).get(out);
        return out;
    }

    /** The values of an integer tensor as longs, row-major (a copy). */
    public static long[] toLongs(Tensor t) {
        Tensor d = t.detach().to(new org.bytedeco.pytorch.Device("cpu"), ScalarType.Long).contiguous();
        long[] out = new long[(int) d.numel()];
        ((java.nio.LongBuffer) d.createBuffer()).get(out);
        return out;
    }

    /** A 3x3 matrix (e.g. a box, rows a, b, c) with the dtype and device of {@code like}. */
    public static Tensor matrix3(double[][] m, Tensor like) {
        double[] flat = new double[9];
        for (int r = 0; r < 3; r++) System.arraycopy(m[r], 0, flat, 3 * r, 3);
        return Tensor.create(flat, 3, 3).to(like.device(), like.scalar_type());
    }

    public static long[] shape(Tensor t) {
        return t.shape();
    }
}
