package org.tensornet4j.nn;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;

/** Expands distances [E] into radial basis features [E, num_rbf]. */
public interface RadialBasis {
    public Tensor expand(Tensor distances);

    /**
     * Each function's derivative with respect to the distance, [E, num_rbf] (no autograd): the tangent
     * of {@link #expand}'s output along the distances, for gradients chained by hand.
     */
    public Tensor derivatives(Tensor distances);

    /**
     * The gradient of the distances [E] given that of {@link #expand}'s output [E, num_rbf]: the sum over
     * the functions of each one's derivative times its gradient (no autograd; for hand-chained gradients).
     */
    public default Tensor distanceGrad(Tensor distances, Tensor gradBasis) {
        return derivatives(distances).mul(gradBasis).sum(new long[] {-1}, false, new ScalarTypeOptional());
    }

    /** The basis named by the {@code rbf_type} hyper-parameter, its parameters read under {@code prefix}. */
    public static RadialBasis create(String type, ParameterStore p, String prefix, double lower, double upper, long numRbf) {
        return switch (type) {
            case "expnorm" -> new ExpNormalSmearing(p, prefix, lower, upper, numRbf);
            case "gauss" -> new GaussianSmearing(p, prefix, numRbf);
            default -> throw new IllegalArgumentException("unknown rbf_type '" + type + "': supported are expnorm, gauss");
        };
    }
}
