package org.tensornet4j.priors;

import static org.tensornet4j.torch.Ops.integer;
import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;

/**
 * TorchMD-Net's {@code D2} prior: Grimme's DFT-D2 dispersion correction (J. Comput. Chem. 27, 1787
 * (2006)), added to each molecule's energy. Over the pairs i != j within {@code cutoff_distance} (its
 * own neighbour list, <b>never periodic</b>: TorchMD-Net does not pass the box to it), in nm and J/mol:
 * <pre>
 * R      = r * distance_scale * 1e9
 * C6_ij  = sqrt(C_6[Z_i] C_6[Z_j]),   R_r,ij = R_r[Z_i] + R_r[Z_j]
 * f_damp = 1 / (1 + exp(-20 (R / R_r,ij - 1)))
 * E      = -s6 / 2 * sum C6_ij / R^6 * f_damp / (energy_scale * N_A)      s6 = 1
 * </pre>
 * with Z = {@code Z_map[type]}. Buffers: {@code Z_map} (atom type -> atomic number), {@code C_6} and
 * {@code R_r} (per atomic number 0..54, J nm^6/mol and nm; entry 0 is NaN in TorchMD-Net's table).
 */
public final class D2 extends PairPrior {
    /** Rows of TorchMD-Net's C_6 / R_r table: atomic numbers 0..54. */
    public static final int TABLE_SIZE = 55;
    private static final double AVOGADRO = 6.02214076e23;
    private static final long DAMPING = 20;
    private static final long S6 = 1;

    /**
     * @param types number of entries of {@code Z_map} (the {@code atomic_number} argument)
     * @param distanceScale metres per length unit of the positions
     * @param energyScale   joules per energy unit of the model
     */
    public record Settings(double cutoffDistance, int maxNumNeighbors, int types, double distanceScale, double energyScale)
            implements PriorSettings {
        static Settings parse(PriorArgs a) {
            // dtype only sets the precision of the initial table, which the checkpoint replaces.
            a.acceptOnly("cutoff_distance", "max_num_neighbors", "atomic_number", "distance_scale", "energy_scale", "dtype");
            PriorArgs.PairArgs p = a.pairArgs();
            return new Settings(p.cutoffDistance(), p.maxNumNeighbors(), p.types(), p.distanceScale(), p.energyScale());
        }

        @Override
        public String name() { return "D2"; }

        @Override
        public Prior build(ParameterStore p, String prefix) {
            return new D2(this, p, prefix);
        }
    }

    private final Settings settings;
    private final Tensor zMap;
    private final long[] mappedNumbers;
    private final Tensor c6;
    private final Tensor rr;
    private final PriorNeighbors neighbors;

    D2(Settings settings, ParameterStore p, String prefix) {
        this.settings = settings;
        this.zMap = Ops.toDtype(p.get(prefix + ".Z_map", settings.types()), ScalarType.Long);
        this.mappedNumbers = Ops.toLongs(zMap);
        this.c6 = p.get(prefix + ".C_6", TABLE_SIZE);
        this.rr = p.get(prefix + ".R_r", TABLE_SIZE);
        p.ignore(prefix + ".distances.box");
        this.neighbors = new PriorNeighbors("prior D2 (" + prefix + ")", settings.cutoffDistance(), settings.maxNumNeighbors());
    }

    @Override
    public String name() { return "D2"; }

    @Override
    public double range() {
        return settings.cutoffDistance();
    }

    /** C6_ij / R^6 f_damp of every pair (nm, J/mol), both directions, or null when there are no pairs. */
    @Override
    protected PriorNeighbors.PairValues pairEnergies(PriorInputs in) {
        // Internal units nm and J/mol (float32 would overflow in m and J).
        double toNanometres = settings.distanceScale() * 1e9;
        PriorNeighbors.Pairs pairs = neighbors.find(in.pos(), in.batch(), null);
        if (pairs.size() == 0) return null;
        Tensor r = pairs.distances().mul(scalar(toNanometres));
        Tensor z = PriorNeighbors.Pairs.lookup(zMap, pairs.ofAtoms(in.z()));
        Tensor c6ij = PriorNeighbors.Pairs.lookup(c6, z).prod(0).sqrt();
        Tensor rrij = PriorNeighbors.Pairs.lookup(rr, z).sum(0);
        Tensor damping = torch.exp(r.div(rrij).sub(integer(1)).mul(integer(-DAMPING))).add(integer(1)).reciprocal();
        return new PriorNeighbors.PairValues(pairs, c6ij.div(torch.pow(r, integer(6))).mul(damping));
    }

    /** A sum of pair values in the model's energy unit: -s6 / 2 (each pair counted twice), J/mol to the model's unit. */
    @Override
    protected Tensor inUnits(Tensor sum) {
        double toJoulePerMole = settings.energyScale() * AVOGADRO;
        return sum.mul(integer(-S6)).div(integer(2)).div(scalar(toJoulePerMole));
    }

    @Override
    public void validate(long[] atomTypes, double[][] box, double[] partialCharges) {
        for (int i = 0; i < atomTypes.length; i++) {
            long t = atomTypes[i];
            if (t < 0 || t >= settings.types()) {
                throw new IllegalArgumentException("atom type " + t + " of atom " + i + " is not in the D2 prior's Z_map ("
                        + settings.types() + " types)");
            }
            long number = mappedNumbers[(int) t];
            if (number < 0 || number >= TABLE_SIZE) {
                throw new IllegalArgumentException("atom " + i + " (type " + t + ") has atomic number " + number
                        + ", which the D2 prior has no parameters for (it covers 1.." + (TABLE_SIZE - 1) + ")");
            }
        }
    }
}
