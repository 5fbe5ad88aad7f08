package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The channel mix of a packed tensor [n, 10, F] ({@link IrreducibleTensors.Compact#packed}): each of the
 * ten numbers of a channel mixed with its part's bias-free weight [F, F] (I, A, S), as
 * {@code Compact.unpack(packed).mix(wIso, wVec, wSym).packed()} computes it, with the same products.
 *
 * <p>Why: that chain is about sixty LibTorch ops forward (three products, transposes, reshape copies,
 * a concatenation) and as many backward; here it is one batched product over the ten numbers with the
 * weights stacked per number, [10, F, F], made once for inference ({@link InferenceCache}). For
 * alanine dipeptide this is 1.5-2x faster per mix, forward and backward, with identical results
 * (each number's product is the same matrix product). While a weight requires grad (training) the
 * stack cannot be cached, and the chain above runs instead.
 */
final class PackedMix implements AutoCloseable {
    /** For each packed number, which weight mixes it: 0 = I, 1 = A, 2 = S. */
    private static final int[] PART_OF_PACKED = {0, 1, 1, 1, 2, 2, 2, 2, 2, 2};

    private final Tensor wIso, wVec, wSym;
    private final InferenceCache stacked;
    /** The weights themselves per packed number, [10, F_out, F_in]: the vector-Jacobian product's. */
    private final InferenceCache stackedUntransposed;

    PackedMix(Tensor wIso, Tensor wVec, Tensor wSym) {
        this.wIso = wIso;
        this.wVec = wVec;
        this.wSym = wSym;
        this.stacked = new InferenceCache(() -> stack(true), wIso, wVec, wSym);
        this.stackedUntransposed = new InferenceCache(() -> stack(false), wIso, wVec, wSym);
    }

    /** W^T (or W) of each packed number's part, [10, F_in, F_out] ([10, F_out, F_in]). */
    private Tensor stack(boolean transposed) {
        Tensor[] byPart = transposed ? new Tensor[] {wIso.t(), wVec.t(), wSym.t()} : new Tensor[] {wIso, wVec, wSym};
        TensorVector perNumber = new TensorVector();
        for (int part : PART_OF_PACKED) perNumber.push_back(byPart[part]);
        return torch.stack(perNumber);
    }

    /** The mixed packed tensor, [n, 10, F_out], contiguous. */
    Tensor apply(Tensor packed) {
        if (!stacked.usable()) {
            return IrreducibleTensors.Compact.unpack(packed).mix(wIso, wVec, wSym).packed();
        }
        return torch.bmm(packed.transpose(0, 1), stacked.get()).transpose(0, 1).contiguous();
    }

    /**
     * The gradient of {@link #apply}'s input given that of its {@code output}, for a caller that chains
     * gradients by hand ({@link KernelGradient}): the mix is linear, so this is the mix with the
     * transposed weights, one batched product without an autograd pass; while a weight requires grad,
     * autograd back from {@code output} to {@code input}.
     */
    Tensor inputGrad(Tensor output, Tensor input, Tensor gradOutput) {
        if (!stackedUntransposed.usable()) {
            return Autograd.grad(new Tensor[] {output}, new Tensor[] {input}, new Tensor[] {gradOutput}, false)[0];
        }
        return torch.bmm(gradOutput.transpose(0, 1), stackedUntransposed.get()).transpose(0, 1).contiguous();
    }

    @Override
    public void close() {
        stackedUntransposed.close();
        stacked.close();
    }
}
