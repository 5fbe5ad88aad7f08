package org.tensornet4j.nn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.checkpoint.CheckpointException;
import org.tensornet4j.torch.Ops;

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
    private final Map<String, Tensor> handedOut = new LinkedHashMap<>();
    private java.util.function.BiFunction<String, long[], Tensor> initializer;
    /** Where handed-out tensors live; null: where the state dict has them (the CPU). */
    private org.bytedeco.pytorch.Device device;

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

    /**
     * Creates missing tensors with {@code initializer} (name, shape) instead of reporting them:
     * how a fresh, untrained model gets its initial weights.
     */
    public ParameterStore initializeMissingWith(java.util.function.BiFunction<String, long[], Tensor> initializer) {
        this.initializer = initializer;
        return this;
    }

    /**
     * Hands every tensor out on {@code device} (a LibTorch device name, "cpu" or "cuda:N"): the model's parameters
     * are moved once, as they are built, and the model then computes where they are.
     */
    public ParameterStore onDevice(String device) {
        this.device = "cpu".equals(device) ? null : new org.bytedeco.pytorch.Device(device);
        return this;
    }

    public boolean has(String key) { return tensors.containsKey(key); }

    /**
     * The tensor named {@code key}, which must have exactly {@code shape} (none = 0-dim). A missing or
     * mis-shaped tensor is recorded and a zero placeholder returned, so building can go on and report
     * every problem at {@link #finish()}.
     */
    public Tensor get(String key, long... shape) {
        used.add(key);
        Tensor t = tensors.get(key);
        if (t == null && initializer != null) {
            t = initializer.apply(key, shape);
            tensors.put(key, t);
        }
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
        if (device != null) out = out.to(device, out.scalar_type());
        handedOut.put(key, out);
        return out;
    }

    /** Every tensor handed to the model by name (the tensors it computes with): its owner frees them when the model is closed. */
    public Map<String, Tensor> handedOut() { return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(handedOut)); }

    /** Tensors of the state dict the model did not ask for (buffers it ignores, such as {@code distance.box}), by name. */
    public Map<String, Tensor> notHandedOut() {
        Map<String, Tensor> rest = new LinkedHashMap<>(tensors);
        rest.keySet().removeAll(handedOut.keySet());
        return rest;
    }

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
        Tensor zeros = torch.zeros(shape, new org.bytedeco.pytorch.TensorOptions(dtype));
        return device == null ? zeros : zeros.to(device, dtype);
    }
}
