package org.tensornet4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** nn.Linear: y = x W^T + b, parameters {@code <name>.weight} [out, in] and optionally {@code <name>.bias} [out]. */
public final class Linear {
    public final Tensor weight;
    public final Tensor bias;

    public Linear(ParameterStore p, String name, long in, long out, boolean hasBias) {
        this.weight = p.get(name + ".weight", out, in);
        this.bias = hasBias ? p.get(name + ".bias", out) : null;
    }

    public Tensor apply(Tensor x) {
        return bias == null ? torch.linear(x, weight) : torch.linear(x, weight, new TensorOptional(bias));
    }
}
