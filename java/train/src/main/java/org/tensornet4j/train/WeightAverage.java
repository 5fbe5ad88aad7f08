package org.tensornet4j.train;

import static org.tensornet4j.torch.Ops.scalar;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.torch.NoGrad;

/**
 * An exponential moving average of the trainable weights ({@code ema_weights_decay} d: after each
 * step avg = d avg + (1 - d) w). Validation, test and the saved checkpoints use the average, training
 * goes on with the raw weights: {@link #swap} exchanges the two in place.
 */
final class WeightAverage {
    private final Map<String, Tensor> params;
    private final double decay;
    private final Map<String, Tensor> average = new LinkedHashMap<>();

    WeightAverage(Map<String, Tensor> params, double decay) {
        if (!(decay > 0 && decay < 1)) throw new IllegalArgumentException("ema_weights_decay must be in (0, 1), got " + decay);
        this.params = params;
        this.decay = decay;
        try (NoGrad off = NoGrad.enter()) {
            params.forEach((k, p) -> average.put(k, p.detach().clone()));
        }
    }

    void update() {
        try (NoGrad off = NoGrad.enter()) {
            params.forEach((k, p) -> average.get(k).mul_(scalar(decay)).add_(p.detach().mul(scalar(1 - decay))));
        }
    }

    /** Exchanges the model's weights and the average (call twice to undo). */
    void swap() {
        try (NoGrad off = NoGrad.enter()) {
            params.forEach((k, p) -> {
                Tensor a = average.get(k);
                Tensor raw = p.detach().clone();
                p.detach().copy_(a);
                a.copy_(raw);
            });
        }
    }

    /**
     * What this object holds as a state dict ({@code held.<name>}): the average, or while the average
     * is swapped into the model, the raw weights (which is how the trainer saves it next to a checkpoint
     * that holds the average).
     */
    Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        average.forEach((k, v) -> s.put("held." + k, v));
        return s;
    }

    void restore(Map<String, Tensor> saved) {
        for (var e : average.entrySet()) {
            Tensor t = saved.get("held." + e.getKey());
            if (t == null) throw new IllegalArgumentException("the resume state has no weight average for '" + e.getKey()
                    + "'; it was written without ema_weights_decay");
            e.getValue().copy_(t);
        }
    }
}
