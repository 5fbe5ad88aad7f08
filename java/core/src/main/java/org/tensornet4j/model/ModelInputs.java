package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.priors.PriorInputs;

/**
 * The input of one evaluation of a {@link TorchMDNet}: what TorchMD-Net's {@code forward} takes
 * ({@code z, pos, batch, box, q, extra_args}), plus the molecule count that Java cannot read off
 * {@code batch} without a device round trip.
 *
 * @param z              int64 [N] atom types
 * @param pos            [N, 3] positions (model dtype), Å; differentiable for forces
 * @param batch          int64 [N] molecule of each atom, or null for a single molecule
 * @param molecules      number of molecules M
 * @param box            [3, 3] given with the input, or null: then the network uses the model's
 *                       {@code box_vecs} (if any) and the priors get no box, as in TorchMD-Net
 * @param charge         total charge per atom [N] (the molecule's, broadcast), or null for neutral
 * @param partialCharges per-atom partial charges for the Coulomb prior, or null
 */
public record ModelInputs(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge,
                          Tensor partialCharges) {

    /** One neutral molecule without a box or partial charges. */
    public static ModelInputs of(Tensor z, Tensor pos) {
        return new ModelInputs(z, pos, null, 1, null, null, null);
    }

    /** What the priors see of this input. */
    public PriorInputs priorInputs() {
        return new PriorInputs(z, pos, batch, molecules, box, partialCharges);
    }

    /**
     * The molecule of each atom, int64 [N]: {@code batch}, or all zeros for a single molecule
     * (TorchMD-Net scatters with an all-zero batch then).
     */
    Tensor molecule() {
        return batch != null ? batch : z.new_zeros(z.size(0));
    }
}
