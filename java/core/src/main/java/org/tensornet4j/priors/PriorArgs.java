package org.tensornet4j.priors;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.PeriodicBox;
import org.tensornet4j.nn.HyperParameters;
import org.tensornet4j.torch.Ops;

/**
 * The keyword arguments of one prior constructor (one entry of {@code prior_args}), with the errors
 * Python would raise turned into messages that name the prior, its position and the argument.
 */
final class PriorArgs {
    /** Why an argument with a dataset default is required here. */
    static final String FROM_DATASET = " (TorchMD-Net takes it from the training data set, which is not available when loading)";

    private final String name;
    private final int index;
    private final Map<String, Object> args;

    PriorArgs(String name, int index, Map<String, Object> args) {
        this.name = name;
        this.index = index;
        this.args = args;
    }

    String name() { return name; }

    /** "prior ZBL (prior_model entry 0)" */
    String describe() {
        return "prior " + name + " (prior_model entry " + index + ")";
    }

    /**
     * Refuses keywords the TorchMD-Net constructor does not take (Python would raise a TypeError), and a
     * {@code dataset}: priors that read their constants from the training data set cannot be rebuilt
     * without it.
     */
    void acceptOnly(String... accepted) {
        Set<String> known = new LinkedHashSet<>(Arrays.asList(accepted));
        for (String key : args.keySet()) {
            if (key.equals("dataset")) {
                if (args.get(key) != null) {
                    throw new IllegalArgumentException(describe() + ": argument 'dataset' must be None when loading a model;"
                            + " give the values it would provide as arguments instead");
                }
            } else if (!known.contains(key)) {
                throw new IllegalArgumentException(describe() + " got an unknown argument '" + key + "'; its arguments are "
                        + String.join(", ", known));
            }
        }
    }

    boolean has(String key) { return args.get(key) != null; }

    IllegalArgumentException missing(String key, String why) {
        return new IllegalArgumentException(describe() + " is missing argument '" + key + "' in prior_args" + why);
    }

    /** A required number. */
    double real(String key, String whyRequired) {
        Object v = args.get(key);
        if (v == null) throw missing(key, whyRequired);
        Double d = HyperParameters.asReal(v);
        if (d == null) throw wrongType(key, v, "a number");
        return d;
    }

    /** A required positive integer. */
    int positiveInteger(String key) {
        Object v = args.get(key);
        if (v == null) throw missing(key, "");
        Long n = HyperParameters.asInteger(v);
        if (n == null || n < 1 || n > Integer.MAX_VALUE) throw wrongType(key, v, "a positive integer");
        return n.intValue();
    }

    boolean bool(String key, boolean fallback) {
        Object v = args.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        throw wrongType(key, v, "true or false");
    }

    /** The number of entries of a required list (or 1-d tensor) argument such as {@code atomic_number}. */
    int length(String key, String whyRequired) {
        Object v = args.get(key);
        if (v == null) throw missing(key, whyRequired);
        if (v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Number)) return l.size();
        if (v instanceof Tensor t && t.dim() == 1 && t.size(0) > 0) return (int) t.size(0);
        throw wrongType(key, v, "a non-empty list of integers");
    }

    /** An optional 3x3 matrix (nested lists or a tensor), or null. */
    double[][] matrix3(String key) {
        Object v = args.get(key);
        if (v == null) return null;
        if (v instanceof Tensor t && t.dim() == 2 && t.size(0) == 3 && t.size(1) == 3) {
            return PeriodicBox.fromFlat(Ops.toDoubles(t));
        }
        double[][] m = HyperParameters.asMatrix3(v);
        if (m == null) throw wrongType(key, v, "a 3x3 matrix (list of 3 rows)");
        return m;
    }

    /**
     * The arguments ZBL and D2 share: their neighbour list ({@code cutoff_distance},
     * {@code max_num_neighbors}), the type-to-atomic-number table ({@code atomic_number}: only its
     * length matters, the values are a buffer) and the units.
     */
    PairArgs pairArgs() {
        double cutoff = real("cutoff_distance", "");
        if (!(cutoff > 0) || Double.isInfinite(cutoff)) {
            throw new IllegalArgumentException(describe() + ": cutoff_distance must be a positive length, got " + cutoff);
        }
        return new PairArgs(cutoff, positiveInteger("max_num_neighbors"), length("atomic_number", FROM_DATASET),
                real("distance_scale", FROM_DATASET), real("energy_scale", FROM_DATASET));
    }

    record PairArgs(double cutoffDistance, int maxNumNeighbors, int types, double distanceScale, double energyScale) {}

    private IllegalArgumentException wrongType(String key, Object v, String expected) {
        return new IllegalArgumentException(describe() + ": argument '" + key + "' is " + v + " but must be " + expected);
    }
}
