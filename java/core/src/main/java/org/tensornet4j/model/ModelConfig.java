package org.tensornet4j.model;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.priors.PriorSettings;
import org.tensornet4j.priors.Priors;

/**
 * What the hyper-parameters of a TorchMD-Net checkpoint say about the network, with TorchMD-Net's
 * names and defaults. Only what this implementation supports is accepted; anything else is refused
 * with a message that lists the supported choices.
 */
public record ModelConfig(
        String model,
        int hiddenChannels,
        int numLayers,
        int numRbf,
        String rbfType,
        boolean trainableRbf,
        Activation activation,
        double cutoffLower,
        double cutoffUpper,
        int maxZ,
        int maxNumNeighbors,
        String group,
        boolean staticShapes,
        double[][] boxVecs,
        ScalarType dtype,
        String outputModel,
        String reduceOp,
        int outputMlpNumLayers,
        boolean legacyLayout,
        List<PriorSettings> priors) {

    public static final List<String> SUPPORTED_MODELS = List.of("tensornet");
    public static final List<String> SUPPORTED_OUTPUT_MODELS = List.of("Scalar");
    /**
     * Hyper-parameters that older checkpoints lack (TorchMD-Net added them later, with defaults):
     * an override may set them even when the file has no such key.
     */
    public static final List<String> LATER_KEYS = List.of("static_shapes", "box_vecs", "output_mlp_num_layers");

    public static ModelConfig from(Map<String, Object> hyperParameters) {
        HyperParameters h = new HyperParameters(hyperParameters);
        String model = h.string("model", null);
        if (model == null) throw h.missing("model");
        if (!SUPPORTED_MODELS.contains(model)) {
            throw new IllegalArgumentException("unsupported model type '" + model + "'; supported: "
                    + String.join(", ", SUPPORTED_MODELS));
        }
        String output = h.string("output_model", "Scalar");
        if (!SUPPORTED_OUTPUT_MODELS.contains(output)) {
            throw new IllegalArgumentException("unsupported output_model '" + output + "'; supported: "
                    + String.join(", ", SUPPORTED_OUTPUT_MODELS));
        }
        List<PriorSettings> priors = Priors.parse(h.raw("prior_model"), h.raw("prior_args"));
        String reduce = h.string("reduce_op", "add");
        if (!List.of("add", "sum", "mean").contains(reduce)) {
            throw new IllegalArgumentException("unsupported reduce_op '" + reduce + "'; supported: add, sum, mean");
        }
        String group = h.string("equivariance_invariance_group", "O(3)");
        if (!group.equals("O(3)") && !group.equals("SO(3)")) {
            throw new IllegalArgumentException("unknown equivariance_invariance_group '" + group + "'; choose O(3) or SO(3)");
        }
        long precision = h.integer("precision", 32L);
        ScalarType dtype = switch ((int) precision) {
            case 32 -> ScalarType.Float;
            case 64 -> ScalarType.Double;
            default -> throw new IllegalArgumentException("unsupported precision " + precision + "; supported: 32, 64");
        };
        double lower = h.real("cutoff_lower", 0.0);
        double upper = h.real("cutoff_upper", 4.5);
        if (!(upper > lower) || lower < 0) {
            throw new IllegalArgumentException("cutoffs must satisfy 0 <= cutoff_lower < cutoff_upper, got "
                    + lower + " and " + upper);
        }
        int channels = (int) h.integer("embedding_dimension", 128L);
        if (channels < 2) throw new IllegalArgumentException("embedding_dimension must be >= 2, got " + channels);
        String rbf = h.string("rbf_type", "expnorm");
        if (!rbf.equals("expnorm") && !rbf.equals("gauss")) {
            throw new IllegalArgumentException("unknown rbf_type '" + rbf + "'; supported: expnorm, gauss");
        }
        Activation act;
        try {
            act = Activation.of(h.string("activation", "silu"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("" + e.getMessage(), e);
        }
        return new ModelConfig(
                model,
                channels,
                (int) h.integer("num_layers", 2L),
                (int) h.integer("num_rbf", 32L),
                rbf,
                h.bool("trainable_rbf", false),
                act,
                lower,
                upper,
                (int) h.integer("max_z", 128L),
                (int) h.integer("max_num_neighbors", 64L),
                group,
                h.bool("static_shapes", false),
                h.matrix3("box_vecs"),
                dtype,
                output,
                reduce,
                (int) h.integer("output_mlp_num_layers", 0L),
                h.has("check_errors"),
                priors);
    }

    /**
     * This configuration with the last prior, which must be Atomref, switched on: TorchMD-Net's
     * {@code load_model(..., remove_ref_energy=False)} for a model trained with {@code remove_ref_energy}.
     */
    public ModelConfig withReferenceEnergies() {
        return new ModelConfig(model, hiddenChannels, numLayers, numRbf, rbfType, trainableRbf, activation, cutoffLower,
                cutoffUpper, maxZ, maxNumNeighbors, group, staticShapes, boxVecs, dtype, outputModel, reduceOp,
                outputMlpNumLayers, legacyLayout, Priors.withReferenceEnergies(priors));
    }
}
