package org.tensornet4j;

import org.bytedeco.pytorch.Tensor;

/**
 * One call of an engine that may change its atoms between calls and asks for more than forces (the
 * C ABI's second generation, ASE, LAMMPS, i-PI): {@link Potential#computeInto(EngineCall)}. The
 * tensors may wrap the engine's own memory (zero-copy): read and write them during the call only.
 *
 * @param atomicNumbers one per atom
 * @param positions     float64 [N, 3] in Å
 * @param box           float64 [3, 3] rows a, b, c in Å, or null when not periodic
 * @param charge        total charge of the system, or null for neutral
 * @param forces        float64 [N, 3] overwritten with -dE/dpos
 * @param virial        float64 [3, 3] overwritten with the virial ({@link OptionalOutput#VIRIAL}), or null
 * @param atomEnergies  float64 [N] overwritten with each atom's energy ({@link OptionalOutput#ATOM_ENERGIES}), or null
 */
public record EngineCall(long[] atomicNumbers, Tensor positions, Tensor box, Double charge, Tensor forces,
                         Tensor virial, Tensor atomEnergies) {
    /** The optional outputs this call asks for. */
    public java.util.Set<OptionalOutput> wanted() {
        java.util.EnumSet<OptionalOutput> wanted = java.util.EnumSet.noneOf(OptionalOutput.class);
        if (virial != null) wanted.add(OptionalOutput.VIRIAL);
        if (atomEnergies != null) wanted.add(OptionalOutput.ATOM_ENERGIES);
        return wanted;
    }
}
