package org.tensornet4j.priors;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.PeriodicBox;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;

/**
 * TorchMD-Net's {@code Coulomb} prior (the cosine-switched form TorchMD-Net has used since 2024; the
 * earlier erf(alpha r) form with an {@code alpha} argument is not supported, as in TorchMD-Net). It
 * needs one partial charge per atom, which TorchMD-Net takes from the input ({@code
 * extra_args["partial_charges"]}); here it is {@link org.tensornet4j.AtomicSystem#withPartialCharges}.
 * Over all pairs i != j of a molecule (no cutoff; its own neighbour list), with positions first
 * converted to nm, x = pos * distance_scale * 1e9 and r = |x_i - x_j|:
 * <pre>
 * phase = (max(lower, min(upper, r)) - lower) / (upper - lower)
 * E     = 1/2 * 2.30707e-28 J m / energy_scale / distance_scale * sum (1 - cos(pi phase)) / 2 * q_i q_j / r
 * </pre>
 * Quirks kept from TorchMD-Net: the switching distances are compared with r in nm; r is in nm where
 * the unit factor assumes the dataset's length unit; the box (the input's, else the
 * {@code box_vecs} argument) is applied unscaled to the nm positions; the switching distances are
 * float32 numbers.
 */
public final class Coulomb extends PairPrior {
    /** e^2 / (4 pi epsilon_0) in J m, as TorchMD-Net writes it for this prior. */
    private static final double COULOMB_J_M = 2.30707e-28;

    /**
     * @param boxVecs the default box ({@code box_vecs}, rows a, b, c), or null
     */
    public record Settings(double lowerSwitchDistance, double upperSwitchDistance, int maxNumNeighbors, double distanceScale,
                           double energyScale, double[][] boxVecs) implements PriorSettings {
        static Settings parse(PriorArgs a) {
            if (a.has("alpha")) {
                throw new IllegalArgumentException(a.describe() + " has argument 'alpha': that is the erf-scaled Coulomb prior of"
                        + " TorchMD-Net before 2024, which current TorchMD-Net no longer loads; retrain or convert the model with"
                        + " lower_switch_distance and upper_switch_distance");
            }
            // TorchMD-Net's get_init_args writes the box as initial_box; the constructor calls it box_vecs.
            a.acceptOnly("lower_switch_distance", "upper_switch_distance", "max_num_neighbors", "distance_scale", "energy_scale",
                    "box_vecs", "initial_box");
            double lower = a.real("lower_switch_distance", "");
            double upper = a.real("upper_switch_distance", "");
            if (!(upper > lower)) {
                throw new IllegalArgumentException(a.describe() + ": upper_switch_distance (" + upper
                        + ") must be larger than lower_switch_distance (" + lower + ")");
            }
            double[][] box = a.has("box_vecs") ? a.matrix3("box_vecs") : a.matrix3("initial_box");
            if (box != null) PeriodicBox.validate(box, 0);
            return new Settings(lower, upper, a.positiveInteger("max_num_neighbors"), a.real("distance_scale", PriorArgs.FROM_DATASET),
                    a.real("energy_scale", PriorArgs.FROM_DATASET), box);
        }

        @Override
        public String name() { return "Coulomb"; }

        @Override
        public Prior build(ParameterStore p, String prefix) {
            return new Coulomb(this, p, prefix);
        }
    }

    private final Settings settings;
    private final PriorNeighbors neighbors;

    Coulomb(Settings settings, ParameterStore p, String prefix) {
        this.settings = settings;
        p.ignore(prefix + ".distance.box");
        this.neighbors = new PriorNeighbors("prior Coulomb (" + prefix + ")", Double.POSITIVE_INFINITY, settings.maxNumNeighbors());
    }

    @Override
    public String name() { return "Coulomb"; }

    /** All pairs of a molecule. */
    @Override
    public double range() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean hasOwnBox() {
        return settings.boxVecs() != null;
    }

    /** The switched q_i q_j / r of every pair, both directions, or null when there are no pairs. */
    @Override
    protected PriorNeighbors.PairValues pairEnergies(PriorInputs in) {
        if (in.partialCharges() == null) throw missingCharges();
        Tensor x = in.pos().mul(scalar(1e9 * settings.distanceScale()));
        Tensor box = in.box() != null ? in.box() : defaultBox(x);
        PriorNeighbors.Pairs pairs = neighbors.find(x, in.batch(), box);
        if (pairs.size() == 0) return null;
        Tensor r = pairs.distances();
        Tensor q = pairs.ofAtoms(in.partialCharges().to(r.device(), r.scalar_type()));
        // torch.tensor(python float) is float32: the switching distances and their difference are float32 numbers.
        double lower = (float) settings.lowerSwitchDistance();
        double upper = (float) settings.upperSwitchDistance();
        double width = (float) ((float) upper - (float) lower);
        Tensor phase = r.clamp_max(scalar(upper)).clamp_min(scalar(lower)).sub(scalar(lower)).div(scalar(width));
        Tensor switching = torch.cos(phase.mul(scalar(Math.PI))).mul(scalar(0.5)).neg().add(scalar(0.5));
        return new PriorNeighbors.PairValues(pairs, switching.mul(q.select(0, 0)).mul(q.select(0, 1)).div(r));
    }

    /** A sum of pair values in the model's energy unit (the 1/2 undoes counting each pair twice). */
    @Override
    protected Tensor inUnits(Tensor sum) {
        double unit = 0.5 * (COULOMB_J_M / settings.energyScale() / settings.distanceScale());
        return sum.mul(scalar(unit));
    }

    private Tensor defaultBox(Tensor like) {
        return settings.boxVecs() == null ? null : Ops.matrix3(settings.boxVecs(), like);
    }

    @Override
    public void validate(long[] atomTypes, double[][] box, double[] partialCharges) {
        if (partialCharges == null) throw missingCharges();
        if (box != null) PeriodicBox.validate(box, 0);
    }

    private static IllegalArgumentException missingCharges() {
        return new IllegalArgumentException("this model has TorchMD-Net's Coulomb prior, which needs one partial charge per atom:"
                + " give them with AtomicSystem.withPartialCharges(...)");
    }
}
