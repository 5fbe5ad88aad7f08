package org.tensornet4j.model;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;

/**
 * TorchMD-Net's {@code tensornet2} representation ({@code representation_model.*}): TensorNet's
 * embedding, then a charge block after the embedding and after every interaction layer. Each
 * layer's radial MLP reads, next to the radial basis, the current charges of the receiving and the
 * sending atom (q_dim each); the layers have no total-charge factor (the total charge enters through
 * the charge equilibration instead). The read-out is TensorNet's.
 */
final class TensorNet2 implements RepresentationModel {
    private final TensorNetBase base;
    private final ChargePredict chargePredict0;
    private final List<Interaction> layers = new ArrayList<>();
    private final List<ChargePredict> chargePredicts = new ArrayList<>();

    TensorNet2(ParameterStore p, String prefix, ModelConfig c, NeighborStrategy neighbors) {
        int qDim = c.tensorNet2().qDim();
        this.base = new TensorNetBase(p, prefix, c, neighbors);
        this.chargePredict0 = new ChargePredict(p, prefix + ".charge_predict_0", c);
        for (int l = 0; l < c.numLayers(); l++) {
            layers.add(new Interaction(p, prefix + ".layers." + l, c, 2 * qDim));
            chargePredicts.add(new ChargePredict(p, prefix + ".charge_predicts." + l, c));
        }
    }

    @Override
    public NeighborPairs pairs(Tensor pos, Tensor batch, Tensor box) {
        return base.pairs(pos, batch, box);
    }

    /** Features [N, F] and all charge channels [N, (num_layers + 1) q_dim], neutral molecules without a charge. */
    @Override
    public Output forward(ModelInputs in, NeighborPairs pairs) {
        return forward(in.z(), pairs, in.molecule(), in.molecules(), totalCharge(in));
    }

    /** The total charge of each atom's molecule [N] in the model dtype: zero for neutral molecules without one. */
    static Tensor totalCharge(ModelInputs in) {
        Tensor pos = in.pos();
        return in.charge() != null ? in.charge().to(pos.device(), pos.scalar_type()) : pos.new_zeros(in.z().size(0));
    }

    /** What a layer's radial MLP reads per edge besides the radial basis: the receiver's and the sender's charges [e, 2 q_dim]. */
    static Tensor edgeCharges(Tensor charges, Tensor receivers, Tensor senders) {
        return Ops.cat(-1, Ops.indexSelect(charges, receivers), Ops.indexSelect(charges, senders));
    }

    /** Equilibrates its charges to each molecule's total charge, so it needs it even with no layers. */
    @Override
    public boolean needsTotalCharge() {
        return true;
    }

    @Override
    public boolean readsTotalCharge() {
        return true;
    }

    /**
     * Features and charges with autograd through everything.
     *
     * @param molecule    int64 [N] molecule of each atom
     * @param totalCharge [N] the total charge of each atom's molecule (model dtype)
     */
    private Output forward(Tensor z, NeighborPairs pairs, Tensor molecule, long molecules, Tensor totalCharge) {
        Tensor atoms = TensorNet.atoms(z, pairs);
        Edges edges = base.edges(pairs, 0, pairs.size(), pairs.vectors(), atoms.size(0));
        Tensor x = base.embedding().forward(atoms, edges);
        Tensor charges = chargePredict0.forward(x, molecule, molecules, totalCharge);
        List<Tensor> all = new ArrayList<>();
        all.add(charges);
        for (int l = 0; l < layers.size(); l++) {
            x = layers.get(l).forward(x, edges, edgeCharges(charges, edges.receivers(), edges.senders()), null);
            charges = chargePredicts.get(l).forward(x, molecule, molecules, totalCharge);
            all.add(charges);
        }
        long n = z.size(0);
        Tensor allCharges = Ops.cat(-1, all.toArray(new Tensor[0]));
        if (allCharges.size(0) > n) allCharges = allCharges.narrow(0, 0, n);
        return new Output(base.readout(x, n), allCharges);
    }

    TensorNetBase base() { return base; }

    List<Interaction> layers() { return layers; }

    /** The charge blocks in order: after the embedding ({@code charge_predict_0}), then after each layer. */
    List<ChargePredict> chargeBlocks() {
        List<ChargePredict> blocks = new ArrayList<>();
        blocks.add(chargePredict0);
        blocks.addAll(chargePredicts);
        return blocks;
    }

    @Override
    public void close() {
        base.close();
        for (Interaction layer : layers) layer.close();
    }
}
