package org.tensornet4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Ops;

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

    /** df_k/dd = 2 coeff (d - offset_k) f_k. */
    @Override
    public Tensor derivatives(Tensor distances) {
        Tensor d = distances.unsqueeze(-1).sub(offset);
        return torch.exp(coeff.mul(d.square())).mul(d).mul(coeff.mul(Ops.scalar(2)));
    }
}
