package org.tensornet4j;

import org.bytedeco.pytorch.Tensor;
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
        double[] flat = Ops.toDoubles(positions);
        double[][] pos = new double[z.length][];
        for (int i = 0; i < z.length; i++) pos[i] = new double[] {flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]};
        AtomicSystem system = AtomicSystem.of(z, pos);
        if (box != null) {
            double[] b = Ops.toDoubles(box);
            system = system.withBox(new double[][] {{b[0], b[1], b[2]}, {b[3], b[4], b[5]}, {b[6], b[7], b[8]}});
        }
        if (charge != null) system = system.withCharges(charge);
        PotentialOutput out = compute(system);
        PotentialOutput.requireShape(out, 1, z.length, getClass());
        double[] f = new double[3 * z.length];
        for (int i = 0; i < z.length; i++) System.arraycopy(out.forces()[i], 0, f, 3 * i, 3);
        forces.copy_(Tensor.create(f, z.length, 3));
        return out.totalEnergy();
    }

    /** The device the potential computes on. */
    Device device();

    /** Interaction range in Å (atoms farther apart than this do not interact). */
    double cutoff();

    /** Releases native resources; the potential must not be used afterwards. */
    @Override
    void close();
}
