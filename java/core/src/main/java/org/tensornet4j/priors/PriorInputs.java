package org.tensornet4j.priors;

import org.bytedeco.pytorch.Tensor;

/**
 * What TorchMD-Net hands its priors besides the outputs.
 *
 * @param z              int64 [N] atom types
 * @param pos            [N, 3] positions (model dtype, differentiable), Å
 * @param batch          int64 [N] molecule of each atom, or null for a single molecule
 * @param molecules      number of molecules M
 * @param box            the box given with the input ([3, 3], rows a, b, c), or null. This is the
 *                       {@code box} argument of TorchMD-Net's forward: a model's default
 *                       {@code box_vecs} is not part of it
 * @param partialCharges [N] per-atom partial charges (TorchMD-Net's {@code extra_args["partial_charges"]}), or null
 */
public record PriorInputs(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor partialCharges) {
}
