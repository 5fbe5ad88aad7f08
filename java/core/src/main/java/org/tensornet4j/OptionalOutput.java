package org.tensornet4j;

/**
 * What a caller may ask a {@link Potential} for beyond energies and forces
 * ({@link Potential#compute(AtomicSystem, java.util.Set)}): each costs extra work, so only those asked
 * for are computed.
 */
public enum OptionalOutput {
    /**
     * The virial W = -Σ r_ij ⊗ ∂E/∂r_ij over all pairs (periodic images included), 3x3 in the model's
     * energy unit: minus the derivative of the energy with respect to a homogeneous strain of the
     * positions and the box ({@link PotentialOutput#virial()}; stress = -W / volume).
     */
    VIRIAL,
    /** Each atom's share of its molecule's energy, adding up to it ({@link PotentialOutput#ATOM_ENERGIES}). */
    ATOM_ENERGIES
}
