package org.tensornet4j.priors;

import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;

/**
 * TorchMD-Net's {@code Atomref} (and {@code LearnableAtomref}) prior: adds a per-type reference
 * value to every atom's output, {@code x_i + atomref[z_i]}, before the reduction (so it is not scaled
 * by {@code std}). Buffers: {@code initial_atomref} [max_z, 1] (used only to reset training, read
 * and shape-checked) and {@code atomref.weight} [max_z, 1] (the table applied). With
 * {@code enable = False} the prior adds nothing; TorchMD-Net switches it on when a model trained with
 * {@code remove_ref_energy} is loaded with {@code remove_ref_energy=False}.
 */
public final class Atomref implements Prior {
    /**
     * @param name      Atomref or LearnableAtomref
     * @param maxZ      number of atom types in the table
     * @param trainable whether training updated the table (no effect on inference)
     * @param enable    whether the reference values are added
     */
    public record Settings(String name, int maxZ, boolean trainable, boolean enable) implements PriorSettings {
        static Settings parse(PriorArgs a) {
            a.acceptOnly("max_z", "trainable", "enable");
            int maxZ = a.positiveInteger("max_z");
            return new Settings(a.name(), maxZ, a.bool("trainable", false), a.bool("enable", true));
        }

        static Settings parseLearnable(PriorArgs a) {
            a.acceptOnly("max_z");
            return new Settings(a.name(), a.positiveInteger("max_z"), true, true);
        }

        /** The same prior switched on. */
        public Settings enabled() {
            return new Settings(name, maxZ, trainable, true);
        }

        @Override
        public Prior build(ParameterStore p, String prefix) {
            return new Atomref(this, p, prefix);
        }
    }

    private final Settings settings;
    private final Tensor weight;

    Atomref(Settings settings, ParameterStore p, String prefix) {
        this.settings = settings;
        p.get(prefix + ".initial_atomref", settings.maxZ(), 1);
        this.weight = p.get(prefix + ".atomref.weight", settings.maxZ(), 1);
    }

    @Override
    public String name() { return settings.name(); }

    public boolean enabled() { return settings.enable(); }

    @Override
    public Tensor preReduce(Tensor x, PriorInputs in) {
        if (!settings.enable()) return x;
        return x.add(Ops.indexSelect(weight, in.z()));
    }

    @Override
    public void validate(long[] atomTypes, double[][] box, double[] partialCharges) {
        if (!settings.enable()) return;
        for (int i = 0; i < atomTypes.length; i++) {
            if (atomTypes[i] < 0 || atomTypes[i] >= settings.maxZ()) {
                throw new IllegalArgumentException("atom type " + atomTypes[i] + " of atom " + i + " has no reference value in the "
                        + settings.name() + " prior (max_z = " + settings.maxZ() + ")");
            }
        }
    }
}
