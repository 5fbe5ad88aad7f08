package org.tensornet4j.priors;

import org.bytedeco.pytorch.Tensor;

/**
 * A TorchMD-Net prior ({@code torchmdnet.priors.BasePrior}): a physical term added to the network's
 * output. {@link #preReduce} acts on the per-atom outputs (after the scaling by {@code std}, before the
 * reduction over each molecule); {@link #postReduce} on the per-molecule energies (after the shift by
 * {@code mean}). Either part may be the identity.
 */
public interface Prior {
    /** TorchMD-Net's class name of this prior (Atomref, ZBL, D2, Coulomb, ...). */
    String name();

    /**
     * @param x  per-atom outputs [N, 1] in the model dtype
     * @return the updated per-atom outputs [N, 1]
     */
    default Tensor preReduce(Tensor x, PriorInputs in) {
        return x;
    }

    /** Whether {@link #postReduce} adds a term (the engine adds such terms' gradient separately). */
    default boolean isMoleculeWise() {
        return false;
    }

    /**
     * @param y  per-molecule energies [M, 1] in the model dtype
     * @return the updated per-molecule energies [M, 1]
     */
    default Tensor postReduce(Tensor y, PriorInputs in) {
        return y;
    }

    /**
     * Checks, before anything is computed, that this prior can evaluate the input: the atom types fit
     * its tables, a box suits its cutoff, the extra inputs it needs are present. Throws
     * {@link IllegalArgumentException} naming the problem.
     *
     * @param atomTypes      the atom types (TorchMD-Net's {@code z})
     * @param box            the box given with the input (rows a, b, c), or null
     * @param partialCharges one per atom, or null
     */
    default void validate(long[] atomTypes, double[][] box, double[] partialCharges) {
    }
}
