package org.tensornet4j.model;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** The two autograd moves of the hand-chained gradients ({@link ChunkedGradient}, {@link KernelGradient}). */
final class Autograd {
    private Autograd() {}

    /** A copy of {@code t}'s values that autograd treats as an input of its own. */
    static Tensor leaf(Tensor t) {
        return t.detach().requires_grad_(true);
    }

    static IrreducibleTensors.Compact leaves(IrreducibleTensors.Compact c) {
        return new IrreducibleTensors.Compact(leaf(c.iso()), leaf(c.vec()), leaf(c.sym()));
    }

    /**
     * Vector-Jacobian product: sum over outputs of gradOutputs . d(output)/d(input), for each input
     * ({@code gradOutputs} null for scalar outputs). {@code keepGraph} keeps the graph's buffers for
     * a later call through shared parts.
     */
    static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, Tensor[] gradOutputs, boolean keepGraph) {
        TensorVector result = gradOutputs == null
                ? torch.grad(new TensorVector(outputs), new TensorVector(inputs), new TensorVector(),
                        new BoolOptional(keepGraph), false, false)
                : torch.grad(new TensorVector(outputs), new TensorVector(inputs), new TensorVector(gradOutputs),
                        new BoolOptional(keepGraph), false, false);
        // get(k) points into the vector; owning copies (of the handle, not the data) outlive it.
        Tensor[] out = new Tensor[inputs.length];
        for (int k = 0; k < out.length; k++) out[k] = new Tensor(result.get(k));
        return out;
    }

    /**
     * The gradient of a scalar with respect to each input, zeros for an input it does not depend on
     * (TensorNet2's output head reads the charges only with its Coulomb term).
     */
    static Tensor[] gradOrZeros(Tensor scalar, Tensor[] inputs, boolean keepGraph) {
        TensorVector result = torch.grad(new TensorVector(scalar), new TensorVector(inputs), new TensorVector(),
                new BoolOptional(keepGraph), false, true);
        Tensor[] out = new Tensor[inputs.length];
        for (int k = 0; k < out.length; k++) {
            Tensor g = new Tensor(result.get(k));
            out[k] = g.defined() ? g : torch.zeros_like(inputs[k]);
        }
        return out;
    }
}
