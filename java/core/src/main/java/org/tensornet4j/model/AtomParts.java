package org.tensornet4j.model;

import static org.tensornet4j.model.KernelArgs.data;
import static org.tensornet4j.model.KernelArgs.dtype;
import static org.tensornet4j.model.KernelArgs.floats;
import static org.tensornet4j.model.KernelArgs.requireShape;

import java.lang.ref.Reference;
import org.bytedeco.pytorch.Tensor;

/**
 * The per-atom steps of the embedding and the read-out around their matrix products, in one native
 * pass each, and their gradients (see {@code native/kernels/cpu/AtomParts.h}): the squared norms of
 * the irreducible parts (and TensorNet2's charge-block features), and the embedding's output. Together
 * with the layer norms, MLPs and channel mix between them they compute {@link TensorEmbedding#fromSums},
 * {@link TensorNetBase#readout} and {@link ChargePredict#forward}.
 * No autograd: {@link KernelGradient} chains the gradients by hand.
 *
 * <p>Packed tensors are [atoms, 10, F] ({@link IrreducibleTensors.Compact#packed}), full ones
 * [atoms, F, 3, 3], per-part numbers [atoms, 3, F] (I, A, S).
 */
final class AtomParts {
    private static final long PACKED = IrreducibleTensors.PACKED;

    private AtomParts() {}

    /** |I|^2 + |A|^2 + |S|^2 per atom and channel of packed {@code p}, [atoms, F]: the embedding's norm input. */
    static Tensor packedNormSum(Tensor p) {
        Tensor pc = packed(p, p);
        long n = pc.size(0), f = pc.size(2);
        Tensor out = pc.new_empty(n, f);
        NativeKernels.packedNormSum(dtype(pc), n, f, data(pc), data(out));
        Reference.reachabilityFence(pc);
        return out;
    }

    /** The gradient of {@link #packedNormSum} with respect to {@code p}, given {@code g} [atoms, F]. */
    static Tensor packedNormSumGrad(Tensor p, Tensor g) {
        Tensor pc = packed(p, p), gc = floats(g, pc);
        long n = pc.size(0), f = pc.size(2);
        requireShape("gradient of the norms", gc, n, f);
        Tensor gp = pc.new_empty(n, PACKED, f);
        NativeKernels.packedNormSumVjp(dtype(pc), n, f, data(pc), data(gc), data(gp));
        Reference.reachabilityFence(new Object[] {pc, gc});
        return gp;
    }

    /** The squared norms of the parts of full {@code x}, [atoms, 3 F] (I, A, S): the read-out's features. */
    static Tensor partNorms(Tensor x) {
        return perPart(x, false);
    }

    /** The gradient of {@link #partNorms} with respect to {@code x}, given {@code g} [atoms, 3 F]. */
    static Tensor partNormsGrad(Tensor x, Tensor g) {
        return perPartGrad(x, g, false);
    }

    /**
     * TensorNet2's charge-block features of full {@code x}, [atoms, 3 F]: the isotropic value itself
     * (trace / 3), |A|^2 and |S|^2 ({@link ChargePredict#fromFeatures}).
     */
    static Tensor chargeFeatures(Tensor x) {
        return perPart(x, true);
    }

    /** The gradient of {@link #chargeFeatures} with respect to {@code x}, given {@code g} [atoms, 3 F]. */
    static Tensor chargeFeaturesGrad(Tensor x, Tensor g) {
        return perPartGrad(x, g, true);
    }

    /** One number per part and channel of full {@code x}: |I|^2 or ({@code isoValue}) the isotropic value, |A|^2, |S|^2. */
    private static Tensor perPart(Tensor x, boolean isoValue) {
        Tensor xc = full(x);
        long n = xc.size(0), f = xc.size(1);
        Tensor out = xc.new_empty(n, 3 * f);
        if (isoValue) {
            NativeKernels.chargeFeatures(dtype(xc), n, f, data(xc), data(out));
        } else {
            NativeKernels.partNorms(dtype(xc), n, f, data(xc), data(out));
        }
        Reference.reachabilityFence(xc);
        return out;
    }

    private static Tensor perPartGrad(Tensor x, Tensor g, boolean isoValue) {
        Tensor xc = full(x), gc = floats(g, xc);
        long n = xc.size(0), f = xc.size(1);
        requireShape("gradient of the per-part numbers", gc, n, 3 * f);
        Tensor gx = xc.new_empty(n, f, 3, 3);
        if (isoValue) {
            NativeKernels.chargeFeaturesVjp(dtype(xc), n, f, data(xc), data(gc), data(gx));
        } else {
            NativeKernels.partNormsVjp(dtype(xc), n, f, data(xc), data(gc), data(gx));
        }
        Reference.reachabilityFence(new Object[] {xc, gc});
        return gx;
    }

    /**
     * The embedding's output [atoms, F, 3, 3]: the mixed sums, packed [atoms, 10, F], each part scaled
     * by its factor of {@code factors} [atoms, 3 F] (I, A, S), joined into full tensors.
     */
    static Tensor embeddingOutput(Tensor mixed, Tensor factors) {
        Tensor m = packed(mixed, mixed), fc = factors(factors, m);
        long n = m.size(0), f = m.size(2);
        Tensor x = m.new_empty(n, f, 3, 3);
        NativeKernels.embeddingOutput(dtype(m), n, f, data(m), data(fc), data(x));
        Reference.reachabilityFence(new Object[] {m, fc});
        return x;
    }

    /** The gradients of {@link #embeddingOutput} with respect to {@code mixed} and {@code factors}, given {@code g}. */
    static Tensor[] embeddingOutputGrads(Tensor g, Tensor mixed, Tensor factors) {
        Tensor m = packed(mixed, mixed), fc = factors(factors, m), gc = floats(g, m);
        long n = m.size(0), f = m.size(2);
        requireShape("gradient of the embedding's output", gc, n, f, 3, 3);
        Tensor gm = m.new_empty(n, PACKED, f), gf = m.new_empty(n, 3 * f);
        NativeKernels.embeddingOutputVjp(dtype(m), n, f, data(gc), data(m), data(fc), data(gm), data(gf));
        Reference.reachabilityFence(new Object[] {m, fc, gc});
        return new Tensor[] {gm, gf};
    }

    /** {@code t} [atoms, 10, F], with the atoms and channels of {@code like}. */
    private static Tensor packed(Tensor t, Tensor like) {
        Tensor c = floats(t, like);
        requireShape("packed tensor", c, like.size(0), PACKED, like.dim() == 3 ? like.size(2) : -1);
        return c;
    }

    private static Tensor full(Tensor x) {
        Tensor c = floats(x, x);
        requireShape("full tensor", c, -1, -1, 3, 3);
        return c;
    }

    private static Tensor factors(Tensor t, Tensor packedLike) {
        Tensor c = floats(t, packedLike);
        requireShape("per-part factors", c, packedLike.size(0), 3 * packedLike.size(2));
        return c;
    }
}
