package org.tensornet4j.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Ops;

/** The activation functions TorchMD-Net offers, by their hyper-parameter names. */
public enum Activation {
    SSP("ssp"), SILU("silu"), TANH("tanh"), SIGMOID("sigmoid");

    /** ShiftedSoftplus subtracts log(2), computed by TorchMD-Net in float32 and read back as a double. */
    private static final double LOG2_F32 = (double) (float) Math.log(2.0);

    private final String key;

    Activation(String key) { this.key = key; }

    public String key() { return key; }

    public static Activation of(String name) {
        for (Activation a : values()) {
            if (a.key.equals(name)) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + name + "': supported are "
                + Arrays.stream(values()).map(Activation::key).collect(Collectors.joining(", ")));
    }

    public Tensor apply(Tensor x) {
        return switch (this) {
            case SSP -> torch.softplus(x).sub(Ops.scalar(LOG2_F32));
            case SILU -> torch.silu(x);
            case TANH -> torch.tanh(x);
            case SIGMOID -> torch.sigmoid(x);
        };
    }

    /**
     * The gradient of {@link #apply}'s input given that of its output, from what the radial MLPs' tape
     * (model.MlpTape) kept: the output for tanh and sigmoid, else the input ({@link #keepsOutput}). The
     * same LibTorch functions as autograd's backward steps, so the numbers are autograd's.
     */
    public Tensor backward(Tensor gradOutput, Tensor kept) {
        return switch (this) {
            case SSP -> torch.softplus_backward(gradOutput, kept, Ops.scalar(1), Ops.scalar(20));
            case SILU -> torch.silu_backward(gradOutput, kept);
            case TANH -> torch.tanh_backward(gradOutput, kept);
            case SIGMOID -> torch.sigmoid_backward(gradOutput, kept);
        };
    }

    /** Whether {@link #backward} reads the activation's output (else its input). */
    public boolean keepsOutput() {
        return this == TANH || this == SIGMOID;
    }

    @Override
    public String toString() { return key.toLowerCase(Locale.ROOT); }
}
