package org.tensornet4j.priors;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.PeriodicBox;
import org.tensornet4j.nn.CosineCutoff;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;

/**
 * TorchMD-Net's {@code ZBL} prior: Ziegler-Biersack-Littmark screened nuclear repulsion, added to each
 * molecule's energy. Over the pairs i != j within {@code cutoff_distance} (its own neighbour list,
 * periodic when the input has a box):
 * <pre>
 * a   = 0.8854 a_0 / (Z_i^0.23 + Z_j^0.23)          a_0 = 5.29177210903e-11 m
 * d   = r * distance_scale / a
 * f   = (0.1818 e^(-3.2 d) + 0.5099 e^(-0.9423 d) + 0.2802 e^(-0.4029 d) + 0.02817 e^(-0.2016 d)) * c(r)
 * E   = 1/2 * 2.30707755e-28 J m / energy_scale / distance_scale * sum f Z_i Z_j / r
 * </pre>
 * with c(r) = (cos(pi r / cutoff) + 1) / 2 below the cutoff, 0 beyond, and Z = {@code atomic_number[type]}
 * (a buffer: atom type -> atomic number). The 1/2 undoes counting each pair in both directions. As in
 * TorchMD-Net, Z^0.23 and a are computed in float32 whatever the model precision.
 */
public final class ZBL extends PairPrior {
    private static final double BOHR_RADIUS_M = 5.29177210903e-11;
    /** e^2 / (4 pi epsilon_0) in J m. */
    private static final double COULOMB_J_M = 2.30707755e-28;

    /**
     * @param types number of entries of {@code atomic_number} (atom types the prior knows)
     * @param distanceScale metres per length unit of the positions
     * @param energyScale   joules per energy unit of the model
     */
    public record Settings(double cutoffDistance, int maxNumNeighbors, int types, double distanceScale, double energyScale)
            implements PriorSettings {
        static Settings parse(PriorArgs a) {
            a.acceptOnly("cutoff_distance", "max_num_neighbors", "atomic_number", "distance_scale", "energy_scale");
            PriorArgs.PairArgs p = a.pairArgs();
            return new Settings(p.cutoffDistance(), p.maxNumNeighbors(), p.types(), p.distanceScale(), p.energyScale());
        }

        @Override
        public String name() { return "ZBL"; }

        @Override
        public Prior build(ParameterStore p, String prefix) {
            return new ZBL(this, p, prefix);
        }
    }

    private final Settings settings;
    private final Tensor atomicNumber;
    private final PriorNeighbors neighbors;
    private final CosineCutoff cutoff;

    ZBL(Settings settings, ParameterStore p, String prefix) {
        this.settings = settings;
        // Older TorchMD-Net versions stored int8; the values are atomic numbers either way.
        this.atomicNumber = Ops.toDtype(p.get(prefix + ".atomic_number", settings.types()), ScalarType.Long);
        // OptimizedDistance's box buffer: the prior gets its box with each input instead.
        p.ignore(prefix + ".distance.box");
        this.neighbors = new PriorNeighbors("prior ZBL (" + prefix + ")", settings.cutoffDistance(), settings.maxNumNeighbors());
        this.cutoff = new CosineCutoff(0, settings.cutoffDistance());
    }

    @Override
    public String name() { return "ZBL"; }

    @Override
    public double range() {
        return settings.cutoffDistance();
    }

    /** f Z_i Z_j / r of every pair, both directions, or null when there are no pairs. */
    @Override
    protected PriorNeighbors.PairValues pairEnergies(PriorInputs in) {
        PriorNeighbors.Pairs pairs = neighbors.find(in.pos(), in.batch(), in.box());
        if (pairs.size() == 0) return null;
        Tensor r = pairs.distances();
        Tensor z = PriorNeighbors.Pairs.lookup(atomicNumber, pairs.ofAtoms(in.z()));
        Tensor zi = z.select(0, 0);
        Tensor zj = z.select(0, 1);
        // int64 ** 0.23 is float32 in PyTorch (the default dtype), and so is a; Python's c / t is t.reciprocal() * c.
        Tensor screening = torch.pow(zi, scalar(0.23)).add(torch.pow(zj, scalar(0.23)));
        Tensor a = screening.reciprocal().mul(scalar(0.8854 * BOHR_RADIUS_M)).to(r.scalar_type());
        Tensor d = r.mul(scalar(settings.distanceScale())).div(a);
        Tensor f = torch.exp(d.mul(scalar(-3.2))).mul(scalar(0.1818))
                .add(torch.exp(d.mul(scalar(-0.9423))).mul(scalar(0.5099)))
                .add(torch.exp(d.mul(scalar(-0.4029))).mul(scalar(0.2802)))
                .add(torch.exp(d.mul(scalar(-0.2016))).mul(scalar(0.02817)));
        f = f.mul(cutoff.apply(r));
        return new PriorNeighbors.PairValues(pairs, f.mul(zi).mul(zj).div(r));
    }

    /** A sum of pair values in the model's energy unit (the 1/2 undoes counting each pair twice). */
    @Override
    protected Tensor inUnits(Tensor sum) {
        double unit = 0.5 * (COULOMB_J_M / settings.energyScale() / settings.distanceScale());
        return sum.mul(scalar(unit));
    }

    @Override
    public void validate(long[] atomTypes, double[][] box, double[] partialCharges) {
        for (int i = 0; i < atomTypes.length; i++) {
            if (atomTypes[i] < 0 || atomTypes[i] >= settings.types()) {
                throw new IllegalArgumentException("atom type " + atomTypes[i] + " of atom " + i + " is not in the ZBL prior's"
                        + " atomic_number table (" + settings.types() + " types)");
            }
        }
        if (box != null) PeriodicBox.validate(box, settings.cutoffDistance());
    }
}
