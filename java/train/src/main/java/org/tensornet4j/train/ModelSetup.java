package org.tensornet4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.model.ModelConfig;
import org.tensornet4j.model.ModelLoader;
import org.tensornet4j.model.TorchMDNet;

/**
 * The model a run trains: a new one built from the config's TorchMD-Net keys with initial weights
 * as TorchMD-Net's constructors make them, or (with {@code load_model}) a checkpoint to fine-tune.
 */
final class ModelSetup {
    /** Model keys and TorchMD-Net's defaults for them ({@code scripts/train.py}). */
    static final Map<String, Object> MODEL_DEFAULTS = modelDefaults();

    private ModelSetup() {}

    private static Map<String, Object> modelDefaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model", "tensornet");
        d.put("embedding_dimension", 256L);
        d.put("num_layers", 6L);
        d.put("num_rbf", 64L);
        d.put("rbf_type", "expnorm");
        d.put("trainable_rbf", false);
        d.put("activation", "silu");
        d.put("cutoff_lower", 0.0);
        d.put("cutoff_upper", 5.0);
        d.put("max_z", 100L);
        d.put("max_num_neighbors", 32L);
        d.put("equivariance_invariance_group", "O(3)");
        d.put("static_shapes", false);
        d.put("box_vecs", null);
        d.put("derivative", true);
        d.put("output_model", "Scalar");
        d.put("output_mlp_num_layers", 0L);
        d.put("reduce_op", "add");
        d.put("precision", 32L);
        d.put("prior_model", null);
        d.put("prior_args", null);
        d.put("standardize", false);
        d.put("charge", false);
        return d;
    }

    /**
     * Hyper-parameters of the checkpoints a run writes: TorchMD-Net's full key set, the config's values
     * where given (numbers as numbers), TorchMD-Net's defaults for the model keys otherwise.
     */
    static Map<String, Object> hyperParameters(TrainingConfig c, Map<String, Object> base) {
        Map<String, Object> hp = new LinkedHashMap<>(TrainingConfig.TORCHMDNET_TEMPLATE);
        hp.put("dataset", "HDF5");
        hp.put("dataset_arg", null);
        hp.putAll(base);
        for (var e : c.values().entrySet()) {
            if (TrainingConfig.OWN_KEYS.contains(e.getKey())) continue;
            Object v = e.getValue();
            if (v instanceof String s && hp.get(e.getKey()) instanceof Number) {
                Double d = org.tensornet4j.nn.HyperParameters.asReal(s);
                if (d != null) v = d;
            }
            hp.put(e.getKey(), v);
        }
        hp.put("dataset_root", c.datasetPath());
        return hp;
    }

    /** Whether the config asks for the Atomref prior (the only prior a new model can start with). */
    static boolean wantsAtomref(Map<String, Object> hp) {
        Object p = hp.get("prior_model");
        if (p == null || Boolean.FALSE.equals(p)) return false;
        List<?> names = p instanceof List<?> l ? l : List.of(p);
        if (names.size() == 1 && "Atomref".equals(names.get(0))) return true;
        throw new IllegalArgumentException("prior_model " + p + ": a new model can start with the Atomref prior only (its"
                + " table is fitted to the training set); to train with ZBL, D2 or Coulomb, fine-tune a checkpoint"
                + " that has them (load_model)");
    }

    /** A new model with TorchMD-Net's initial weights, the standardisation and the reference energies of {@code stats}. */
    static TorchMDNet fresh(Map<String, Object> hp, Statistics stats, long seed) {
        torch.manual_seed(seed);
        if (stats.atomref() != null) {
            hp.put("prior_model", List.of("Atomref"));
            hp.put("prior_args", List.of(new LinkedHashMap<>(Map.of("max_z", hp.get("max_z"), "trainable", false, "enable", true))));
        }
        ModelConfig config = ModelConfig.from(hp);
        ScalarType dtype = config.dtype();
        Map<String, Tensor> given = new LinkedHashMap<>();
        given.put("mean", scalarTensor(stats.mean(), dtype));
        given.put("std", scalarTensor(stats.std(), dtype));
        given.put("representation_model.distance.box", torch.zeros(new long[] {3, 3}, new TensorOptions(dtype)));
        if (stats.atomref() != null) {
            Tensor table = org.tensornet4j.torch.Ops.toDtype(Tensor.create(stats.atomref()).reshape(-1, 1), dtype);
            given.put("prior_model.0.initial_atomref", table);
            given.put("prior_model.0.atomref.weight", table.clone());
        }
        return ModelLoader.create(hp, given, (name, shape) -> initial(name, shape, config));
    }

    /** Fine-tuning: the checkpoint's model (its architecture, standardisation and priors). */
    static TorchMDNet load(Path checkpoint) {
        Checkpoint c = Checkpoint.read(checkpoint);
        return ModelLoader.build(checkpoint, c.hyperParameters(), c.stateDict());
    }

    /**
     * The parameters the optimizer changes: everything of the representation and the output head,
     * except the radial basis (a buffer unless {@code trainable_rbf}) and the box buffer; never
     * {@code mean}, {@code std} or the priors' tables.
     */
    static Map<String, Tensor> trainable(TorchMDNet model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        boolean rbf = model.config().trainableRbf();
        for (var e : model.stateDict().entrySet()) {
            String k = e.getKey();
            if (!(k.startsWith("representation_model.") || k.startsWith("output_model."))) continue;
            if (k.endsWith(".box") || (!rbf && k.contains(".distance_expansion."))) continue;
            if (!torch.isFloatingType(e.getValue().scalar_type())) continue;
            out.put(k, e.getValue());
        }
        return out;
    }

    private static Tensor scalarTensor(double v, ScalarType dtype) {
        return torch.full(new long[] {}, new Scalar(v), new TensorOptions(dtype));
    }

    /**
     * Initial values as TorchMD-Net's modules set them: radial basis from the cutoffs, embeddings
     * normal(0, 1), linear weights uniform(+-1/sqrt(in)) (PyTorch's default), the output MLP Xavier-uniform,
     * biases zero, layer norms one/zero.
     */
    private static Tensor initial(String name, long[] shape, ModelConfig c) {
        TensorOptions o = new TensorOptions(c.dtype());
        long rbf = c.numRbf();
        double lower = c.cutoffLower();
        double upper = c.cutoffUpper();
        if (name.endsWith("distance_expansion.means")) {
            double start = Math.exp(-upper + lower);
            return torch.linspace(new Scalar(start), new Scalar(1.0), rbf, o);
        }
        if (name.endsWith("distance_expansion.betas")) {
            double start = Math.exp(-upper + lower);
            return torch.full(shape, new Scalar(Math.pow(2.0 / rbf * (1 - start), -2)), o);
        }
        if (name.endsWith("distance_expansion.offset")) return torch.linspace(new Scalar(lower), new Scalar(upper), rbf, o);
        if (name.endsWith("distance_expansion.coeff")) {
            double step = (upper - lower) / (rbf - 1);
            return torch.full(shape, new Scalar(-0.5 / (step * step)), o);
        }
        if (name.endsWith(".bias")) return torch.zeros(shape, o);
        if (shape.length == 1 && name.endsWith(".weight")) return torch.ones(shape, o);
        if (shape.length == 2 && name.endsWith(".emb.weight")) return torch.zeros(shape, o).normal_(0, 1, new GeneratorOptional());
        if (shape.length == 2 && name.endsWith(".weight")) {
            double bound = name.startsWith("output_model.") ? Math.sqrt(6.0 / (shape[0] + shape[1])) : 1 / Math.sqrt(shape[1]);
            return torch.zeros(shape, o).uniform_(-bound, bound, new GeneratorOptional());
        }
        throw new IllegalStateException("no initial value known for " + name + " " + java.util.Arrays.toString(shape));
    }

    static Set<String> modelKeys() { return MODEL_DEFAULTS.keySet(); }
}
