package org.tensornet4j.model;

import java.util.Arrays;
import java.util.function.Supplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.torch.NoGrad;

/**
 * A tensor derived from parameters only (not from positions), computed once for inference instead of
 * every step: e.g. the embedding's pair features for every pair of atom types, or distance_proj1..3
 * stacked into one weight. It is recomputed whenever a source parameter changed in place (its version
 * counter moved: an optimizer step, a weight average, a reload), so a cached value is never stale; and
 * it is not usable while a source requires grad (training needs the gradient to reach the parameters,
 * which a detached cache would cut off — callers then compute the same value from the parameters).
 */
final class InferenceCache {
    private final Supplier<Tensor> compute;
    private final Tensor[] sources;
    private Tensor cached;
    private long[] versions;

    /** @param compute builds the value from {@code sources} (run without autograd) */
    InferenceCache(Supplier<Tensor> compute, Tensor... sources) {
        this.compute = compute;
        this.sources = sources.clone();
    }

    /** Whether {@link #get} may stand in for computing from the parameters: no source requires grad. */
    boolean usable() {
        for (Tensor s : sources) {
            if (s.requires_grad()) return false;
        }
        return true;
    }

    /** The value, up to date with the sources; owned here, not by the step's scope. */
    synchronized Tensor get() {
        long[] now = new long[sources.length];
        for (int i = 0; i < sources.length; i++) now[i] = sources[i]._version();
        if (cached == null || !Arrays.equals(now, versions)) {
            close();
            try (PointerScope scope = new PointerScope(); NoGrad off = NoGrad.enter()) {
                Tensor result = compute.get();
                result.retainReference();
                scope.detach(result);
                cached = result;
            }
            versions = now;
        }
        return cached;
    }

    synchronized void close() {
        if (cached != null) cached.releaseReference();
        cached = null;
    }
}
