package org.tensornet4j.model;

import static org.bytedeco.pytorch.global.torch.empty_like;
import static org.tensornet4j.model.KernelArgs.floats;
import static org.tensornet4j.model.KernelArgs.data;
import static org.tensornet4j.model.KernelArgs.dtype;
import static org.tensornet4j.model.KernelArgs.requireShape;

import java.lang.ref.Reference;
import org.bytedeco.pytorch.Tensor;

/**
 * The 3x3 algebra of an interaction layer, per atom and channel in one native pass each, and its
 * gradients (see {@code native/kernels/cpu/AtomUpdate.h}); the channel mixes between the steps
 * stay LibTorch matrix products. Together with those mixes they compute {@link Interaction#prepare}
 * and {@link Interaction#update}. No autograd: {@link KernelGradient} chains the gradients by hand.
 *
 * <p>Compact tensors are packed [atoms, 10, F] ({@link IrreducibleTensors.Compact#packed}), full ones
 * [atoms, F, 3, 3]; {@code scale} is the charge factor [atoms] (1 + 0.1 q) or null.
 */
final class AtomUpdate {
    private static final long PACKED = IrreducibleTensors.PACKED;

    private AtomUpdate() {}

    /**
     * The layer's input normalised, x / (|x|^2 + 1) [atoms, F, 3, 3], and its parts, packed [atoms, 10, F]:
     * {@code {normalised, parts}}.
     */
    static Tensor[] normalisedInput(Tensor x) {
        Tensor xc = floats(x, x);
        requireShape("full tensor", xc, -1, -1, 3, 3);
        long n = xc.size(0), f = xc.size(1);
        Tensor xn = empty_like(xc), c = xc.new_empty(n, PACKED, f);
        NativeKernels.normalisedInput(dtype(xc), n, f, data(xc), data(xn), data(c));
        Reference.reachabilityFence(xc);
        return new Tensor[] {xn, c};
    }

    /** The gradient of {@link #normalisedInput} with respect to x, given those of both outputs. */
    static Tensor normalisedInputGrad(Tensor x, Tensor gradNormalised, Tensor gradParts) {
        Tensor xc = floats(x, x);
        requireShape("full tensor", xc, -1, -1, 3, 3);
        Tensor gxn = floats(gradNormalised, xc), gc = floats(gradParts, xc);
        long n = xc.size(0), f = xc.size(1);
        requireShape("gradient of the normalised input", gxn, n, f, 3, 3);
        requireShape("gradient of the parts", gc, n, PACKED, f);
        Tensor gx = empty_like(xc);
        NativeKernels.normalisedInputVjp(dtype(xc), n, f, data(xc), data(gxn), data(gc), data(gx));
        Reference.reachabilityFence(new Object[] {xc, gxn, gc});
        return gx;
    }

    /** compact(P) / (|P|^2 + 1) with P = scale (M Y + Y M) for O(3), 2 Y M for SO(3): [atoms, 10, F]. */
    static Tensor normalisedProducts(Tensor messages, Tensor y, Tensor scale, boolean o3) {
        Tensor m = packed(messages, messages), yc = packed(y, messages), s = scale(scale, messages);
        Tensor c = empty_like(m);
        long n = m.size(0), f = m.size(2);
        NativeKernels.normalisedProducts(dtype(m), n, f, data(m), data(yc), data(s), o3, data(c));
        Reference.reachabilityFence(new Object[] {m, yc, s});
        return c;
    }

    /** The gradients of {@link #normalisedProducts} with respect to the messages and Y, given {@code g}. */
    static Tensor[] normalisedProductsGrads(Tensor g, Tensor messages, Tensor y, Tensor scale, boolean o3) {
        Tensor m = packed(messages, messages), yc = packed(y, messages), gc = packed(g, messages), s = scale(scale, messages);
        Tensor gm = empty_like(m), gy = empty_like(m);
        long n = m.size(0), f = m.size(2);
        NativeKernels.normalisedProductsVjp(dtype(m), n, f, data(gc), data(m), data(yc), data(s), o3, data(gm),
                data(gy));
        Reference.reachabilityFence(new Object[] {m, yc, gc, s});
        return new Tensor[] {gm, gy};
    }

    /** x + D + scale D D with D = full(d): the layer's output [atoms, F, 3, 3] from its normalised input x. */
    static Tensor layerOutput(Tensor x, Tensor d, Tensor scale) {
        Tensor dc = packed(d, d), xc = full(x, d), s = scale(scale, d);
        Tensor out = empty_like(xc);
        long n = dc.size(0), f = dc.size(2);
        NativeKernels.layerOutput(dtype(dc), n, f, data(xc), data(dc), data(s), data(out));
        Reference.reachabilityFence(new Object[] {dc, xc, s});
        return out;
    }

    /** The gradient of {@link #layerOutput} with respect to d, given {@code g} (that with respect to x is g itself). */
    static Tensor layerOutputGrad(Tensor g, Tensor d, Tensor scale) {
        Tensor dc = packed(d, d), gc = full(g, d), s = scale(scale, d);
        Tensor gd = empty_like(dc);
        long n = dc.size(0), f = dc.size(2);
        NativeKernels.layerOutputVjp(dtype(dc), n, f, data(gc), data(dc), data(s), data(gd));
        Reference.reachabilityFence(new Object[] {dc, gc, s});
        return gd;
    }

    /** {@code t} checked against the atoms and channels of {@code like} [atoms, 10, F]. */
    private static Tensor packed(Tensor t, Tensor like) {
        Tensor c = floats(t, like);
        requireShape("packed tensor", c, like.size(0), PACKED, like.dim() == 3 ? like.size(2) : -1);
        return c;
    }

    private static Tensor full(Tensor t, Tensor packedLike) {
        Tensor c = floats(t, packedLike);
        requireShape("full tensor", c, packedLike.size(0), packedLike.size(2), 3, 3);
        return c;
    }

    /** The charge factor as a contiguous [atoms] tensor ([atoms, 1, 1, 1] accepted), or null. */
    private static Tensor scale(Tensor scale, Tensor like) {
        if (scale == null) return null;
        Tensor s = floats(scale, like).reshape(-1);
        requireShape("charge factor", s, like.size(0));
        return s;
    }

}
