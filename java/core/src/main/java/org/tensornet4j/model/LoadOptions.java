package org.tensornet4j.model;

import java.util.Map;
import org.tensornet4j.neighbors.NeighborStrategy;

/**
 * How {@link ModelLoader} builds a model from what a file stores.
 *
 * @param overrides hyper-parameters that replace the stored ones, as TorchMD-Net's
 *                  {@code load_model(path, **kwargs)} does (e.g. {@code precision} 64 evaluates a
 *                  float32 checkpoint in float64, {@code coulomb_cutoff} gives TensorNet2 a cutoff)
 * @param neighbors how the neighbour list finds its pairs (not a hyper-parameter: it never changes the result)
 * @param device    where the parameters live, as LibTorch names devices ("cpu", "cuda:0"): moved there once,
 *                  when the model is built
 */
public record LoadOptions(Map<String, Object> overrides, NeighborStrategy neighbors, String device) {
    /** The stored hyper-parameters, the neighbour search chosen by system size, on the CPU. */
    public static final LoadOptions DEFAULT = new LoadOptions(Map.of(), NeighborStrategy.AUTO);

    public LoadOptions {
        if (overrides == null) throw new IllegalArgumentException("overrides must not be null (Map.of() for none)");
        if (neighbors == null) throw new IllegalArgumentException("neighbour strategy must not be null");
        if (device == null) throw new IllegalArgumentException("device must not be null (\"cpu\" for the CPU)");
    }

    /** On the CPU. */
    public LoadOptions(Map<String, Object> overrides, NeighborStrategy neighbors) {
        this(overrides, neighbors, "cpu");
    }

    public LoadOptions withOverrides(Map<String, Object> overrides) {
        return new LoadOptions(overrides, neighbors, device);
    }

    public LoadOptions withNeighbors(NeighborStrategy neighbors) {
        return new LoadOptions(overrides, neighbors, device);
    }

    public LoadOptions withDevice(String device) {
        return new LoadOptions(overrides, neighbors, device);
    }
}
