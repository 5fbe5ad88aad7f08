package org.tensornet4j;

import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.PeriodicBox;
import org.tensornet4j.torch.Ops;

/**
 * A machine-learned (or any) potential: energies per molecule and forces for a set of atoms.
 *
 * <p>Units: positions in Ångström, energies in the model's own unit, forces in energy unit per Å.
 * This is the interface any Java-defined model implements; engine adapters (the OpenMM plugin, the
 * C ABI) reach it through the bridge. Implementations must be safe to call repeatedly from one
 * thread at a time and must release native memory in {@link #close()}.
 */
public interface Potential extends AutoCloseable {

    /** Energy per molecule and forces = -dE/dpos for the given atoms. */
    PotentialOutput compute(AtomicSystem system);

    /**
     * As {@link #compute(AtomicSystem)}, plus the optional outputs asked for (virial, per-atom
     * energies). The default computes none: a potential that can, overrides this.
     *
     * @throws UnsupportedOperationException naming the outputs this potential cannot compute
     */
    default PotentialOutput compute(AtomicSystem system, java.util.Set<OptionalOutput> wanted) {
        if (wanted.isEmpty()) return compute(system);
        throw new UnsupportedOperationException(getClass().getName() + " does not compute " + wanted
                + ": override Potential.compute(AtomicSystem, Set<OptionalOutput>) to provide them, or do not ask for them");
    }

    /**
     * The engine's per-step entry point (one molecule). {@code positions} may wrap the engine's own
     * memory (zero-copy): read it during the call only. The default goes through
     * {@link #compute(AtomicSystem)} with copies; tensor-based potentials override it.
     *
     * @param z         atomic numbers, fixed for the engine context
     * @param positions float64 [N, 3] in Å
     * @param box       float64 [3, 3] rows a, b, c in Å, or null
     * @param charge    total charge of the molecule, or null for neutral
     * @param forces    float64 [N, 3] overwritten with -dE/dpos
     * @return the energy
     */
    default double computeInto(long[] z, Tensor positions, Tensor box, Double charge, Tensor forces) {
        return computeWithCopies(new EngineCall(z, positions, box, charge, forces, null, null));
    }

    /**
     * The engine entry point for engines whose atoms may change between calls and that may ask for the
     * virial and per-atom energies. The default goes through {@link #compute(AtomicSystem, java.util.Set)}
     * with copies (through the five-argument form when only forces are asked for, so that a potential
     * overriding that one is used); tensor-based potentials override it.
     *
     * @return the energy
     */
    default double computeInto(EngineCall call) {
        if (call.wanted().isEmpty()) {
            return computeInto(call.atomicNumbers(), call.positions(), call.box(), call.charge(), call.forces());
        }
        return computeWithCopies(call);
    }

    /** Both defaults above: the call's tensors to an {@link AtomicSystem}, {@link #compute}, the results back. */
    private double computeWithCopies(EngineCall call) {
        long[] z = call.atomicNumbers();
        double[] flat = Ops.toDoubles(call.positions());
        double[][] pos = new double[z.length][];
        for (int i = 0; i < z.length; i++) pos[i] = new double[] {flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]};
        AtomicSystem system = AtomicSystem.of(z, pos);
        if (call.box() != null) system = system.withBox(PeriodicBox.fromFlat(Ops.toDoubles(call.box())));
        if (call.charge() != null) system = system.withCharges(call.charge());
        PotentialOutput out = compute(system, call.wanted());
        PotentialOutput.requireShape(out, 1, z.length, getClass());
        double[] f = new double[3 * z.length];
        for (int i = 0; i < z.length; i++) System.arraycopy(out.forces()[i], 0, f, 3 * i, 3);
        call.forces().copy_(Tensor.create(f, z.length, 3));
        if (call.virial() != null) {
            double[][] w = out.virial();
            if (w == null) throw new IllegalStateException(getClass().getName() + ".compute returned no virial although asked for one");
            call.virial().copy_(Tensor.create(new double[] {w[0][0], w[0][1], w[0][2], w[1][0], w[1][1], w[1][2],
                    w[2][0], w[2][1], w[2][2]}, 3, 3));
        }
        if (call.atomEnergies() != null) {
            double[] e = out.atomEnergies();
            if (e == null) throw new IllegalStateException(getClass().getName() + ".compute returned no atom energies although asked for them");
            call.atomEnergies().copy_(Tensor.create(e));
        }
        return out.totalEnergy();
    }

    /**
     * How far an atom's position reaches into the energy in Å: for a message-passing model (layers + 1)
     * x cutoff, the depth of ghost atoms a domain decomposition would need. The default is {@link #cutoff()}.
     */
    default double receptiveField() {
        return cutoff();
    }

    /** The unit of the energies (e.g. "eV", "kJ/mol"), or null when the model does not say. */
    default String energyUnit() {
        return null;
    }

    /** The device the potential computes on. */
    Device device();

    /** Interaction range in Å (atoms farther apart than this do not interact). */
    double cutoff();

    /** Releases native resources; the potential must not be used afterwards. */
    @Override
    void close();
}
