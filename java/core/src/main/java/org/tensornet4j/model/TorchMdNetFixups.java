package org.tensornet4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;

/**
 * The changes TorchMD-Net makes to a stored state dict when it loads a model, so that checkpoints
 * written by older TorchMD-Net versions fit the current module layout:
 * <ol>
 *   <li>drop Lightning's {@code model.} prefix;</li>
 *   <li>rename the output MLP's legacy {@code output_model.output_network.<k>.<param>} to
 *       {@code output_model.output_network.layers.<k>.<param>};</li>
 *   <li>rename the buffers of a single Atomref prior stored before priors became a list,
 *       {@code prior_model.initial_atomref} and {@code prior_model.atomref.weight}, to
 *       {@code prior_model.0.*};</li>
 *   <li>add the {@code representation_model.distance.box} buffer (zero 3x3, i.e. no periodic box)
 *       to files written before it existed;</li>
 *   <li>for files whose hyper-parameters contain {@code check_errors} (the legacy layout), reorder
 *       the rows of the TensorNet scalar linears that produce the I, A, S factors from [F, 3] to
 *       [3, F] order.</li>
 * </ol>
 * Tensors that need no change are shared with the input map, not copied.
 */
public final class TorchMdNetFixups {
    private static final String LIGHTNING_PREFIX = "model.";
    private static final String REPRESENTATION = "representation_model.";
    private static final String BOX = "representation_model.distance.box";
    private static final String LEGACY_MARKER = "check_errors";
    private static final java.util.Set<String> LEGACY_ATOMREF = java.util.Set.of("prior_model.initial_atomref", "prior_model.atomref.weight");

    /**
     * Only a single parameter name after the index: deeper names (an equivariant output block's
     * {@code output_network.0.update_net.layers.0.weight}) are current, not legacy.
     */
    private static final Pattern LEGACY_OUTPUT = Pattern.compile("^output_model\\.output_network\\.(\\d+)\\.([^.]+)$");

    /** The linears whose 3F outputs are split into the I, A and S factors. */
    private static final Pattern FACTOR_LINEARS = Pattern.compile(
            "^representation_model\\.(tensor_embedding\\.linears_scalar\\.1|layers\\.\\d+\\.linears_scalar\\.2)"
                    + "\\.(weight|bias)$");

    private TorchMdNetFixups() {
    }

    /**
     * @param hparams the checkpoint's hyper-parameters (only the presence of {@code check_errors} matters)
     * @param stateDict the state dict as stored
     * @return a new map with the fixed-up names and tensors, in the original order
     * @throws IllegalArgumentException if two stored names map to one name, or a legacy factor linear
     *     does not have a multiple of 3 rows
     */
    public static Map<String, Tensor> apply(Map<String, Object> hparams, Map<String, Tensor> stateDict) {
        Objects.requireNonNull(hparams, "hparams");
        Objects.requireNonNull(stateDict, "stateDict");
        Map<String, Tensor> fixed = renamed(stateDict);
        fixed = withBox(fixed);
        if (hparams.containsKey(LEGACY_MARKER)) reorderFactorRows(fixed);
        return fixed;
    }

    private static Map<String, Tensor> renamed(Map<String, Tensor> stateDict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(LIGHTNING_PREFIX)) name = name.substring(LIGHTNING_PREFIX.length());
            Matcher legacy = LEGACY_OUTPUT.matcher(name);
            if (legacy.matches()) {
                name = "output_model.output_network.layers." + legacy.group(1) + "." + legacy.group(2);
            }
            if (LEGACY_ATOMREF.contains(name)) name = "prior_model.0." + name.substring("prior_model.".length());
            if (out.putIfAbsent(name, e.getValue()) != null) {
                throw new IllegalArgumentException("state dict entry '" + e.getKey() + "' becomes '" + name
                        + "', which another entry already has");
            }
        }
        return out;
    }

    /**
     * A zero box means "not periodic". It goes right after the last representation-model entry,
     * which is where a current TorchMD-Net writes it, so fixed-up files keep the current order.
     */
    private static Map<String, Tensor> withBox(Map<String, Tensor> in) {
        if (in.containsKey(BOX)) return in;
        List<String> names = new ArrayList<>(in.keySet());
        int last = -1;
        for (int i = 0; i < names.size(); i++) if (names.get(i).startsWith(REPRESENTATION)) last = i;
        if (last < 0) return in;
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), in.get(names.get(i)));
            if (i == last) out.put(BOX, zeroBox(floatType(in)));
        }
        return out;
    }

    /** The model's precision: the dtype of its floating-point parameters (float32 unless float64). */
    private static ScalarType floatType(Map<String, Tensor> stateDict) {
        for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
            if (e.getKey().startsWith(REPRESENTATION) && e.getValue().is_floating_point()) {
                // JavaCPP returns a fresh enum object for a native enum value; intern() gives the constant.
                return e.getValue().scalar_type().intern() == ScalarType.Double ? ScalarType.Double : ScalarType.Float;
            }
        }
        return ScalarType.Float;
    }

    private static Tensor zeroBox(ScalarType type) {
        try (TensorOptions options = new TensorOptions(type)) {
            return torch.zeros(new long[] {3, 3}, options);
        }
    }

    private static void reorderFactorRows(Map<String, Tensor> stateDict) {
        for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
            if (FACTOR_LINEARS.matcher(e.getKey()).matches()) e.setValue(factorMajor(e.getKey(), e.getValue()));
        }
    }

    /**
     * Legacy row {@code f*3 + k} becomes row {@code k*F + f}: view the rows as [F, 3], swap to
     * [3, F], flatten back. The copy is contiguous and independent of the input tensor.
     */
    private static Tensor factorMajor(String name, Tensor legacy) {
        long rows = legacy.dim() == 0 ? 0 : legacy.size(0);
        if (legacy.dim() == 0 || rows % 3 != 0) {
            throw new IllegalArgumentException("legacy TensorNet parameter '" + name + "' should have 3F rows, got shape "
                    + Arrays.toString(shape(legacy)));
        }
        long[] shape = shape(legacy);
        long[] split = new long[shape.length + 1];
        split[0] = rows / 3;
        split[1] = 3;
        System.arraycopy(shape, 1, split, 2, shape.length - 1);
        try (Tensor asF3 = legacy.reshape(split);
             Tensor as3F = asF3.transpose(0, 1);
             MemoryFormatOptional contiguous = new MemoryFormatOptional(torch.MemoryFormat.Contiguous);
             Tensor copy = as3F.clone(contiguous)) {
            return copy.reshape(shape);
        }
    }

    private static long[] shape(Tensor t) {
        long[] shape = new long[(int) t.dim()];
        for (int d = 0; d < shape.length; d++) shape[d] = t.size(d);
        return shape;
    }
}
