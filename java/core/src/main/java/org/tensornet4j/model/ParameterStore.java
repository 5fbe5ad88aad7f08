package org.tensornet4j.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.checkpoint.CheckpointException;

/**
 * The state dict as the model sees it while it is built: modules ask for their parameters by their
 * TorchMD-Net names and shapes. Problems are collected rather than thrown one by one, so that a
 * user sees every missing, unexpected or mis-shaped key of a checkpoint in one message.
 */
public final class ParameterStore {
    private final Path source;
    private final Map<String, Tensor> tensors;
    private final ScalarType dtype;
    private final Set<String> used = new LinkedHashSet<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> mismatched = new ArrayList<>();
    private final Set<Tensor> handedOut = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * @param source  what the tensors came from (file name), for messages
     * @param tensors state dict with TorchMD-Net module names (prefix {@code model.} already removed)
     * @param dtype   the model precision; floating-point tensors are converted to it
     */
    public ParameterStore(Path source, Map<String, Tensor> tensors, ScalarType dtype) {
        this.source = source;
        this.tensors = new LinkedHashMap<>(tensors);
        this.dtype = dtype;
    }

    public ScalarType dtype() { return dtype; }

    public boolean has(String key) { return tensors.containsKey(key); }

    /**
     * The tensor named {@code key}, which must have exactly {@code shape} (none = 0-dim). A missing or
     * mis-shaped tensor is recorded and a zero placeholder returned, so building can go on and report
     * every problem at {@link #finish()}.
     */
    public Tensor get(String key, long... shape) {
        used.add(key);
        Tensor t = tensors.get(key);
        if (t == null) {
            missing.add(key + " " + Arrays.toString(shape));
            return placeholder(shape);
        }
        long[] actual = Ops.shape(t);
        if (!Arrays.equals(actual, shape)) {
            mismatched.add(key + ": checkpoint has " + Arrays.toString(actual) + ", model expects " + Arrays.toString(shape));
            return placeholder(shape);
        }
        Tensor out = torch.isFloatingType(t.scalar_type()) ? Ops.toDtype(t, dtype).contiguous() : t;
        handedOut.add(out);
        return out;
    }

    /** Every tensor handed to the model: its owner frees them when the model is closed. */
    List<Tensor> handedOut() { return List.copyOf(handedOut); }

    /** Marks a key as known without reading it (e.g. a buffer that inference does not need). */
    public void ignore(String key) { used.add(key); }

    /** Throws a {@link CheckpointException} listing every missing, unexpected and mis-shaped key. */
    public void finish() {
        List<String> unexpected = new ArrayList<>();
        for (String k : tensors.keySet()) {
            if (!used.contains(k)) unexpected.add(k);
        }
        if (missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty()) return;
        StringBuilder m = new StringBuilder("the state dict does not match the model its hyper-parameters describe");
        if (!missing.isEmpty()) m.append("\n  missing keys: ").append(String.join(", ", missing));
        if (!unexpected.isEmpty()) m.append("\n  unexpected keys: ").append(String.join(", ", unexpected));
        if (!mismatched.isEmpty()) m.append("\n  shape mismatches: ").append(String.join("; ", mismatched));
        m.append("\n  check that the checkpoint and its hyper-parameters belong together");
        throw new CheckpointException(source, m.toString());
    }

    private Tensor placeholder(long[] shape) {
        return torch.zeros(shape, new org.bytedeco.pytorch.TensorOptions(dtype));
    }
}
