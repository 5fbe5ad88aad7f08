package org.tensornet4j.nn;


import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Ops;
import static org.tensornet4j.torch.Constants.of;

/**
 * PhysNet's exponential-normal basis: cutoff(d) * exp(-beta (exp(alpha (lower - d)) - mean)^2), with
 * alpha = 5 / (upper - lower). Its cosine cutoff runs from 0 (not from the lower cutoff), as in TorchMD-Net.
 * Means and betas are read from the checkpoint (trainable or buffers, they may differ from their initial values).
 */
public final class ExpNormalSmearing implements RadialBasis {
    private final Tensor means;
    private final Tensor betas;
    private final double lower;
    private final double alpha;
    private final CosineCutoff cutoff;

    public ExpNormalSmearing(ParameterStore p, String prefix, double lower, double upper, long numRbf) {
        this.means = p.get(prefix + ".means", numRbf);
        this.betas = p.get(prefix + ".betas", numRbf);
        this.lower = lower;
        this.alpha = 5.0 / (upper - lower);
        this.cutoff = new CosineCutoff(0, upper);
    }

    @Override
    public Tensor expand(Tensor distances) {
        Tensor d = distances.unsqueeze(-1);
        Tensor e = torch.exp(d.neg().add(of(lower, d)).mul(of(alpha, d))).sub(means);
        return cutoff.apply(d).mul(torch.exp(betas.neg().mul(e.square())));
    }

    /**
     * f_k = C(d) G_k with G_k = exp(-beta_k e_k^2), e_k = x - mean_k, x = exp(alpha (lower - d)):
     * df_k/dd = C'(d) G_k + C(d) G_k 2 alpha beta_k e_k x.
     */
    @Override
    public Tensor derivatives(Tensor distances) {
        Tensor d = distances.unsqueeze(-1);
        Tensor x = torch.exp(d.neg().add(of(lower, d)).mul(of(alpha, d)));
        Tensor e = x.sub(means);
        Tensor g = torch.exp(betas.neg().mul(e.square()));
        Tensor viaGaussians = g.mul(betas).mul(e).mul(x).mul(cutoff.apply(d)).mul(of(2 * alpha, d));
        return g.mul(cutoff.derivative(d)).add_(viaGaussians);
    }
}
