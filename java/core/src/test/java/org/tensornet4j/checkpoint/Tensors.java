package org.tensornet4j.checkpoint;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Reads tensors back into Java arrays for assertions. */
public final class Tensors {
    private Tensors() {
    }

    /** The canonical enum constant: JavaCPP hands out a new ScalarType object per call, so == and equals fail. */
    public static ScalarType dtype(Tensor t) {
        return t.scalar_type().intern();
    }

    public static long[] shape(Tensor t) {
        long[] shape = new long[(int) t.dim()];
        for (int d = 0; d < shape.length; d++) shape[d] = t.size(d);
        return shape;
    }

    /** All elements in row-major order, converted to double. */
    public static double[] values(Tensor t) {
        try (Tensor asDouble = t.to(ScalarType.Double); Tensor flat = asDouble.contiguous()) {
            double[] out = new double[(int) flat.numel()];
            if (out.length > 0) {
                DoublePointer p = new DoublePointer(flat.data_ptr());
                p.capacity(out.length).get(out);
            }
            return out;
        }
    }

    public static double[] row(Tensor t, long index) {
        try (Tensor r = t.select(0, index)) {
            return values(r);
        }
    }

    /** Whether two tensors hold the same values in the same order. */
    public static boolean rowsEqual(Tensor a, Tensor b) {
        return Arrays.equals(values(a), values(b));
    }
}
