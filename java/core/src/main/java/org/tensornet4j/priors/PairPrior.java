package org.tensornet4j.priors;

import org.bytedeco.pytorch.Tensor;

/**
 * A molecule-wise prior that is a sum of pair energies (ZBL, D2, Coulomb): the molecule's term is the
 * sum of its pairs' energies, and each atom's share is half of every pair it is in. The subclasses say
 * what a pair's energy is and in which unit it comes out.
 */
abstract class PairPrior implements Prior {

    /** The energy of every pair within reach, both directions, or null when there is none. */
    protected abstract PriorNeighbors.PairValues pairEnergies(PriorInputs in);

    /** A sum of pair energies converted to the model's energy unit (and dtype). */
    protected abstract Tensor inUnits(Tensor sum);

    @Override
    public final boolean isMoleculeWise() {
        return true;
    }

    @Override
    public final Tensor postReduce(Tensor y, PriorInputs in) {
        PriorNeighbors.PairValues p = pairEnergies(in);
        return p == null ? y : y.add(inUnits(p.pairs().sumPerMolecule(p.values(), in)));
    }

    @Override
    public final Tensor atomShares(PriorInputs in) {
        PriorNeighbors.PairValues p = pairEnergies(in);
        return p == null ? null : inUnits(p.pairs().sumPerAtom(p.values(), in));
    }
}
