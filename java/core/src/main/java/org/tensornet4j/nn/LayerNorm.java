package org.tensornet4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** nn.LayerNorm over the last dimension (eps 1e-5, elementwise affine), parameters {@code <name>.weight|bias}. */
public final class LayerNorm {
    private static final double EPS = 1e-5;
    private final Tensor weight;
    private final Tensor bias;
    private final long[] shape;

    public LayerNorm(ParameterStore p, String name, long features) {
        this.weight = p.get(name + ".weight", features);
        this.bias = p.get(name + ".bias", features);
        this.shape = new long[] {features};
    }

    public Tensor apply(Tensor x) {
        return torch.layer_norm(x, shape, new TensorOptional(weight), new TensorOptional(bias), EPS, false);
    }
}
