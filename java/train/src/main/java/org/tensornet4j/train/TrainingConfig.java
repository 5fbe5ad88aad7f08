package org.tensornet4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensornet4j.JsonValues;
import org.tensornet4j.nn.HyperParameters;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A training run's settings, read from YAML with TorchMD-Net's key names ({@code torchmdnet/scripts/train.py}).
 * Every key of TorchMD-Net's argument set is accepted; those tensornet4j does not implement (GPUs,
 * workers, wandb, ...) produce a warning. A key that TorchMD-Net does not know either is an error,
 * unless it is one of tensornet4j's own ({@link #OWN_KEYS}).
 */
public final class TrainingConfig {
    /** TorchMD-Net's hyper-parameter set with its defaults' shape, the template of every checkpoint written. */
    static final Map<String, Object> TORCHMDNET_TEMPLATE = loadTemplate();

    /** Keys that tensornet4j reads: the model's and the training loop's. */
    static final Set<String> USED_KEYS = Set.of("energy_unit", "load_model", "num_epochs", "batch_size", "inference_batch_size", "lr",
            "lr_patience", "lr_min", "lr_factor", "lr_warmup_steps", "early_stopping_patience", "weight_decay", "ema_alpha_y",
            "ema_alpha_neg_dy", "precision", "log_dir", "train_size", "val_size", "test_size", "save_interval", "seed",
            "gradient_clipping", "dataset", "dataset_root", "y_weight", "neg_dy_weight", "train_loss", "model",
            "output_model", "output_mlp_num_layers", "prior_model", "prior_args", "embedding_dimension", "num_layers",
            "num_rbf", "activation", "rbf_type", "trainable_rbf", "equivariance_invariance_group", "box_vecs",
            "static_shapes", "derivative", "cutoff_lower", "cutoff_upper", "max_z", "max_num_neighbors", "standardize",
            "reduce_op", "charge");

    /** tensornet4j's own keys: the dataset as a path, the optimizer choice, an EMA of the weights, the progress bar, LibTorch's thread count. */
    static final Set<String> OWN_KEYS = Set.of("dataset_path", "optimizer", "ema_weights_decay", "progress_bar", "num_threads");

    private final Map<String, Object> values;
    private final List<String> warnings;

    private TrainingConfig(Map<String, Object> values, List<String> warnings) {
        this.values = values;
        this.warnings = warnings;
    }

    public static TrainingConfig read(Path yamlFile) {
        try {
            Object parsed = new Yaml(new LoaderOptions()).load(Files.readString(yamlFile));
            if (parsed == null) parsed = Map.of();
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("config " + yamlFile + " must be a YAML mapping of TorchMD-Net keys");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), v));
            // a relative dataset or log path is relative to the config file, as users expect when they move both
            return of(m, yamlFile.toAbsolutePath().getParent());
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(yamlError(yamlFile, e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config " + yamlFile + ": " + e.getMessage(), e);
        }
    }

    /** FILE:LINE:COLUMN: problem, as compilers write it; SnakeYAML's marks count from 0, editors from 1. */
    static String yamlError(Path file, MarkedYAMLException e) {
        var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = mark == null ? file.toString() : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        String context = e.getContext() != null && e.getProblem() != null ? " (" + e.getContext() + ")" : "";
        return (where + ": malformed YAML: " + (problem == null ? "syntax error" : problem) + context).replace('\n', ' ');
    }

    /**
     * @param baseDir directory against which relative paths are resolved, or null for the working directory
     */
    public static TrainingConfig of(Map<String, Object> given, Path baseDir) {
        List<String> warnings = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (String k : given.keySet()) {
            if (OWN_KEYS.contains(k) || USED_KEYS.contains(k)) continue;
            if (TORCHMDNET_TEMPLATE.containsKey(k)) warnings.add("config key '" + k + "' is TorchMD-Net's but has no effect in tensornet4j");
            else unknown.add(k);
        }
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>(USED_KEYS);
            known.addAll(OWN_KEYS);
            throw new IllegalArgumentException("unknown config key(s) " + unknown + "; known keys: " + known);
        }
        Map<String, Object> v = new LinkedHashMap<>(given);
        if (baseDir != null) {
            for (String k : List.of("dataset_root", "dataset_path", "log_dir", "load_model")) {
                if (v.get(k) instanceof String s && !s.isBlank()) v.put(k, resolveAll(baseDir, s));
            }
        }
        return new TrainingConfig(v, warnings);
    }

    private static String resolveAll(Path base, String paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths.split(";")) out.add(base.resolve(p.trim().replaceFirst("^~", System.getProperty("user.home"))).normalize().toString());
        return String.join(";", out);
    }

    public List<String> warnings() { return warnings; }

    /** The keys as given (paths resolved). */
    public Map<String, Object> values() { return java.util.Collections.unmodifiableMap(values); }

    public boolean has(String key) { return values.get(key) != null; }

    public Object raw(String key) { return values.get(key); }

    public String string(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    public double real(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        Double d = HyperParameters.asReal(v);
        if (d == null) throw new IllegalArgumentException("config key '" + key + "' must be a number, got " + JsonValues.describe(v));
        return d;
    }

    public long integer(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        Long n = HyperParameters.asInteger(v);
        if (n == null) throw new IllegalArgumentException("config key '" + key + "' must be an integer, got " + JsonValues.describe(v));
        return n;
    }

    /** A count of molecules such as batch_size: an integer of at least 1. */
    public int count(String key, int fallback) {
        long n = integer(key, fallback);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("config key '" + key + "' must be at least 1 (molecules per batch), got " + n);
        }
        return (int) n;
    }

    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException("config key '" + key + "' must be true or false, got " + JsonValues.describe(v));
    }

    /** The dataset file(s): {@code dataset_path}, else {@code dataset_root} (TorchMD-Net's HDF5 path, ';'-separated). */
    public String datasetPath() {
        String kind = string("dataset", "HDF5");
        if (!kind.equals("HDF5") && !kind.equals("XYZ")) {
            throw new IllegalArgumentException("dataset '" + kind + "' is not supported: tensornet4j trains on files, TorchMD-Net HDF5"
                    + " or extended XYZ, named by dataset_root; set dataset: HDF5 (or leave it out)");
        }
        String p = string("dataset_path", string("dataset_root", null));
        if (p == null) throw new IllegalArgumentException("config needs dataset_root (or dataset_path): the HDF5 or extended-XYZ file to train on");
        return p;
    }

    public Path logDir() { return Path.of(string("log_dir", "logs")); }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadTemplate() {
        try (InputStream in = TrainingConfig.class.getResourceAsStream("torchmdnet-hyperparameters.json")) {
            Object o = new Yaml(new LoaderOptions()).load(in);
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
