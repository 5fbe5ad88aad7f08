package org.tensornet4j.torch;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * A {@link PointerScope} for one stage of a computation: the native tensors the stage creates are
 * released when it closes, except those handed to {@link #keep}, which move to the enclosing scope.
 *
 * <p>Why: inside one big scope every intermediate handle lives until the step ends, so LibTorch
 * cannot free a temporary even after the last op that reads it (for large molecules gigabytes of
 * per-edge products). Autograd holds its own references to what the backward pass needs, so
 * releasing the Java handles early is always safe.
 */
public final class TensorScope implements AutoCloseable {
    private final PointerScope outer;
    private final PointerScope inner;

    private TensorScope() {
        this.outer = PointerScope.getInnerScope();
        this.inner = new PointerScope();
    }

    public static TensorScope open() {
        return new TensorScope();
    }

    /**
     * Moves {@code p} to the enclosing scope so that it outlives this one. Without an enclosing
     * scope the garbage collector owns it, as for any handle created outside a scope.
     */
    public <P extends Pointer> P keep(P p) {
        if (p == null) return null;
        if (outer != null) outer.attach(p); // retains before the detach below releases
        else p.retainReference();
        inner.detach(p);
        return p;
    }

    /** {@link #keep} for several pointers. */
    public void keep(Pointer... pointers) {
        for (Pointer p : pointers) keep(p);
    }

    @Override
    public void close() {
        inner.close();
    }
}
