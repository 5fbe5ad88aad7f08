package org.tensornet4j.model;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.priors.Prior;
import org.tensornet4j.priors.PriorInputs;
import org.tensornet4j.torch.NoGrad;
import org.tensornet4j.torch.Ops;

/**
 * Each atom's share of its molecule's energy, the shares adding up to it: the atom's term before the
 * reduction (output head, its half of each of TensorNet2's Coulomb pairs, scaled by std, the
 * atom-wise priors), divided by the molecule's atom count for reduce_op mean as TorchMD-Net's
 * reduction divides the sum; an equal share of the {@code mean} shift; and half of each pair term of
 * the molecule-wise priors ({@link Prior#atomShares}).
 */
final class AtomEnergies {
    private final ModelConfig config;
    private final Tensor mean;
    private final List<Prior> priors;

    AtomEnergies(ModelConfig config, Tensor mean, List<Prior> priors) {
        this.config = config;
        this.mean = mean;
        this.priors = priors;
    }

    /**
     * @param atoms the per-atom terms before the reduction, [N, 1] ({@link TorchMDNet.Energies#atoms()})
     * @return float64 [N]
     */
    Tensor of(Tensor atoms, ModelInputs in) {
        try (NoGrad off = NoGrad.enter()) {
            Tensor molecule = in.molecule();
            Tensor counts = torch.bincount(molecule, new org.bytedeco.pytorch.TensorOptional(), in.molecules());
            Tensor perAtomCount = Ops.indexSelect(counts, molecule).to(atoms.device(), ScalarType.Double);
            Tensor e = Ops.toDtype(atoms, ScalarType.Double).reshape(-1);
            if (config.reduceOp().equals("mean")) e = e.div(perAtomCount);
            e = e.add(Ops.toDtype(mean, ScalarType.Double).reshape(-1).div(perAtomCount));
            PriorInputs priorInputs = in.priorInputs();
            for (Prior prior : priors) {
                Tensor shares = prior.atomShares(priorInputs);
                if (shares != null) e = e.add(shares);
            }
            return e;
        }
    }
}
