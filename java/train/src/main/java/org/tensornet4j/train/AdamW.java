package org.tensornet4j.train;

import static org.tensornet4j.torch.Ops.scalar;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.NoGrad;

/**
 * Adam and AdamW as {@code torch.optim.Adam/AdamW} compute them (no amsgrad): first and second
 * moment, bias correction, decoupled weight decay for AdamW, L2 added to the gradient for Adam.
 * Written on tensor ops rather than LibTorch's C++ optimizers so that the moments can be saved in a
 * checkpoint and restored exactly, which a resumed run needs to continue identically.
 */
final class AdamW {
    private final Map<String, Tensor> params;
    private final boolean decoupled;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double eps = 1e-8;
    private final double weightDecay;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvgSq = new LinkedHashMap<>();
    private long step;

    /**
     * @param params    the trainable tensors (leaves requiring grad), by state-dict name
     * @param decoupled true for AdamW, false for Adam
     */
    AdamW(Map<String, Tensor> params, boolean decoupled, double weightDecay) {
        this.params = params;
        this.decoupled = decoupled;
        this.weightDecay = weightDecay;
        for (var e : params.entrySet()) {
            expAvg.put(e.getKey(), torch.zeros_like(e.getValue().detach()));
            expAvgSq.put(e.getKey(), torch.zeros_like(e.getValue().detach()));
        }
    }

    long step() { return step; }

    /** One update with learning rate {@code lr} from the parameters' current gradients, which are then zeroed. */
    void update(double lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        try (NoGrad off = NoGrad.enter()) {
            for (var e : params.entrySet()) {
                Tensor p = e.getValue();
                Tensor g = p.grad();
                if (g == null || !g.defined()) continue;
                if (weightDecay != 0) {
                    if (decoupled) p.mul_(scalar(1 - lr * weightDecay));
                    else g = g.add(p.mul(scalar(weightDecay)));
                }
                Tensor m = expAvg.get(e.getKey());
                Tensor v = expAvgSq.get(e.getKey());
                m.mul_(scalar(beta1)).add_(g.mul(scalar(1 - beta1)));
                v.mul_(scalar(beta2)).addcmul_(g, g, scalar(1 - beta2));
                Tensor denom = v.sqrt().div(scalar(bc2Sqrt)).add(scalar(eps));
                p.addcdiv_(m, denom, scalar(-lr / bc1));
                p.grad().zero_();
            }
        }
    }

    /** Zeroes the gradients without updating (e.g. after a skipped step). */
    void zeroGrad() {
        for (Tensor p : params.values()) {
            Tensor g = p.grad();
            if (g != null && g.defined()) g.zero_();
        }
    }

    /** Moments as a state dict ({@code exp_avg.<name>}, {@code exp_avg_sq.<name>}) for a resume file. */
    Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        expAvg.forEach((k, v) -> s.put("exp_avg." + k, v));
        expAvgSq.forEach((k, v) -> s.put("exp_avg_sq." + k, v));
        return s;
    }

    void restore(Map<String, Tensor> state, long step) {
        for (String k : params.keySet()) {
            Tensor m = state.get("exp_avg." + k);
            Tensor v = state.get("exp_avg_sq." + k);
            if (m == null || v == null) {
                throw new IllegalArgumentException("the resume state has no optimizer moments for '" + k
                        + "'; it belongs to another model (start a fresh log_dir)");
            }
            expAvg.get(k).copy_(m);
            expAvgSq.get(k).copy_(v);
        }
        this.step = step;
    }
}
