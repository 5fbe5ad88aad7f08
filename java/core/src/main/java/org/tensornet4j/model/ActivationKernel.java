package org.tensornet4j.model;

import static org.tensornet4j.model.KernelArgs.data;
import static org.tensornet4j.model.KernelArgs.dtype;
import static org.tensornet4j.model.KernelArgs.requireOutput;
import static org.tensornet4j.model.KernelArgs.requireShape;

import java.lang.ref.Reference;
import org.bytedeco.pytorch.Tensor;

/**
 * The radial MLPs' activation as one native pass ({@code native/kernels/cpu/Activations.h}), for
 * {@link MlpTape}: a layer's bias added to its matrix product, SiLU applied in place, and SiLU's
 * derivative returned for the way back.
 */
final class ActivationKernel {
    private ActivationKernel() {}

    /**
     * Overwrites {@code z} [rows, width] (a layer's product without its bias, contiguous, CPU float32
     * or float64) with silu(z + bias) and returns silu'(z + bias) [rows, width].
     *
     * @param bias [width] in z's dtype, or null for a layer without one
     */
    static Tensor siluInPlace(Tensor z, Tensor bias) {
        // Contiguous first: floats() would copy a strided tensor, which this pass must write in place.
        requireOutput("the activation's input", z, z);
        KernelArgs.floats(z, z);
        if (z.dim() != 2) throw new IllegalArgumentException("the activation's input must be [rows, width], got " + z.dim() + " dims");
        long rows = z.size(0), width = z.size(1);
        Tensor b = bias == null ? null : KernelArgs.floats(bias, z);
        if (b != null) requireShape("bias", b, width);
        Tensor d = z.new_empty(rows, width);  // overwritten by the kernel
        NativeKernels.siluWithDerivative(dtype(z), rows, width, data(b), data(z), data(d));
        Reference.reachabilityFence(b);
        return d;
    }
}
