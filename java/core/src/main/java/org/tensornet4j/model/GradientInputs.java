package org.tensornet4j.model;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.torch.Ops;

/**
 * What an evaluation differentiates the energy by: the positions, and, when the virial is asked
 * for, the box the model uses as well.
 *
 * <p>Why the box: a homogeneous strain ε maps every position r to r (I + ε) and every box row h to
 * h (I + ε), so dE/dε = rᵀ ∂E/∂r + hᵀ ∂E/∂h, and the virial is W = -dE/dε. Every pair vector the
 * model reads is r_i - r_j - n h with whole multiples n of the box rows (the minimum image), so this
 * is the pair virial -Σ r_ij ⊗ ∂E/∂r_ij, periodic images included; the box's share is what the
 * positions' alone would miss (the atoms' images move with the box). The box then enters the
 * network as an autograd leaf: the neighbour lists' minimum image carries its gradient.
 *
 * <p>Which box: the input's, which the network and the priors then share (one leaf); without one,
 * the model's own {@code box_vecs}, which only the network uses (TorchMD-Net's priors never see
 * it); else none, and the virial is -Σ r_i ⊗ ∂E/∂r_i, which a translation-invariant energy makes
 * the same as the pair virial. Without the virial nothing changes: the box is a constant.
 */
final class GradientInputs {
    private final ModelInputs inputs;
    private final Tensor networkBox;
    private final Tensor[] leaves;

    private GradientInputs(ModelInputs inputs, Tensor networkBox, Tensor[] leaves) {
        this.inputs = inputs;
        this.networkBox = networkBox;
        this.leaves = leaves;
    }

    /**
     * @param in         the input; {@code in.pos()} requires grad
     * @param networkBox the box the network uses (the input's, else box_vecs), or null
     * @param virial     whether the box's gradient is wanted too
     */
    static GradientInputs of(ModelInputs in, Tensor networkBox, boolean virial) {
        if (!virial || networkBox == null) return new GradientInputs(in, networkBox, new Tensor[] {in.pos()});
        Tensor box = Autograd.leaf(networkBox);
        ModelInputs withBox = in.box() == null ? in
                : new ModelInputs(in.z(), in.pos(), in.batch(), in.molecules(), box, in.charge(), in.partialCharges());
        return new GradientInputs(withBox, box, new Tensor[] {in.pos(), box});
    }

    /** The input, with the box leaf in place of the input's box when there is one. */
    ModelInputs inputs() { return inputs; }

    /** The box the network uses (the leaf when the virial is wanted), or null. */
    Tensor networkBox() { return networkBox; }

    /**
     * The gradients of {@code outputs} (with {@code gradOutputs}, null for a scalar) with respect to
     * the positions and, with the virial, the box: zeros for one the outputs do not depend on (D2
     * never sees the box).
     */
    Tensor[] grad(Tensor[] outputs, Tensor[] gradOutputs) {
        TensorVector result = torch.grad(new TensorVector(outputs), new TensorVector(leaves),
                gradOutputs == null ? new TensorVector() : new TensorVector(gradOutputs), new BoolOptional(false), false, true);
        Tensor[] out = new Tensor[leaves.length];
        for (int k = 0; k < out.length; k++) {
            Tensor g = new Tensor(result.get(k));
            out[k] = g.defined() ? g : torch.zeros_like(leaves[k]);
        }
        return out;
    }

    /** The gradient of a scalar. */
    Tensor[] grad(Tensor scalar) {
        return grad(new Tensor[] {scalar}, null);
    }

    /** Element-wise sums of two results of {@link #grad}. */
    static Tensor[] add(Tensor[] a, Tensor[] b) {
        Tensor[] sum = new Tensor[a.length];
        for (int k = 0; k < a.length; k++) sum[k] = a[k].add(b[k]);
        return sum;
    }

    /** W = -(rᵀ ∂E/∂r + hᵀ ∂E/∂h), float64 [3, 3], from the gradients of the whole energy. */
    Tensor virial(Tensor[] gradients) {
        Tensor w = product(leaves[0], gradients[0]);
        if (leaves.length > 1) w = w.add(product(leaves[1], gradients[1]));
        return w.neg();
    }

    /** xᵀ g in float64. */
    private static Tensor product(Tensor x, Tensor g) {
        return Ops.toDtype(x.detach(), ScalarType.Double).t().mm(Ops.toDtype(g, ScalarType.Double));
    }
}
