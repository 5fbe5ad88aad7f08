package org.tensornet4j;

/**
 * A machine-learned (or any) potential: energies per molecule and forces for a set of atoms.
 *
 * <p>Units: positions in Ångström, energies in the model's own unit, forces in energy unit per Å.
 * This is the interface any Java-defined model implements; engine adapters (the OpenMM plugin, the
 * C ABI) call nothing else. Implementations must be safe to call repeatedly from one thread at a
 * time and must release native memory in {@link #close()}.
 */
public interface Potential extends AutoCloseable {

    /** Energy per molecule and forces = -dE/dpos for the given atoms. */
    PotentialOutput compute(AtomicSystem system);

    /** The device the potential computes on. */
    Device device();

    /** Interaction range in Å (atoms farther apart than this do not interact). */
    double cutoff();

    /** Releases native resources; the potential must not be used afterwards. */
    @Override
    void close();
}
