package org.tensornet4j.model;

import static org.tensornet4j.model.Ops.expand2;
import static org.tensornet4j.model.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.NeighborPairs;

/**
 * One TensorNet interaction layer ({@code representation_model.layers.<l>}): neighbours' tensors,
 * weighted per irreducible part by a radial MLP, are summed and multiplied with the atom's own
 * tensor (both orders for O(3), one for SO(3)), normalised, mixed and added back.
 */
final class Interaction {
    private final int channels;
    private final boolean o3;
    private final CosineCutoff cutoff;
    private final Linear[] linearsScalar = new Linear[3];
    private final Tensor[] linearsTensor = new Tensor[6];
    private final Activation act;

    Interaction(ParameterStore p, String prefix, ModelConfig c) {
        int f = c.hiddenChannels();
        this.channels = f;
        this.o3 = c.group().equals("O(3)");
        this.cutoff = new CosineCutoff(c.cutoffLower(), c.cutoffUpper());
        this.linearsScalar[0] = new Linear(p, prefix + ".linears_scalar.0", c.numRbf(), f, true);
        this.linearsScalar[1] = new Linear(p, prefix + ".linears_scalar.1", f, 2L * f, true);
        this.linearsScalar[2] = new Linear(p, prefix + ".linears_scalar.2", 2L * f, 3L * f, true);
        for (int k = 0; k < 6; k++) linearsTensor[k] = p.get(prefix + ".linears_tensor." + k + ".weight", f, f);
        this.act = c.activation();
    }

    /**
     * @param x           [N, F, 3, 3]
     * @param rbf         [E, num_rbf]
     * @param chargeScale [N, 1, 1, 1] = 1 + 0.1 q per atom, or null for neutral molecules
     */
    Tensor forward(Tensor x, NeighborPairs pairs, Tensor rbf, Tensor chargeScale) {
        long n = x.size(0);
        Tensor receivers = pairs.index().select(0, 0);
        Tensor senders = pairs.index().select(0, 1);
        Tensor edgeAttr = rbf;
        for (Linear l : linearsScalar) edgeAttr = act.apply(l.apply(edgeAttr));
        // [E, 3F] read as [E, 3, F]: row k*F + f weighs part k (I, A, S) of channel f.
        edgeAttr = edgeAttr.mul(cutoff.apply(pairs.distances()).unsqueeze(1)).reshape(edgeAttr.size(0), 3, channels);

        x = x.div(expand2(IrreducibleTensors.squaredNorm(x).add(scalar(1))));
        IrreducibleTensors.Compact y = IrreducibleTensors.decomposeCompact(x)
                .mix(linearsTensor[0], linearsTensor[1], linearsTensor[2]);
        // Message passing in compact form: each part of the sender's tensor scaled by its own radial weight.
        Tensor iso = Ops.scatterAdd(edgeAttr.select(1, 0).mul(Ops.gather(y.iso(), senders)), receivers, n);
        Tensor vec = Ops.scatterAdd(edgeAttr.select(1, 1).unsqueeze(-1).mul(Ops.gather(y.vec(), senders)), receivers, n);
        Tensor sym = Ops.scatterAdd(expand2(edgeAttr.select(1, 2)).mul(Ops.gather(y.sym(), senders)), receivers, n);
        Tensor msg = new IrreducibleTensors.Compact(iso, vec, sym).full();
        Tensor yFull = y.full();

        Tensor product;
        if (o3) {
            product = torch.matmul(msg, yFull).add(torch.matmul(yFull, msg));
            if (chargeScale != null) product = product.mul(chargeScale);
        } else {
            product = torch.matmul(yFull, msg).mul(scalar(2));
        }
        IrreducibleTensors.Parts parts = IrreducibleTensors.decompose(product);
        Tensor normp1 = expand2(IrreducibleTensors.squaredNorm(parts.sum()).add(scalar(1)));
        Tensor dx = IrreducibleTensors.mixChannels(parts.i().div(normp1), linearsTensor[3])
                .add(IrreducibleTensors.mixChannels(parts.a().div(normp1), linearsTensor[4]))
                .add(IrreducibleTensors.mixChannels(parts.s().div(normp1), linearsTensor[5]));
        Tensor dx2 = torch.matmul(dx, dx);
        if (chargeScale != null) dx2 = dx2.mul(chargeScale);
        return x.add(dx).add(dx2);
    }
}
