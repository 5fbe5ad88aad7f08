package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;

/**
 * @param energy   [M] energy per molecule (no autograd history)
 * @param gradient [N, 3] d(sum of energies)/d(positions)
 */
public record EnergyAndGradient(Tensor energy, Tensor gradient) {}
