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
        return load(file, LoadOptions.DEFAULT);
    }

    /**
     * Like TorchMD-Net's {@code load_model(path, **kwargs)}: the hyper-parameters in
     * {@link LoadOptions#overrides} replace the stored ones. A key this model does not read is an error
     * that lists the ones it reads ({@link ModelConfig#overridableKeys}): TorchMD-Net only warns, and
     * a typo would otherwise be ignored silently.
     */
    public static TorchMDNet load(Path file, LoadOptions options) {
        Checkpoint checkpoint = Checkpoint.read(file);
        return build(file, checkpoint.hyperParameters(), checkpoint.stateDict(), options);
    }

    /** A plain {@code torch.save(state_dict)} file plus its hyper-parameters. */
    public static TorchMDNet loadStateDict(Path stateDictFile, Map<String, Object> hyperParameters, LoadOptions options) {
        Checkpoint c = Checkpoint.of(stateDictFile, hyperParameters);
        return build(stateDictFile, c.hyperParameters(), c.stateDict(), options);
    }

    /**
     * Builds the model from hyper-parameters and a state dict as stored (before TorchMD-Net's
     * fix-ups, which are applied here), with the stored hyper-parameters as they are.
     */
    public static TorchMDNet build(Path source, Map<String, Object> hp, Map<String, Tensor> storedStateDict) {
        return build(source, hp, storedStateDict, LoadOptions.DEFAULT);
    }

    /**
     * As {@link #build(Path, Map, Map)} with the options' overrides applied to the stored
     * hyper-parameters as {@code load_model(path, **kwargs)} does. A model trained with
     * {@code remove_ref_energy} predicts energies without the atomic reference energies; overriding
     * {@code remove_ref_energy} with false switches its last prior, which must be a (disabled) Atomref, on.
     */
    public static TorchMDNet build(Path source, Map<String, Object> storedHyperParameters, Map<String, Tensor> storedStateDict,
                                   LoadOptions options) {
        Map<String, Object> overrides = options.overrides();
        Map<String, Object> hp = new LinkedHashMap<>(storedHyperParameters);
        boolean referenceEnergies = isTrue(hp.get(REMOVE_REF_ENERGY)) && overrides.containsKey(REMOVE_REF_ENERGY)
                && !isTrue(overrides.get(REMOVE_REF_ENERGY));
        hp.putAll(overrides);
        if (!overrides.isEmpty()) requireKnown(source, overrides.keySet(), hp);
        return build(source, hp, storedStateDict, referenceEnergies, options.neighbors(), options.device());
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
                                    boolean referenceEnergies, NeighborStrategy neighbors, String device) {
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
        ParameterStore store = new ParameterStore(source, stateDict, config.dtype()).onDevice(device);
        TorchMDNet model = new TorchMDNet(store, config, neighbors);
        store.finish();
        return model;
    }
}
