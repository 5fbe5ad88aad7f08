package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;

/**
 * @param energy       [M] energy per molecule (no autograd history)
 * @param gradient     [N, 3] d(sum of energies)/d(positions)
 * @param charges      [N, C] the charge channels a TensorNet2 predicts (no autograd history), or null
 * @param virial       float64 [3, 3], W = -dE/dε for a homogeneous strain ε of the positions and of the
 *                     box the model uses ({@link GradientInputs}), or null when not asked for
 * @param atomEnergies float64 [N], each atom's share of its molecule's energy, adding up to it, or null
 *                     when not asked for
 */
public record EnergyAndGradient(Tensor energy, Tensor gradient, Tensor charges, Tensor virial, Tensor atomEnergies) {
    public EnergyAndGradient(Tensor energy, Tensor gradient, Tensor charges) {
        this(energy, gradient, charges, null, null);
    }

    public EnergyAndGradient(Tensor energy, Tensor gradient) {
        this(energy, gradient, null);
    }
}
