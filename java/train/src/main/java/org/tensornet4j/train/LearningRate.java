package org.tensornet4j.train;

/**
 * TorchMD-Net's learning-rate schedule: a linear warm-up over the first {@code lr_warmup_steps}
 * optimizer steps ({@code lr * min(1, (step + 1) / warmup)}), and {@code ReduceLROnPlateau} on the
 * validation loss after each epoch (multiply by {@code lr_factor} after more than {@code lr_patience}
 * epochs without improvement, never below {@code lr_min}).
 */
final class LearningRate {
    private final double base;
    private final long warmupSteps;
    private final double factor;
    private final long patience;
    private final double min;
    private double current;
    private double best = Double.POSITIVE_INFINITY;
    private long badEpochs;

    LearningRate(double base, long warmupSteps, double factor, long patience, double min) {
        if (!(base > 0)) throw new IllegalArgumentException("lr must be > 0, got " + base);
        if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("lr_factor must be in (0, 1), got " + factor);
        this.base = base;
        this.warmupSteps = warmupSteps;
        this.factor = factor;
        this.patience = patience;
        this.min = min;
        this.current = base;
    }

    /** The rate for optimizer step {@code step} (0-based). */
    double forStep(long step) {
        if (step < warmupSteps) return base * Math.min(1.0, (step + 1.0) / warmupSteps);
        return current;
    }

    /** After an epoch: a validation loss with no improvement for more than {@code patience} epochs lowers the rate. */
    void epochEnd(double validationLoss) {
        // ReduceLROnPlateau's default threshold: relative 1e-4
        if (validationLoss < best * (1 - 1e-4)) {
            best = validationLoss;
            badEpochs = 0;
        } else if (++badEpochs > patience) {
            double reduced = Math.max(current * factor, min);
            current = reduced;
            badEpochs = 0;
        }
    }

    double current() { return current; }

    double[] state() { return new double[] {current, best, badEpochs}; }

    void restore(double[] s) {
        current = s[0];
        best = s[1];
        badEpochs = (long) s[2];
    }
}
