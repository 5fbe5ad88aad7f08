package org.tensornet4j.model;

import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.nn.Activation;
import org.tensornet4j.nn.Linear;
import org.tensornet4j.torch.NoGrad;

/**
 * A forward pass through linear layers, each followed by the activation, without autograd, keeping
 * what the backward pass to the input needs; {@link #inputGrad} is that backward pass, by hand, and
 * {@link #tangent} the forward-mode derivative. Used for the radial MLPs ({@link RadialTape}).
 *
 * <p>Why: the model's radial MLPs run in many blocks per call (both threads share them), and for
 * small molecules an autograd pass per block cost more than its arithmetic (the engine's set-up and
 * one node per op). By hand it is two ops per layer: the activation's derivative and one matrix
 * product with the weight.
 *
 * <p>SiLU (TorchMD-Net's default) on CPU float tensors: each layer is a plain matrix product and one
 * native pass ({@link ActivationKernel}) that adds the bias, applies SiLU and keeps its derivative, so
 * that the way back is a product with the kept derivative (LibTorch's addmm, silu and silu_backward
 * made three passes, two of them with an exp). Those numbers agree with LibTorch's to the rounding of
 * its exp. Other activations (and other devices) keep the activation's input or output and go back
 * through LibTorch's own backward functions, the very ones autograd calls: the same numbers. For
 * inference only: no gradient reaches the weights.
 */
final class MlpTape {
    private final Linear[] layers;
    private final Activation act;
    /** Whether each layer's activation ran in {@link ActivationKernel}: then {@link #kept} holds its derivative. */
    private final boolean fused;
    /** Per layer, the activation's derivative ({@link #fused}), else its input or output ({@link Activation#keepsOutput}). */
    private final Tensor[] kept;
    private final Tensor output;

    /** Runs {@code input} [rows, in] through {@code layers}, each followed by {@code act}. */
    MlpTape(Linear[] layers, Activation act, Tensor input) {
        this.layers = layers;
        this.act = act;
        this.fused = fuses(act, input);
        this.kept = new Tensor[layers.length];
        try (NoGrad off = NoGrad.enter()) {
            Tensor h = input;
            for (int k = 0; k < layers.length; k++) {
                if (fused) {
                    h = torch.mm(h, layers[k].weight.t());
                    kept[k] = ActivationKernel.siluInPlace(h, layers[k].bias);
                } else {
                    Tensor z = layers[k].apply(h);
                    h = act.apply(z);
                    kept[k] = act.keepsOutput() ? h : z;
                }
            }
            this.output = h;
        }
    }

    private MlpTape(Linear[] layers, Activation act, Tensor[] kept, Tensor output) {
        this.layers = layers;
        this.act = act;
        this.fused = fuses(act, output);
        this.kept = kept;
        this.output = output;
    }

    /** Whether SiLU runs in the native kernel for tensors like {@code like}. */
    private static boolean fuses(Activation act, Tensor like) {
        return act == Activation.SILU && KernelArgs.supports(like);
    }

    /**
     * The tensors this tape keeps ({@link #output} last), for a caller that hands them across a scope
     * (a worker thread's task); {@link #restore} rebuilds the tape from them.
     */
    Tensor[] tensors() {
        Tensor[] all = Arrays.copyOf(kept, kept.length + 1);
        all[kept.length] = output;
        return all;
    }

    /** The tape whose {@link #tensors} these are, for the same layers and activation. */
    static MlpTape restore(Linear[] layers, Activation act, Tensor[] tensors) {
        if (tensors.length != layers.length + 1) {
            throw new IllegalArgumentException("a tape of " + layers.length + " layers has " + (layers.length + 1)
                    + " tensors, got " + tensors.length);
        }
        return new MlpTape(layers, act, Arrays.copyOf(tensors, layers.length), tensors[layers.length]);
    }

    /** The last layer's activations [rows, out]. */
    Tensor output() {
        return output;
    }

    /**
     * The tangent of {@link #output} [rows, out] along {@code inputTangent} [rows, in] (forward mode):
     * per layer a product with the transposed weight, then the activation's derivative, which is the
     * very map its backward function applies, as the activation acts element by element.
     */
    Tensor tangent(Tensor inputTangent) {
        try (NoGrad off = NoGrad.enter()) {
            Tensor t = inputTangent;
            for (int k = 0; k < layers.length; k++) t = throughActivation(torch.mm(t, layers[k].weight.t()), k, true);
            return t;
        }
    }

    /** The gradient of the input [rows, in] given that of {@link #output}. */
    Tensor inputGrad(Tensor gradOutput) {
        try (NoGrad off = NoGrad.enter()) {
            Tensor g = gradOutput;
            for (int k = layers.length - 1; k >= 0; k--) {
                g = torch.mm(throughActivation(g, k, k < layers.length - 1), layers[k].weight);
            }
            return g;
        }
    }

    /** Layer {@code k}'s activation derivative applied to {@code g} (in its memory if {@code owned}). */
    private Tensor throughActivation(Tensor g, int k, boolean owned) {
        if (!fused) return act.backward(g, kept[k]);
        return owned ? g.mul_(kept[k]) : g.mul(kept[k]);
    }
}
