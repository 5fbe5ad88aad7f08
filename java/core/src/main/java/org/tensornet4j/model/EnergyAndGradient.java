package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;

/**
 * @param energy   [M] energy per molecule (no autograd history)
 * @param gradient [N, 3] d(sum of energies)/d(positions)
 * @param charges  [N, C] the charge channels a TensorNet2 predicts (no autograd history), or null
 */
public record EnergyAndGradient(Tensor energy, Tensor gradient, Tensor charges) {
    public EnergyAndGradient(Tensor energy, Tensor gradient) {
        this(energy, gradient, null);
    }
}
