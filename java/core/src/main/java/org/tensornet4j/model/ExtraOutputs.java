package org.tensornet4j.model;

/**
 * What one evaluation computes besides the energies and their gradient with respect to the
 * positions ({@link TorchMDNet#energyAndGradient(ModelInputs, ExtraOutputs)}): each costs extra
 * work, so only what is asked for is computed.
 *
 * @param virial       the virial of the whole input ({@link EnergyAndGradient#virial()})
 * @param atomEnergies each atom's share of its molecule's energy ({@link EnergyAndGradient#atomEnergies()})
 */
public record ExtraOutputs(boolean virial, boolean atomEnergies) {
    /** Energies and gradients only. */
    public static final ExtraOutputs NONE = new ExtraOutputs(false, false);
}
