package org.tensornet4j.train;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * TorchMD-Net's training loss: {@code y_weight * mse(energy) + neg_dy_weight * mse(forces)}, each MSE
 * the mean over its elements (molecules; atoms x 3 components). A term whose weight is 0 is left out.
 */
record Loss(double yWeight, double negDyWeight) {
    Loss {
        if (yWeight < 0 || negDyWeight < 0 || yWeight + negDyWeight == 0) {
            throw new IllegalArgumentException("y_weight and neg_dy_weight must be >= 0 and not both 0, got " + yWeight
                    + " and " + negDyWeight);
        }
    }

    /** The energy and the force terms (unweighted MSE; null when the weight is 0). */
    record Terms(Tensor energy, Tensor forces) {}

    Terms terms(Prediction p, Batch b) {
        Tensor ey = yWeight > 0 ? torch.mse_loss(p.energy(), b.energy()) : null;
        Tensor ef = negDyWeight > 0 ? torch.mse_loss(p.forces(), b.forces()) : null;
        return new Terms(ey, ef);
    }

    Tensor total(Terms t) {
        Tensor sum = null;
        if (t.energy() != null) sum = t.energy().mul(scalar(yWeight));
        if (t.forces() != null) sum = sum == null ? t.forces().mul(scalar(negDyWeight)) : sum.add(t.forces().mul(scalar(negDyWeight)));
        return sum;
    }
}
