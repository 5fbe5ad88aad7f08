package org.tensornet4j.train;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.model.ModelInputs;
import org.tensornet4j.model.TorchMDNet;

/**
 * Energies [M] and forces [N, 3] = -dE/dpos of a batch. For training the gradient keeps its graph
 * ({@code create_graph}), so that a loss on the forces can be differentiated with respect to the
 * parameters; the model's plain autograd path is used (not the memory-saving chunked one, which
 * detaches). The model sums energies in float64 (docs/precision.md); the energy is handed on in the
 * model's precision, that of the labels, so that the loss and its gradient stay in one dtype.
 */
record Prediction(Tensor energy, Tensor forces) {

    static Prediction of(TorchMDNet model, Batch b, boolean createGraph) {
        Tensor e = model.energy(new ModelInputs(b.z(), b.pos(), b.batch(), b.molecules(), null, b.charge(), null)).to(b.pos().device(),
                b.pos().scalar_type());
        Tensor gradient = torch.grad(new TensorVector(e.sum()), new TensorVector(b.pos()), new TensorVector(),
                new BoolOptional(createGraph), createGraph, false).get(0);
        return new Prediction(createGraph ? e : e.detach(), createGraph ? gradient.neg() : gradient.neg().detach());
    }
}
