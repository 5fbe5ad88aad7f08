package org.tensornet4j.nn;


import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Ops;
import static org.tensornet4j.torch.Constants.of;
import static org.tensornet4j.torch.Ops.scalar;

/**
 * TorchMD-Net's cosine cutoff. With a zero lower cutoff it is 0.5 (cos(pi d / upper) + 1) below the
 * upper cutoff; with a positive lower cutoff it is a full cosine period stretched over (lower, upper)
 * and zero outside that open interval.
 */
public final class CosineCutoff {
    private final double lower;
    private final double upper;

    public CosineCutoff(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * The operations are TorchMD-Net's, one by one, so that float32 results round the same way; the
     * numbers are 0-dim tensors of d's dtype ({@link org.tensornet4j.torch.Constants}: the same results, cheaper).
     */
    public Tensor apply(Tensor d) {
        if (lower > 0) {
            Tensor arg = d.sub(of(lower, d)).mul(of(2, d)).div(of(upper - lower, d)).add(of(1.0, d)).mul(of(Math.PI, d));
            Tensor c = torch.cos(arg).add(of(1.0, d)).mul(of(0.5, d));
            Tensor inside = d.lt(scalar(upper)).logical_and(d.gt(scalar(lower))).to(d.device(), d.scalar_type());
            return c.mul(inside);
        }
        Tensor c = torch.cos(d.mul(of(Math.PI, d)).div(of(upper, d))).add(of(1.0, d)).mul(of(0.5, d));
        return c.mul(d.lt(scalar(upper)).to(d.device(), d.scalar_type()));
    }

    /** d/dd of {@link #apply}: -0.5 sin(arg) d(arg)/dd where the cutoff is not zero, else 0. */
    public Tensor derivative(Tensor d) {
        if (lower > 0) {
            double slope = 2 * Math.PI / (upper - lower);
            Tensor arg = d.sub(of(lower, d)).mul(of(2, d)).div(of(upper - lower, d)).add(of(1.0, d)).mul(of(Math.PI, d));
            Tensor inside = d.lt(scalar(upper)).logical_and(d.gt(scalar(lower))).to(d.device(), d.scalar_type());
            return torch.sin(arg).mul(of(-0.5 * slope, d)).mul(inside);
        }
        Tensor s = torch.sin(d.mul(of(Math.PI, d)).div(of(upper, d))).mul(of(-0.5 * Math.PI / upper, d));
        return s.mul(d.lt(scalar(upper)).to(d.device(), d.scalar_type()));
    }
}
