package org.tensornet4j.checkpoint;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the weights and hyper-parameters sit in an unpickled {@code torch.save} object. Two shapes
 * are understood: a PyTorch Lightning checkpoint (a dict with {@code state_dict} and usually
 * {@code hyper_parameters}) and a bare state dict (a dict whose values are all tensors).
 *
 * @param tensors state-dict entries in file order
 * @param hyperParameters the pickled hyper-parameter dict, empty when the file has none
 */
record CheckpointContents(Map<String, TensorRef> tensors, Map<?, ?> hyperParameters) {
    private static final String STATE_DICT = "state_dict";
    private static final String HYPER_PARAMETERS = "hyper_parameters";

    static CheckpointContents interpret(Path file, Object top) {
        if (!(top instanceof Map<?, ?> dict)) {
            throw new CheckpointException(file, "the saved object is " + describe(top) + ", not a dict; TorchMD-Net"
                    + " models load from a Lightning checkpoint or from torch.save(model.state_dict()), not from a"
                    + " pickled module or other object");
        }
        if (dict.containsKey(STATE_DICT)) {
            return new CheckpointContents(stateDict(file, dict.get(STATE_DICT), "'" + STATE_DICT + "'"),
                    hyperParameters(file, dict.get(HYPER_PARAMETERS)));
        }
        if (dict.values().stream().allMatch(v -> v instanceof TensorRef)) {
            return new CheckpointContents(stateDict(file, dict, "the state dict"), Map.of());
        }
        throw new CheckpointException(file, "the saved dict has no '" + STATE_DICT + "' entry and is not a state dict"
                + " either (not all its values are tensors); its keys are " + dict.keySet()
                + ". Give a Lightning checkpoint or a torch.save(model.state_dict()) file");
    }

    private static Map<String, TensorRef> stateDict(Path file, Object value, String where) {
        if (!(value instanceof Map<?, ?> dict)) {
            throw new CheckpointException(file, where + " is " + describe(value) + ", not a dict of tensors");
        }
        Map<String, TensorRef> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new CheckpointException(file, where + " has a key " + describe(e.getKey())
                        + "; parameter names must be strings");
            }
            if (!(e.getValue() instanceof TensorRef ref)) {
                throw new CheckpointException(file, where + " entry '" + name + "' is " + describe(e.getValue())
                        + ", not a tensor; only tensors are supported in a state dict");
            }
            tensors.put(name, ref);
        }
        return tensors;
    }

    /**
     * Lightning pickles hyper-parameters as an {@code AttributeDict} (read as a dict); older
     * versions stored an {@code argparse.Namespace}, whose attributes are its BUILD state.
     */
    private static Map<?, ?> hyperParameters(Path file, Object value) {
        if (value == null) return Map.of();
        if (value instanceof Map<?, ?> dict) return dict;
        if (value instanceof PyObject object && object.state() instanceof Map<?, ?> attributes) return attributes;
        throw new CheckpointException(file, "'" + HYPER_PARAMETERS + "' is " + describe(value) + ", not a dict");
    }

    private static String describe(Object value) {
        if (value instanceof TensorRef) return "a single tensor";
        if (value instanceof String s) return "the string '" + s + "'";
        return TorchGlobals.typeName(value);
    }
}
