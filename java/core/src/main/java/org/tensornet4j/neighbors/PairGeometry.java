package org.tensornet4j.neighbors;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The distance test every {@link NeighborSearch} applies. Sharing it is what makes the searches agree
 * pair for pair, even for atoms exactly at a cutoff: elementwise ops round the same way whatever the
 * shape of the tensor they run on, so a pair gets the same verdict in any search.
 */
final class PairGeometry {
    private final double lower;
    private final double upper;

    PairGeometry(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /** Whether displacements {@code pos_i - pos_j} ([.., 3], minimum image already applied) lie within the cutoffs. */
    Tensor withinCutoffs(Tensor d) {
        Tensor dist = length(d);
        return dist.lt(scalar(upper)).logical_and(dist.ge(scalar(lower)));
    }

    /** sqrt(x^2 + y^2 + z^2) term by term, not as a reduction whose order could depend on the shape. */
    static Tensor length(Tensor d) {
        Tensor x = d.select(-1, 0), y = d.select(-1, 1), z = d.select(-1, 2);
        return x.square().add(y.square()).add(z.square()).sqrt();
    }

    /**
     * TorchMD-Net's minimum image for a reduced box: subtract whole c, then b, then a vectors, with
     * the multiple rounded half away from zero (C's round, not torch.round's half-to-even).
     */
    static Tensor minimumImage(Tensor d, Tensor box) {
        for (int axis = 2; axis >= 0; axis--) {
            Tensor vector = box.select(0, axis);
            Tensor ratio = d.select(-1, axis).div(vector.select(0, axis));
            Tensor shift = torch.sign(ratio).mul(torch.floor(ratio.abs().add(scalar(0.5))));
            d = d.sub(shift.unsqueeze(-1).mul(vector));
        }
        return d;
    }
}
