package org.tensornet4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;

/**
 * Small TensorNet2 models with random weights (there is no TensorNet2 fixture checkpoint): the
 * hyper-parameters and the state dict, written out key by key with TorchMD-Net's names and shapes,
 * in float64. Weights are uniform in +-1/sqrt(fan_in) like PyTorch's initialisation.
 */
public final class RandomTensorNet2 {
    public static final int F = 8, RBF = 6, Q = 3, LAYERS = 2, MAX_Z = 20;
    public static final double CUTOFF = 4.0;

    private final Random random;
    private final Map<String, Tensor> sd = new LinkedHashMap<>();

    private RandomTensorNet2(long seed) {
        this.random = new Random(seed);
    }

    /** Hyper-parameters of the Coulomb-head model, with {@code extra} key/value pairs replacing or adding entries. */
    public static Map<String, Object> hyperParameters(Object... extra) {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("model", "tensornet2");
        hp.put("embedding_dimension", (long) F);
        hp.put("num_layers", (long) LAYERS);
        hp.put("num_rbf", (long) RBF);
        hp.put("rbf_type", "expnorm");
        hp.put("trainable_rbf", false);
        hp.put("activation", "silu");
        hp.put("cutoff_lower", 0.0);
        hp.put("cutoff_upper", CUTOFF);
        hp.put("max_z", (long) MAX_Z);
        hp.put("max_num_neighbors", 64L);
        hp.put("equivariance_invariance_group", "O(3)");
        hp.put("static_shapes", false);
        hp.put("output_model", "ScalarPlusWeightedCoulomb");
        hp.put("reduce_op", "add");
        hp.put("precision", 64L);
        hp.put("prior_model", null);
        hp.put("q_dim", (long) Q);
        hp.put("q_weights", List.of(1.0, 0.5, 2.0));
        for (int i = 0; i < extra.length; i += 2) hp.put((String) extra[i], extra[i + 1]);
        return hp;
    }

    /** The state dict of the Coulomb-head model ({@code withQweights}) or of the Scalar-head one. */
    public static Map<String, Tensor> stateDict(long seed, boolean withQweights) {
        RandomTensorNet2 r = new RandomTensorNet2(seed);
        r.build(withQweights);
        return r.sd;
    }

    /** A potential from {@link #hyperParameters} and {@link #stateDict} (Coulomb head). */
    public static TensorNetPotential potential(long seed, Object... extraHyperParameters) {
        Map<String, Object> hp = hyperParameters(extraHyperParameters);
        return TensorNetPotential.fromStateDict(hp, stateDict(seed, "ScalarPlusWeightedCoulomb".equals(hp.get("output_model"))),
                Device.CPU);
    }

    private void build(boolean withQweights) {
        put("model.mean", scalar(0.3));
        put("model.std", scalar(1.7));
        String r = "model.representation_model.";
        // TorchMD-Net's initial expnorm basis: means from exp(-upper) to 1, betas (2 / RBF (1 - exp(-upper)))^-2
        double start = Math.exp(-CUTOFF);
        double[] means = new double[RBF], betas = new double[RBF];
        for (int k = 0; k < RBF; k++) {
            means[k] = start + (1 - start) * k / (RBF - 1);
            betas[k] = Math.pow(2.0 / RBF * (1 - start), -2);
        }
        put(r + "distance_expansion.means", Tensor.create(means));
        put(r + "distance_expansion.betas", Tensor.create(betas));
        String e = r + "tensor_embedding.";
        for (int k = 1; k <= 3; k++) linear(e + "distance_proj" + k, RBF, F);
        put(e + "emb.weight", normal(MAX_Z, F));
        linear(e + "emb2", 2 * F, F);
        for (int k = 0; k < 3; k++) put(e + "linears_tensor." + k + ".weight", uniform(1.0 / Math.sqrt(F), F, F));
        linear(e + "linears_scalar.0", F, 2 * F);
        linear(e + "linears_scalar.1", 2 * F, 3 * F);
        layerNorm(e + "init_norm", F);
        chargePredict(r + "charge_predict_0.");
        for (int l = 0; l < LAYERS; l++) {
            String p = r + "layers." + l + ".";
            linear(p + "linears_scalar.0", RBF + 2 * Q, F);
            linear(p + "linears_scalar.1", F, 2 * F);
            linear(p + "linears_scalar.2", 2 * F, 3 * F);
            for (int k = 0; k < 6; k++) put(p + "linears_tensor." + k + ".weight", uniform(1.0 / Math.sqrt(F), F, F));
            chargePredict(r + "charge_predicts." + l + ".");
        }
        linear(r + "linear", 3 * F, F);
        layerNorm(r + "out_norm", 3 * F);
        linear("model.output_model.output_network.layers.0", F, F / 2);
        linear("model.output_model.output_network.layers.2", F / 2, 1);
        if (withQweights) {
            // q_weights [1, 0.5, 2], each repeated over the q_dim channels of its block
            double[] w = new double[(LAYERS + 1) * Q];
            double[] blocks = {1.0, 0.5, 2.0};
            for (int b = 0; b <= LAYERS; b++) for (int c = 0; c < Q; c++) w[b * Q + c] = blocks[b];
            put("model.output_model.qweights", Tensor.create(w));
        }
    }

    private void chargePredict(String p) {
        layerNorm(p + "q_norm", 3 * F);
        linear(p + "q_mlp.layers.0", 3 * F, F);
        linear(p + "q_mlp.layers.2", F, F);
        linear(p + "q_mlp.layers.4", F, 2 * Q);
    }

    private void linear(String name, int in, int out) {
        double bound = 1.0 / Math.sqrt(in);
        put(name + ".weight", uniform(bound, out, in));
        put(name + ".bias", uniform(bound, out));
    }

    private void layerNorm(String name, int n) {
        double[] w = new double[n], b = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + 0.2 * (random.nextDouble() - 0.5);
            b[i] = 0.2 * (random.nextDouble() - 0.5);
        }
        put(name + ".weight", Tensor.create(w));
        put(name + ".bias", Tensor.create(b));
    }

    private Tensor uniform(double bound, long... shape) {
        double[] v = new double[(int) count(shape)];
        for (int i = 0; i < v.length; i++) v[i] = bound * (2 * random.nextDouble() - 1);
        return Tensor.create(v).reshape(shape);
    }

    private Tensor normal(long... shape) {
        double[] v = new double[(int) count(shape)];
        for (int i = 0; i < v.length; i++) v[i] = random.nextGaussian();
        return Tensor.create(v).reshape(shape);
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    private static Tensor scalar(double v) {
        return Tensor.create(v).reshape();
    }

    private void put(String key, Tensor t) {
        sd.put(key, t);
    }

    /** Keys of the state dict, for tests that edit it. */
    public static List<String> keys(long seed) {
        return new ArrayList<>(stateDict(seed, true).keySet());
    }
}
