package org.tensornet4j.model;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.NeighborList;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.NeighborStrategy;

/**
 * TorchMD-Net's {@code tensornet2} representation ({@code representation_model.*}): TensorNet's
 * embedding, then a charge block after the embedding and after every interaction layer. Each
 * layer's radial MLP reads, next to the radial basis, the current charges of the receiving and the
 * sending atom (q_dim each); the layers have no total-charge factor (the total charge enters through
 * the charge equilibration instead). The read-out is TensorNet's.
 */
final class TensorNet2 {
    /** Per-atom features [N, F] and all charge channels [N, (num_layers + 1) q_dim]. */
    record Result(Tensor features, Tensor charges) {}

    private final NeighborList neighborList;
    private final RadialBasis distanceExpansion;
    private final TensorEmbedding tensorEmbedding;
    private final ChargePredict chargePredict0;
    private final List<Interaction> layers = new ArrayList<>();
    private final List<ChargePredict> chargePredicts = new ArrayList<>();
    private final Linear linear;
    private final LayerNorm outNorm;
    private final Activation act;

    TensorNet2(ParameterStore p, String prefix, ModelConfig c, NeighborStrategy neighbors) {
        int f = c.hiddenChannels();
        int qDim = c.tensorNet2().qDim();
        this.neighborList = new NeighborList(c.cutoffLower(), c.cutoffUpper(), c.maxNumNeighbors(), neighbors, c.staticShapes());
        this.distanceExpansion = RadialBasis.create(c.rbfType(), p, prefix + ".distance_expansion",
                c.cutoffLower(), c.cutoffUpper(), c.numRbf());
        this.tensorEmbedding = new TensorEmbedding(p, prefix + ".tensor_embedding", c);
        this.chargePredict0 = new ChargePredict(p, prefix + ".charge_predict_0", c);
        for (int l = 0; l < c.numLayers(); l++) {
            layers.add(new Interaction(p, prefix + ".layers." + l, c, 2 * qDim));
            chargePredicts.add(new ChargePredict(p, prefix + ".charge_predicts." + l, c));
        }
        this.linear = new Linear(p, prefix + ".linear", 3L * f, f, true);
        this.outNorm = new LayerNorm(p, prefix + ".out_norm", 3L * f);
        this.act = c.activation();
        p.ignore(prefix + ".distance.box");
    }

    NeighborPairs pairs(Tensor pos, Tensor batch, Tensor box) {
        return neighborList.build(pos, batch, box);
    }

    /**
     * Features and charges with autograd through everything.
     *
     * @param molecule    int64 [N] molecule of each atom
     * @param totalCharge [N] the total charge of each atom's molecule (model dtype)
     */
    Result forward(Tensor z, NeighborPairs pairs, Tensor molecule, long molecules, Tensor totalCharge) {
        Tensor atoms = TensorNet.atoms(z, pairs);
        Edges edges = Edges.of(pairs, 0, pairs.size(), pairs.vectors(), distanceExpansion, atoms.size(0));
        Tensor x = tensorEmbedding.forward(atoms, edges);
        Tensor charges = chargePredict0.forward(x, molecule, molecules, totalCharge);
        List<Tensor> all = new ArrayList<>();
        all.add(charges);
        for (int l = 0; l < layers.size(); l++) {
            Tensor edgeCharges = Ops.cat(-1, Ops.gather(charges, edges.receivers()), Ops.gather(charges, edges.senders()));
            x = layers.get(l).forward(x, edges, edgeCharges, null);
            charges = chargePredicts.get(l).forward(x, molecule, molecules, totalCharge);
            all.add(charges);
        }
        long n = z.size(0);
        Tensor allCharges = Ops.cat(-1, all.toArray(new Tensor[0]));
        if (allCharges.size(0) > n) allCharges = allCharges.narrow(0, 0, n);
        return new Result(TensorNet.readout(x, n, outNorm, linear, act), allCharges);
    }
}
