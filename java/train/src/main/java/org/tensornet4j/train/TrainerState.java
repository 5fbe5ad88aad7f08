package org.tensornet4j.train;

import static org.tensornet4j.torch.Ops.scalar;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.torch.Ops;

/**
 * The loop's counters and running values that a resumed run needs besides the weights: next epoch,
 * best validation loss, epochs without improvement, TorchMD-Net's loss EMAs ({@code ema_alpha_y},
 * {@code ema_alpha_neg_dy}), plus the optimizer's moments and the learning-rate schedule. Saved as a
 * plain state dict ({@code resume.pt}) of float64 tensors, so every value comes back bit for bit.
 */
final class TrainerState {
    long epoch;
    double bestVal = Double.POSITIVE_INFINITY;
    long badEpochs;
    double emaY = Double.NaN;
    double emaDy = Double.NaN;

    /** TorchMD-Net's smoothing of the training loss terms: alpha * loss + (1 - alpha) * previous (detached). */
    Loss.Terms smooth(Loss.Terms t, double alphaY, double alphaDy) {
        Tensor y = t.energy();
        Tensor dy = t.forces();
        if (y != null && alphaY < 1) {
            if (!Double.isNaN(emaY)) y = y.mul(scalar(alphaY)).add(scalar((1 - alphaY) * emaY));
            emaY = y.item_double();
        }
        if (dy != null && alphaDy < 1) {
            if (!Double.isNaN(emaDy)) dy = dy.mul(scalar(alphaDy)).add(scalar((1 - alphaDy) * emaDy));
            emaDy = dy.item_double();
        }
        return new Loss.Terms(y, dy);
    }

    Map<String, Tensor> save(AdamW adam, LearningRate lr) {
        Map<String, Tensor> s = new LinkedHashMap<>(adam.state());
        double[] sched = lr.state();
        s.put("trainer", Tensor.create(new double[] {epoch, bestVal, badEpochs, emaY, emaDy, adam.step(), sched[0], sched[1], sched[2]}));
        return s;
    }

    static TrainerState restore(Map<String, Tensor> saved, AdamW adam, LearningRate lr) {
        Tensor t = saved.get("trainer");
        if (t == null) throw new IllegalArgumentException("resume.pt holds no trainer state; it was not written by tn4j train");
        double[] v = Ops.toDoubles(t);
        TrainerState s = new TrainerState();
        s.epoch = (long) v[0];
        s.bestVal = v[1];
        s.badEpochs = (long) v[2];
        s.emaY = v[3];
        s.emaDy = v[4];
        adam.restore(saved, (long) v[5]);
        lr.restore(new double[] {v[6], v[7], v[8]});
        return s;
    }
}
