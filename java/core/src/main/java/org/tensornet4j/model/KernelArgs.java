package org.tensornet4j.model;

import java.util.Arrays;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.torch.Ops;

/** Checks and memory of the tensors passed to {@link NativeKernels}, shared by {@link EdgeSums} and {@link AtomUpdate}. */
final class KernelArgs {
    private static final System.Logger LOG = System.getLogger(KernelArgs.class.getName());
    /** Whether libjniNativeKernels loaded (the build compiles it for linux-x86_64 only). */
    private static final boolean LOADED = load();

    private KernelArgs() {}

    private static boolean load() {
        try {
            Class.forName(NativeKernels.class.getName(), true, KernelArgs.class.getClassLoader());
            return true;
        } catch (LinkageError | ClassNotFoundException e) {
            LOG.log(System.Logger.Level.WARNING, "TensorNet's native kernels are not available (" + e
                    + "): gradients use plain autograd (same results, slower)");
            return false;
        }
    }

    /**
     * Whether the kernels run on tensors like {@code like}: on the CPU, float32 or float64, and the
     * native library loaded.
     */
    static boolean supports(Tensor like) {
        return isCpuFloat(like) && LOADED;
    }

    private static boolean isCpuFloat(Tensor like) {
        ScalarType t = like.scalar_type().intern();
        return like.is_cpu() && (t == ScalarType.Float || t == ScalarType.Double);
    }

    /**
     * {@code t}'s memory as a contiguous tensor, checked against the CPU and dtype of {@code like}: {@code t}
     * itself when it is contiguous (the kernels only read its memory, so autograd does not matter: a
     * detached handle per argument was ~100 extra tensor handles per step for alanine dipeptide),
     * else a contiguous copy without autograd.
     */
    static Tensor floats(Tensor t, Tensor like) {
        if (!LOADED) throw new IllegalStateException("TensorNet's native kernels are not available on this platform");
        if (!isCpuFloat(like)) {
            throw new IllegalArgumentException("the native kernels run on CPU float32/float64 tensors, got " + like.scalar_type()
                    + (like.is_cpu() ? "" : " off the CPU"));
        }
        if (!t.is_cpu() || t.scalar_type().intern() != like.scalar_type().intern()) {
            throw new IllegalArgumentException("the native kernels need all tensors on the CPU in " + like.scalar_type() + ", got "
                    + t.scalar_type() + (t.is_cpu() ? "" : " off the CPU"));
        }
        return t.is_contiguous() ? t : t.detach().contiguous();
    }

    /**
     * Refuses an output the kernels add into unless it is a contiguous CPU tensor of {@code like}'s
     * dtype: a copy made to fit would take the sums, not {@code t}.
     */
    static void requireOutput(String what, Tensor t, Tensor like) {
        if (!t.is_cpu() || !t.is_contiguous() || t.scalar_type().intern() != like.scalar_type().intern()) {
            throw new IllegalArgumentException(what + " must be a contiguous CPU " + like.scalar_type() + " tensor, got "
                    + t.scalar_type() + (t.is_cpu() ? "" : " off the CPU"));
        }
    }

    /** Contiguous int64 [edges], or null for null. */
    static Tensor indices(Tensor t, long edges) {
        if (t == null) return null;
        if (t.dim() != 1 || t.size(0) != edges || t.scalar_type().intern() != ScalarType.Long || !t.is_cpu()) {
            throw new IllegalArgumentException("edge indices must be CPU int64 [" + edges + "], got " + t.scalar_type()
                    + " " + Arrays.toString(Ops.shape(t)));
        }
        return t.is_contiguous() ? t : t.contiguous();
    }

    static void requireShape(String what, Tensor t, long... shape) {
        boolean ok = t.dim() == shape.length;
        for (int d = 0; ok && d < shape.length; d++) ok = shape[d] < 0 || t.size(d) == shape[d];
        if (!ok) {
            throw new IllegalArgumentException(what + " must have shape " + Arrays.toString(shape).replace("-1", "rows")
                    + ", got " + Arrays.toString(Ops.shape(t)));
        }
    }

    /** The dtype code of a checked float tensor for {@link NativeKernels}: 0 float32, 1 float64 (KernelEntryPoints.h). */
    static int dtype(Tensor t) {
        return t.scalar_type().intern() == ScalarType.Double ? 1 : 0;
    }

    /** The memory of a checked tensor ({@link #floats}), or null for null (an absent charge factor). */
    static Pointer data(Tensor t) {
        return t == null ? null : t.data_ptr();
    }

    static LongPointer ptr(Tensor indices) {
        return indices == null ? null : indices.data_ptr_long();
    }
}
