package org.tensornet4j.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensornet4j.Device;
import org.tensornet4j.Ensemble;
import org.tensornet4j.JsonValues;
import org.tensornet4j.Potential;
import org.tensornet4j.TensorNetPotential;
import org.tensornet4j.neighbors.NeighborStrategy;

/**
 * An engine's configuration of a potential (a JSON object), read in one place. The bridge reads
 * {@code atomic_numbers} (one per particle; optional for engines that pass them per call),
 * {@code charge} (total charge, optional) and {@code energy_unit} (overrides the model's, optional);
 * tensornet4j's own potentials read {@code checkpoint} ({@link TensorNetPotential}) or {@code checkpoints}
 * (a list of paths, or one .zip: {@link Ensemble}), {@code device} ("cpu") and {@code hyperparameters}
 * (TorchMD-Net {@code load_model} overrides, e.g. {"coulomb_cutoff": 10}). Any other potential class gets
 * the whole object ({@link #map}) or its text ({@link #json}) and reads its own keys.
 */
final class EngineConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String EXAMPLE = "{\"checkpoint\": \"model.ckpt\", \"atomic_numbers\": [8, 1, 1]}";

    private final String json;
    private final Map<String, Object> map;

    private EngineConfig(String json, Map<String, Object> map) {
        this.json = json;
        this.map = Collections.unmodifiableMap(map);
    }

    /** The configuration text parsed; an error names what is wrong and shows a valid example. */
    static EngineConfig parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("the configuration is " + (json == null ? "null" : "empty")
                    + ": pass a JSON object such as " + EXAMPLE);
        }
        try {
            Object value = JSON.readValue(json, Object.class);
            if (value instanceof Map<?, ?> m) return new EngineConfig(json, stringKeys(m));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration is not valid JSON (" + e.getOriginalMessage() + "): " + json);
        }
        throw new IllegalArgumentException("configuration must be a JSON object such as " + EXAMPLE + ", got: " + json);
    }

    String json() { return json; }

    Map<String, Object> map() { return map; }

    /**
     * {@code atomic_numbers}: one integer per particle of the engine's system, or null when absent (the
     * second generation, tn4j_evaluate, takes them per call; the first, tn4j_compute, then refuses).
     */
    long[] atomicNumbers() {
        Object value = map.get("atomic_numbers");
        if (value == null) return null;
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("\"atomic_numbers\" must be a JSON list with one atomic number per particle, got "
                    + JsonValues.describe(value) + " (leave the key out to pass the atomic numbers per call to tn4j_evaluate)");
        }
        long[] z = new long[list.size()];
        for (int i = 0; i < z.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("atomic_numbers[" + i + "] must be a JSON integer, got " + JsonValues.describe(list.get(i)));
            }
            z[i] = n.longValue();
        }
        return z;
    }

    /** {@code energy_unit}: the unit of the potential's energies as the engine should report it, or null for the potential's own. */
    String energyUnit() {
        Object unit = map.get("energy_unit");
        if (unit == null) return null;
        if (!(unit instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("\"energy_unit\" must be a non-empty JSON string such as \"eV\" or \"kJ/mol\", got "
                    + JsonValues.describe(unit) + " (leave it out to use the unit the model records)");
        }
        return text;
    }

    /** {@code charge}: the total charge in elementary charges, or null when absent. */
    Double charge() {
        Object q = map.get("charge");
        if (q == null) return null;
        if (!(q instanceof Number n)) {
            throw new IllegalArgumentException("\"charge\" (the total charge in elementary charges) must be a JSON number, got "
                    + JsonValues.describe(q) + (q instanceof String ? ": write the number without quotes" : ""));
        }
        return n.doubleValue();
    }

    /** A {@link TensorNetPotential} from {@code checkpoint}, {@code device} and {@code hyperparameters}. */
    TensorNetPotential tensorNet() {
        Object checkpoint = map.get("checkpoint");
        if (!(checkpoint instanceof String path) || path.isBlank()) {
            throw new IllegalArgumentException("configuration of TensorNetPotential needs \"checkpoint\": the path of a"
                    + " TorchMD-Net .ckpt file; got " + map.keySet());
        }
        return TensorNetPotential.load(Path.of(path), device(), overrides());
    }

    /** An {@link Ensemble} from {@code checkpoints} (at least two, or a zip), {@code device} and {@code hyperparameters}. */
    Ensemble ensemble() {
        Object given = map.get("checkpoints");
        List<Path> paths = new ArrayList<>();
        if (given instanceof String zip && !zip.isBlank()) {
            paths.add(Path.of(zip));
        } else if (given instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s) || s.isBlank()) {
                    throw new IllegalArgumentException("\"checkpoints\" must list checkpoint paths (strings), got " + JsonValues.describe(o));
                }
                paths.add(Path.of(s));
            }
        } else {
            throw new IllegalArgumentException("configuration of Ensemble needs \"checkpoints\": a list of TorchMD-Net .ckpt"
                    + " paths or the path of a .zip of them; got " + map.keySet());
        }
        Potential p = Ensemble.load(paths, device(), overrides(), NeighborStrategy.AUTO);
        if (p instanceof Ensemble e) return e;
        p.close();
        throw new IllegalArgumentException("\"checkpoints\" names one checkpoint; an ensemble needs at least two");
    }

    private Device device() {
        Object device = map.getOrDefault("device", "cpu");
        if (!(device instanceof String name)) {
            throw new IllegalArgumentException("\"device\" must be a JSON string such as \"cpu\", got " + JsonValues.describe(device));
        }
        return Device.parse(name);
    }

    /** {@code hyperparameters}: TorchMD-Net load_model overrides, e.g. {"coulomb_cutoff": 10, "precision": 64}; empty when absent. */
    private Map<String, Object> overrides() {
        Object overrides = map.getOrDefault("hyperparameters", Map.of());
        if (!(overrides instanceof Map<?, ?> given)) {
            throw new IllegalArgumentException("\"hyperparameters\" must be a JSON object of TorchMD-Net hyper-parameter"
                    + " overrides, e.g. {\"coulomb_cutoff\": 10}; got " + JsonValues.describe(overrides));
        }
        return stringKeys(given);
    }

    /** A parsed JSON object with its keys as strings, in their order. */
    private static Map<String, Object> stringKeys(Map<?, ?> object) {
        Map<String, Object> typed = new LinkedHashMap<>();
        object.forEach((k, v) -> typed.put(String.valueOf(k), v));
        return typed;
    }
}
