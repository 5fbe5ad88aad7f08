package org.tensornet4j.model;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.nn.LayerNorm;
import org.tensornet4j.nn.Mlp;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.TensorScope;

/**
 * TensorNet2's charge block ({@code representation_model.charge_predict_0} and
 * {@code charge_predicts.<l>}): from the invariants of X (the isotropic value itself, and the
 * squared norms of A and S) an MLP predicts q_dim raw charges and q_dim weights f per atom; the
 * charges are then equilibrated channel by channel so that each molecule's charges add up to its
 * total charge Q: q += f^2 / (sum over the molecule of f^2 + 1e-6) (Q - sum over the molecule of q)
 * (AIMNet2's neutral charge equilibration).
 */
final class ChargePredict {
    private static final double EPSILON = 1.0e-6;
    private final int qDim;
    private final LayerNorm qNorm;
    private final Mlp qMlp;

    ChargePredict(ParameterStore p, String prefix, ModelConfig c) {
        int f = c.hiddenChannels();
        this.qDim = c.tensorNet2().qDim();
        this.qNorm = new LayerNorm(p, prefix + ".q_norm", 3L * f);
        this.qMlp = new Mlp(p, prefix + ".q_mlp", 3L * f, f, 2L * qDim, 1, c.activation());
    }

    /**
     * Equilibrated charges [rows of x, q_dim], with autograd.
     *
     * @param x           [N(+1), F, 3, 3]; with a ghost atom (static shapes) its row is left out of the
     *                    equilibration and gets zero charges, as in TorchMD-Net
     * @param molecule    int64 [N] molecule of each atom
     * @param molecules   number of molecules M
     * @param totalCharge [N] the total charge of each atom's molecule, in the model dtype
     */
    Tensor forward(Tensor x, Tensor molecule, long molecules, Tensor totalCharge) {
        try (TensorScope scope = TensorScope.open()) {
            IrreducibleTensors.Compact parts = IrreducibleTensors.decomposeCompact(x);
            Tensor[] norms = parts.squaredNorms();
            return scope.keep(fromFeatures(Ops.cat(-1, parts.iso(), norms[1], norms[2]), molecule, molecules, totalCharge));
        }
    }

    /**
     * {@link #forward} from the features the MLP reads, [rows of x, 3 F]: the isotropic value, |A|^2 and
     * |S|^2 of each channel of X ({@link AtomParts#chargeFeatures} computes them in one pass).
     */
    Tensor fromFeatures(Tensor features, Tensor molecule, long molecules, Tensor totalCharge) {
        try (TensorScope scope = TensorScope.open()) {
            long atoms = molecule.size(0);
            Tensor out = qMlp.apply(qNorm.apply(features));
            boolean ghost = out.size(0) > atoms;
            if (ghost) out = out.narrow(0, 0, atoms);
            Tensor charges = out.narrow(1, 0, qDim);
            Tensor weights = out.narrow(1, qDim, qDim).square();
            Tensor weightSums = perMolecule(weights, molecule, molecules).add(scalar(EPSILON));
            Tensor chargeSums = perMolecule(charges, molecule, molecules);
            Tensor missing = totalCharge.unsqueeze(-1).sub(Ops.indexSelect(chargeSums, molecule));
            Tensor equilibrated = charges.add(weights.div(Ops.indexSelect(weightSums, molecule)).mul(missing));
            if (ghost) equilibrated = Ops.cat(0, equilibrated, equilibrated.new_zeros(1, qDim));
            return scope.keep(equilibrated);
        }
    }

    /** Sums over each molecule [M, C]; one molecule is summed directly, as TorchMD-Net does. */
    private static Tensor perMolecule(Tensor x, Tensor molecule, long molecules) {
        if (molecules == 1) return x.sum(new long[] {0}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
        return Ops.scatterAdd(x, molecule, molecules);
    }
}
