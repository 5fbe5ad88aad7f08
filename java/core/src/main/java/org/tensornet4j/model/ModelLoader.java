package org.tensornet4j.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.checkpoint.CheckpointException;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.nn.ParameterStore;

/** Builds a {@link TorchMDNet} from a TorchMD-Net checkpoint, applying TorchMD-Net's load-time fix-ups. */
public final class ModelLoader {
    private ModelLoader() {}

    public static TorchMDNet load(Path file) {
        return load(file, Map.of());
    }

    /**
     * Like TorchMD-Net's {@code load_model(path, **kwargs)}: hyper-parameters in {@code overrides}
     * replace the stored ones (e.g. {@code precision} 64 evaluates a float32 checkpoint in float64,
     * {@code coulomb_cutoff} gives TensorNet2 a cutoff). A key this model does not read is an error
     * that lists the ones it reads ({@link ModelConfig#overridableKeys}): TorchMD-Net only warns, and
     * a typo would otherwise be ignored silently.
     */
    public static TorchMDNet load(Path file, Map<String, Object> overrides) {
        return load(file, overrides, NeighborStrategy.AUTO);
    }

    /** As {@link #load(Path, Map)}, with the neighbour search chosen (it never changes the results). */
    public static TorchMDNet load(Path file, Map<String, Object> overrides, NeighborStrategy neighbors) {
        Checkpoint checkpoint = Checkpoint.read(file);
        return build(file, checkpoint.hyperParameters(), overrides, checkpoint.stateDict(), neighbors);
    }

    /**
     * {@link #build(Path, Map, Map)} with {@code overrides} applied to the stored hyper-parameters as
     * {@code load_model(path, **kwargs)} does. A model trained with {@code remove_ref_energy} predicts
     * energies without the atomic reference energies; overriding {@code remove_ref_energy} with false
     * switches its last prior, which must be a (disabled) Atomref, on.
     */
    public static TorchMDNet build(Path source, Map<String, Object> storedHyperParameters, Map<String, Object> overrides,
                                   Map<String, Tensor> storedStateDict) {
        return build(source, storedHyperParameters, overrides, storedStateDict, NeighborStrategy.AUTO);
    }

    /** As {@link #build(Path, Map, Map, Map)} with the neighbour search chosen. */
    public static TorchMDNet build(Path source, Map<String, Object> storedHyperParameters, Map<String, Object> overrides,
                                   Map<String, Tensor> storedStateDict, NeighborStrategy neighbors) {
        Map<String, Object> hp = new LinkedHashMap<>(storedHyperParameters);
        boolean referenceEnergies = isTrue(hp.get(REMOVE_REF_ENERGY)) && overrides.containsKey(REMOVE_REF_ENERGY)
                && !isTrue(overrides.get(REMOVE_REF_ENERGY));
        hp.putAll(overrides);
        if (!overrides.isEmpty()) requireKnown(source, overrides.keySet(), hp);
        return build(source, hp, storedStateDict, referenceEnergies, neighbors);
    }

    /** Every overridden key must be one the model reads; the error lists those. */
    private static void requireKnown(Path source, java.util.Set<String> given, Map<String, Object> hp) {
        java.util.Set<String> known;
        try {
            known = ModelConfig.overridableKeys(hp);
        } catch (IllegalArgumentException e) {
            return; // a value is invalid: building the model reports it, naming the key
        }
        for (String key : given) {
            if (known.contains(key)) continue;
            throw new IllegalArgumentException("checkpoint " + source + ": unknown hyper-parameter '" + key + "': a "
                    + hp.get("model") + " model reads only these (each may be overridden): " + String.join(", ", known));
        }
    }

    private static final String REMOVE_REF_ENERGY = "remove_ref_energy";

    /** Python truthiness of a flag (True, non-zero numbers). */
    private static boolean isTrue(Object v) {
        return v instanceof Boolean b ? b : v instanceof Number n && n.doubleValue() != 0;
    }

    /** A plain {@code torch.save(state_dict)} file plus its hyper-parameters. */
    public static TorchMDNet loadStateDict(Path stateDictFile, Map<String, Object> hyperParameters) {
        return loadStateDict(stateDictFile, hyperParameters, NeighborStrategy.AUTO);
    }

    public static TorchMDNet loadStateDict(Path stateDictFile, Map<String, Object> hyperParameters, NeighborStrategy neighbors) {
        Checkpoint c = Checkpoint.of(stateDictFile, hyperParameters);
        return build(stateDictFile, c.hyperParameters(), c.stateDict(), neighbors);
    }

    /**
     * Builds the model from hyper-parameters and a state dict as stored (before TorchMD-Net's
     * fix-ups, which are applied here).
     */
    public static TorchMDNet build(Path source, Map<String, Object> hp, Map<String, Tensor> storedStateDict) {
        return build(source, hp, storedStateDict, NeighborStrategy.AUTO);
    }

    public static TorchMDNet build(Path source, Map<String, Object> hp, Map<String, Tensor> storedStateDict,
                                   NeighborStrategy neighbors) {
        return build(source, hp, storedStateDict, false, neighbors);
    }

    /**
     * A fresh model from hyper-parameters alone: every tensor not in {@code given} is created by
     * {@code initializer} (name, shape), as a training run starts.
     */
    public static TorchMDNet create(Map<String, Object> hp, Map<String, Tensor> given,
                                    java.util.function.BiFunction<String, long[], Tensor> initializer) {
        ModelConfig config = ModelConfig.from(hp);
        ParameterStore store = new ParameterStore(Path.of("(new model)"), given, config.dtype()).initializeMissingWith(initializer);
        TorchMDNet model = new TorchMDNet(store, config, NeighborStrategy.AUTO);
        store.finish();
        return model;
    }

    private static TorchMDNet build(Path source, Map<String, Object> hp, Map<String, Tensor> storedStateDict,
                                    boolean referenceEnergies, NeighborStrategy neighbors) {
        if (neighbors == null) throw new IllegalArgumentException("neighbour strategy must not be null");
        if (hp.isEmpty()) {
            throw new CheckpointException(source, "the file holds no hyper-parameters (a plain state dict);"
                    + " load it together with its hyper-parameter map");
        }
        ModelConfig config;
        try {
            config = ModelConfig.from(hp);
            if (referenceEnergies) config = config.withReferenceEnergies();
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source, e.getMessage(), e);
        }
        Map<String, Tensor> stateDict = TorchMdNetFixups.apply(hp, storedStateDict);
        ParameterStore store = new ParameterStore(source, stateDict, config.dtype());
        TorchMDNet model = new TorchMDNet(store, config, neighbors);
        store.finish();
        return model;
    }
}
