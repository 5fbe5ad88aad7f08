package org.tensornet4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.NoGrad;

/**
 * A forward pass through linear layers, each followed by the activation, without autograd, keeping
 * what the backward pass to the input needs; {@link #inputGrad} is that backward pass, by hand.
 *
 * <p>Why: the model's radial MLPs run in many blocks per call (both threads share them), and for
 * small molecules an autograd pass per block cost more than its arithmetic (the engine's set-up and
 * one node per op). By hand it is two ops per layer: the activation's backward function and one
 * matrix product with the weight, the very functions autograd calls, so the numbers are the same.
 * For inference only: no gradient reaches the weights.
 */
public final class MlpTape {
    private final Linear[] layers;
    private final Activation act;
    /** Per layer, the activation's input or output ({@link Activation#keepsOutput}). */
    private final Tensor[] kept;
    private final Tensor output;

    /** Runs {@code input} [rows, in] through {@code layers}, each followed by {@code act}. */
    public MlpTape(Linear[] layers, Activation act, Tensor input) {
        this.layers = layers;
        this.act = act;
        this.kept = new Tensor[layers.length];
        try (NoGrad off = NoGrad.enter()) {
            Tensor h = input;
            for (int k = 0; k < layers.length; k++) {
                Tensor z = layers[k].apply(h);
                h = act.apply(z);
                kept[k] = act.keepsOutput() ? h : z;
            }
            this.output = h;
        }
    }

    private MlpTape(Linear[] layers, Activation act, Tensor[] kept, Tensor output) {
        this.layers = layers;
        this.act = act;
        this.kept = kept;
        this.output = output;
    }

    /**
     * The tensors this tape keeps ({@link #output} last), for a caller that hands them across a scope
     * (a worker thread's task); {@link #restore} rebuilds the tape from them.
     */
    public Tensor[] tensors() {
        Tensor[] all = java.util.Arrays.copyOf(kept, kept.length + 1);
        all[kept.length] = output;
        return all;
    }

    /** The tape whose {@link #tensors} these are, for the same layers and activation. */
    public static MlpTape restore(Linear[] layers, Activation act, Tensor[] tensors) {
        if (tensors.length != layers.length + 1) {
            throw new IllegalArgumentException("a tape of " + layers.length + " layers has " + (layers.length + 1)
                    + " tensors, got " + tensors.length);
        }
        return new MlpTape(layers, act, java.util.Arrays.copyOf(tensors, layers.length), tensors[layers.length]);
    }

    /** The last layer's activations [rows, out]. */
    public Tensor output() {
        return output;
    }

    /**
     * The tangent of {@link #output} [rows, out] along {@code inputTangent} [rows, in] (forward mode):
     * per layer a product with the transposed weight, then the activation's derivative, which is the
     * very map its backward function applies ({@link Activation#backward}), as the activation acts
     * element by element.
     */
    public Tensor tangent(Tensor inputTangent) {
        try (NoGrad off = NoGrad.enter()) {
            Tensor t = inputTangent;
            for (int k = 0; k < layers.length; k++) t = act.backward(torch.mm(t, layers[k].weight.t()), kept[k]);
            return t;
        }
    }

    /** The gradient of the input [rows, in] given that of {@link #output}. */
    public Tensor inputGrad(Tensor gradOutput) {
        try (NoGrad off = NoGrad.enter()) {
            Tensor g = gradOutput;
            for (int k = layers.length - 1; k >= 0; k--) g = torch.mm(act.backward(g, kept[k]), layers[k].weight);
            return g;
        }
    }
}
