package org.tensornet4j.train;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.model.TorchMDNet;

/**
 * Energies [M] and forces [N, 3] = -dE/dpos of a batch. For training the gradient keeps its graph
 * ({@code create_graph}), so that a loss on the forces can be differentiated with respect to the
 * parameters; the model's plain autograd path is used (not the memory-saving chunked one, which
 * detaches).
 */
record Prediction(Tensor energy, Tensor forces) {

    static Prediction of(TorchMDNet model, Batch b, boolean createGraph) {
        Tensor e = model.energy(b.z(), b.pos(), b.batch(), b.molecules(), null, b.charge());
        Tensor gradient = torch.grad(new TensorVector(e.sum()), new TensorVector(b.pos()), new TensorVector(),
                new BoolOptional(createGraph), createGraph, false).get(0);
        return new Prediction(createGraph ? e : e.detach(), createGraph ? gradient.neg() : gradient.neg().detach());
    }
}
