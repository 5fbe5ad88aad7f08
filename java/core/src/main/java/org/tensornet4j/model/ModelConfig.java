package org.tensornet4j.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.nn.Activation;
import org.tensornet4j.nn.HyperParameters;
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
        List<PriorSettings> priors,
        TensorNet2Settings tensorNet2,
        String energyUnit) {

    public static final List<String> SUPPORTED_MODELS = List.of("tensornet", "tensornet2");
    public static final List<String> SUPPORTED_OUTPUT_MODELS = List.of("Scalar", "ScalarPlusWeightedCoulomb");
    /** The output head of TensorNet2 that adds the Coulomb energy of the predicted charges. */
    public static final String COULOMB_HEAD = "ScalarPlusWeightedCoulomb";
    /**
     * Keys of TorchMD-Net's {@code load_model} keyword arguments besides the ones the network reads:
     * {@code remove_ref_energy=False} switches a disabled Atomref prior on; {@code derivative} (forces
     * or not) is accepted and changes nothing, since tn4j always returns forces (the reference
     * fixtures record {@code load_kwargs} {"derivative": true}, which must apply as given).
     */
    public static final List<String> LOAD_KEYS = List.of("remove_ref_energy", "derivative");

    /**
     * The hyper-parameters a load-time override may set for a model with these hyper-parameters:
     * exactly the keys this implementation reads for it (an override of any other key would change
     * nothing, so it is refused rather than ignored), plus {@link #LOAD_KEYS}. Which keys are read
     * depends on the model: TensorNet2's Coulomb keys, for instance, only for tensornet2.
     */
    public static Set<String> overridableKeys(Map<String, Object> hyperParameters) {
        HyperParameters h = new HyperParameters(hyperParameters);
        from(h);
        Set<String> keys = new TreeSet<>(h.keysRead());
        keys.addAll(LOAD_KEYS);
        return keys;
    }

    public static ModelConfig from(Map<String, Object> hyperParameters) {
        return from(new HyperParameters(hyperParameters));
    }

    private static ModelConfig from(HyperParameters h) {
        String given = h.string("model", null);
        if (given == null) throw h.missing("model");
        String model = ModelNames.canonical(given);
        if (model == null) {
            throw new IllegalArgumentException("unsupported model type '" + given + "'; supported: "
                    + String.join(", ", SUPPORTED_MODELS) + " (also accepted: " + ModelNames.aliasList() + ")");
        }
        String output = h.string("output_model", "Scalar");
        if (!SUPPORTED_OUTPUT_MODELS.contains(output)) {
            throw new IllegalArgumentException("unsupported output_model '" + output + "'; supported: "
                    + String.join(", ", SUPPORTED_OUTPUT_MODELS));
        }
        if (output.equals(COULOMB_HEAD) && !model.equals("tensornet2")) {
            throw new IllegalArgumentException("output_model " + COULOMB_HEAD + " needs predicted charges, which only"
                    + " model tensornet2 gives; model '" + given + "' pairs with output_model Scalar");
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
        int numLayers = (int) h.integer("num_layers", 2L);
        TensorNet2Settings tensorNet2 = model.equals("tensornet2")
                ? TensorNet2Settings.from(h, output.equals(COULOMB_HEAD), numLayers) : null;
        return new ModelConfig(
                model,
                channels,
                numLayers,
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
                priors,
                tensorNet2,
                energyUnit(h));
    }

    /**
     * The unit of the model's energies from the optional hyper-parameter {@code energy_unit} (e.g.
     * "eV", "kJ/mol"), or null. TorchMD-Net keeps no such key, but ignores keys it does not read, so a
     * checkpoint that carries one still loads there; here it may be set as a load-time override too.
     */
    private static String energyUnit(HyperParameters h) {
        String unit = h.string("energy_unit", null);
        if (unit != null && unit.isBlank()) throw new IllegalArgumentException("energy_unit is blank: name the unit (e.g. eV) or leave it out");
        return unit == null ? null : unit.strip();
    }

    /**
     * This configuration with the last prior, which must be Atomref, switched on: TorchMD-Net's
     * {@code load_model(..., remove_ref_energy=False)} for a model trained with {@code remove_ref_energy}.
     */
    public ModelConfig withReferenceEnergies() {
        return new ModelConfig(model, hiddenChannels, numLayers, numRbf, rbfType, trainableRbf, activation, cutoffLower,
                cutoffUpper, maxZ, maxNumNeighbors, group, staticShapes, boxVecs, dtype, outputModel, reduceOp,
                outputMlpNumLayers, legacyLayout, Priors.withReferenceEnergies(priors), tensorNet2, energyUnit);
    }

    /** TorchMD-Net's {@code tensornet2}: charge prediction and equilibration, total charge required. */
    public boolean isTensorNet2() {
        return tensorNet2 != null;
    }

    /** Whether the output head adds the Coulomb energy of the predicted charges. */
    public boolean hasCoulombHead() {
        return outputModel.equals(COULOMB_HEAD);
    }
}
