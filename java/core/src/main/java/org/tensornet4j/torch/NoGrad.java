package org.tensornet4j.torch;

import org.bytedeco.pytorch.GradMode;

/** Autograd off for a block (LibTorch's NoGradGuard as try-with-resources), restoring the previous mode on close. */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad() {
        this.previous = GradMode.is_enabled();
        GradMode.set_enabled(false);
    }

    public static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        GradMode.set_enabled(previous);
    }
}
