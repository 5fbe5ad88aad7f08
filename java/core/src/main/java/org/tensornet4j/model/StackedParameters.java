package org.tensornet4j.model;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Several parameters concatenated along dim 0 (e.g. distance_proj1..3 as one [3F, in] weight), so
 * that one matrix product replaces several. The parameters stay the state-dict tensors: while any of
 * them requires grad (training) the concatenation is built per call so gradients reach them; otherwise
 * it is cached and rebuilt whenever a part changed in place (its version counter moved), so a model
 * whose weights are updated or reloaded never computes with stale copies.
 */
final class StackedParameters {
    private final Tensor[] parts;
    private Tensor cached;
    private long[] versions;

    StackedParameters(Tensor... parts) {
        this.parts = parts.clone();
    }

    /** The concatenation, [sum of sizes(0), ...]. */
    synchronized Tensor get() {
        for (Tensor p : parts) {
            if (p.requires_grad()) return Ops.cat(0, parts);
        }
        long[] now = new long[parts.length];
        for (int i = 0; i < parts.length; i++) now[i] = parts[i]._version();
        if (cached == null || !Arrays.equals(now, versions)) {
            close();
            try (PointerScope scope = new PointerScope()) {
                Tensor result = Ops.cat(0, parts);
                // Owned here, not by whatever step scope is open: it outlives the step.
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
