package org.tensornet4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Gaussian basis exp(coeff (d - offset)^2); offsets and the (scalar) coefficient come from the checkpoint. */
public final class GaussianSmearing implements RadialBasis {
    private final Tensor offset;
    private final Tensor coeff;

    public GaussianSmearing(ParameterStore p, String prefix, long numRbf) {
        this.offset = p.get(prefix + ".offset", numRbf);
        this.coeff = p.get(prefix + ".coeff");
    }

    @Override
    public Tensor expand(Tensor distances) {
        Tensor d = distances.unsqueeze(-1).sub(offset);
        return torch.exp(coeff.mul(d.square()));
    }
}
