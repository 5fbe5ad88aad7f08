package org.tensornet4j.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code model} hyper-parameter: TorchMD-Net's architecture names, and the other spellings
 * accepted for released checkpoints, mapped to the architecture they build. Anything else is unknown.
 */
final class ModelNames {
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("tensornet", "tensornet");
        NAMES.put("tensornet2", "tensornet2");
        // The architectures' class names, as some exported hyper-parameter files spell them.
        NAMES.put("TensorNet", "tensornet");
        NAMES.put("TensorNet2", "tensornet2");
    }

    private ModelNames() {}

    /** The architecture {@code name} stands for, or null when it names none this implementation has. */
    static String canonical(String name) {
        return NAMES.get(name);
    }

    /** The accepted spellings that are not architecture names themselves. */
    static String aliasList() {
        StringBuilder b = new StringBuilder();
        NAMES.forEach((alias, canonical) -> {
            if (!alias.equals(canonical)) b.append(b.length() == 0 ? "" : ", ").append(alias).append(" = ").append(canonical);
        });
        return b.toString();
    }
}
