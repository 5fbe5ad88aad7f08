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
     * Each atom's share [N] (float64, no autograd history needed) of the term {@link #postReduce}
     * adds: every pair's energy split half and half over its two atoms, so that the shares of a
     * molecule add up to its term; null when this prior adds nothing (no molecule-wise term, or no
     * pair within its reach).
     */
    default Tensor atomShares(PriorInputs in) {
        return null;
    }

    /** How far apart (Å) two atoms may be and still share a term of this prior: 0 for atom-wise priors. */
    default double range() {
        return 0;
    }

    /**
     * Whether, for an input without a box, this prior is periodic in a box of its own (the Coulomb
     * prior's {@code box_vecs}), which the network's box does not stand in for.
     */
    default boolean hasOwnBox() {
        return false;
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
