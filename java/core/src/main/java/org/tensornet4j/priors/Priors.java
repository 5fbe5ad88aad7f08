package org.tensornet4j.priors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensornet4j.nn.ParameterStore;

/**
 * Reads the priors from a checkpoint's hyper-parameters the way TorchMD-Net's
 * {@code create_prior_models} does, and builds them.
 *
 * <p>{@code prior_model} may be a name ({@code "Atomref"}), a list of names, a map
 * {@code {name: args}} or a list of such maps (args may be null = none). When {@code prior_args} is
 * present (and not null) it replaces the arguments found in {@code prior_model}: a map for a single
 * prior or a list with one map per prior, in the same order.
 */
public final class Priors {
    /** TorchMD-Net's {@code torchmdnet.priors.__all__}. */
    public static final List<String> SUPPORTED = List.of("Atomref", "LearnableAtomref", "D2", "ZBL", "Coulomb");

    private Priors() {}

    /**
     * @param priorModel the {@code prior_model} hyper-parameter (null, empty or false = no priors)
     * @param priorArgs  the {@code prior_args} hyper-parameter, or null
     * @return the priors' settings in TorchMD-Net's order (the order of {@code prior_model.<i>})
     * @throws IllegalArgumentException for an unknown prior, missing, unknown or malformed arguments
     */
    public static List<PriorSettings> parse(Object priorModel, Object priorArgs) {
        if (isFalsy(priorModel)) return List.of();
        List<?> entries = priorModel instanceof List<?> l ? l : List.of(priorModel);
        List<String> names = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    names.add(String.valueOf(e.getKey()));
                    args.add(e.getValue() == null ? Map.of() : e.getValue());
                }
            } else if (entry instanceof String s) {
                names.add(s);
                args.add(Map.of());
            } else {
                throw new IllegalArgumentException("prior_model entry " + entry + " must be a prior name or a {name: arguments} map");
            }
        }
        if (priorArgs != null) {
            args = new ArrayList<>(priorArgs instanceof List<?> l ? l : List.of(priorArgs));
            if (args.size() < names.size()) {
                throw new IllegalArgumentException("prior_model names " + names.size() + " priors " + names + " but prior_args holds "
                        + args.size() + " argument set(s); give one per prior, in the same order");
            }
        }
        List<PriorSettings> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) out.add(settings(names.get(i), i, args.get(i)));
        return List.copyOf(out);
    }

    /** Builds the priors, reading their buffers as {@code prior_model.<i>.*}. */
    public static List<Prior> create(List<PriorSettings> settings, ParameterStore p) {
        List<Prior> priors = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) priors.add(settings.get(i).build(p, "prior_model." + i));
        return List.copyOf(priors);
    }

    /**
     * TorchMD-Net's {@code load_model(..., remove_ref_energy=False)} on a model trained with
     * {@code remove_ref_energy}: the last prior must be Atomref, and it is switched on.
     */
    public static List<PriorSettings> withReferenceEnergies(List<PriorSettings> settings) {
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("remove_ref_energy=False needs an Atomref prior: it must be added during training"
                    + " (with enable=False) for total energy prediction, and this model has no priors");
        }
        PriorSettings last = settings.get(settings.size() - 1);
        if (!(last instanceof Atomref.Settings atomref)) {
            throw new IllegalArgumentException("remove_ref_energy=False expects the last prior to be Atomref, but it is "
                    + last.name());
        }
        List<PriorSettings> out = new ArrayList<>(settings);
        out.set(out.size() - 1, atomref.enabled());
        return List.copyOf(out);
    }

    private static PriorSettings settings(String name, int index, Object rawArgs) {
        if (!(rawArgs instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("prior " + name + " (prior_model entry " + index + "): its arguments must be a map,"
                    + " got " + rawArgs);
        }
        @SuppressWarnings("unchecked")
        PriorArgs args = new PriorArgs(name, index, (Map<String, Object>) m);
        return switch (name) {
            case "Atomref" -> Atomref.Settings.parse(args);
            case "LearnableAtomref" -> Atomref.Settings.parseLearnable(args);
            case "D2" -> D2.Settings.parse(args);
            case "ZBL" -> ZBL.Settings.parse(args);
            case "Coulomb" -> Coulomb.Settings.parse(args);
            default -> throw new IllegalArgumentException("unknown prior '" + name + "' in prior_model; supported: "
                    + String.join(", ", SUPPORTED));
        };
    }

    /** Python's truthiness for the values a hyper-parameter can hold. */
    static boolean isFalsy(Object v) {
        return v == null
                || v instanceof Boolean b && !b
                || v instanceof String s && s.isEmpty()
                || v instanceof List<?> l && l.isEmpty()
                || v instanceof Map<?, ?> m && m.isEmpty()
                || v instanceof Number n && n.doubleValue() == 0;
    }
}
