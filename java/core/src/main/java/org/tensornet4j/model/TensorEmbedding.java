package org.tensornet4j.model;

import static org.tensornet4j.model.Ops.expand2;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.NeighborPairs;

/**
 * TensorNet's embedding ({@code representation_model.tensor_embedding}): every edge contributes
 * identity, skew and symmetric-traceless tensors of its unit vector, weighted by radial features and
 * by a learned embedding of the two atomic numbers; their sum per atom is normalised and mixed.
 */
final class TensorEmbedding {
    private final int channels;
    private final CosineCutoff cutoff;
    private final Linear distanceProj1, distanceProj2, distanceProj3;
    private final Tensor emb;
    private final Linear emb2;
    private final Activation act;
    private final Tensor[] linearsTensor = new Tensor[3];
    private final Linear[] linearsScalar = new Linear[2];
    private final LayerNorm initNorm;

    TensorEmbedding(ParameterStore p, String prefix, ModelConfig c) {
        int f = c.hiddenChannels();
        this.channels = f;
        this.cutoff = new CosineCutoff(c.cutoffLower(), c.cutoffUpper());
        this.distanceProj1 = new Linear(p, prefix + ".distance_proj1", c.numRbf(), f, true);
        this.distanceProj2 = new Linear(p, prefix + ".distance_proj2", c.numRbf(), f, true);
        this.distanceProj3 = new Linear(p, prefix + ".distance_proj3", c.numRbf(), f, true);
        this.emb = p.get(prefix + ".emb.weight", c.maxZ(), f);
        this.emb2 = new Linear(p, prefix + ".emb2", 2L * f, f, true);
        this.act = c.activation();
        for (int k = 0; k < 3; k++) linearsTensor[k] = p.get(prefix + ".linears_tensor." + k + ".weight", f, f);
        this.linearsScalar[0] = new Linear(p, prefix + ".linears_scalar.0", f, 2L * f, true);
        this.linearsScalar[1] = new Linear(p, prefix + ".linears_scalar.1", 2L * f, 3L * f, true);
        this.initNorm = new LayerNorm(p, prefix + ".init_norm", f);
    }

    /**
     * @param z        int64 [N]
     * @param unitVecs [E, 3] unit edge vectors (zero for self pairs)
     * @param rbf      [E, num_rbf]
     * @return X [N, F, 3, 3]
     */
    Tensor forward(Tensor z, NeighborPairs pairs, Tensor unitVecs, Tensor rbf) {
        long n = z.size(0);
        Tensor receivers = pairs.index().select(0, 0);
        Tensor senders = pairs.index().select(0, 1);
        Tensor atomEmbedding = Ops.gather(emb, z);
        Tensor pairEmbedding = emb2.apply(Ops.cat(1, Ops.gather(atomEmbedding, receivers), Ops.gather(atomEmbedding, senders)));
        Tensor weight = cutoff.apply(pairs.distances()).unsqueeze(1).mul(pairEmbedding);
        // The three edge tensors are linear in their scalar factors, so their per-atom sums are
        // accumulated in compact form: a scalar for I, a vector for A, a matrix only for S.
        Tensor iAtom = Ops.scatterAdd(distanceProj1.apply(rbf).mul(weight), receivers, n);
        Tensor aAtom = Ops.scatterAdd(distanceProj2.apply(rbf).mul(weight).unsqueeze(-1).mul(unitVecs.unsqueeze(1)), receivers, n);
        Tensor sEdge = IrreducibleTensors.symmetricOuter(unitVecs).unsqueeze(1);
        Tensor sAtom = Ops.scatterAdd(expand2(distanceProj3.apply(rbf).mul(weight)).mul(sEdge), receivers, n);
        Tensor eye = IrreducibleTensors.eye(sAtom);
        Tensor i = expand2(iAtom).mul(eye);
        Tensor a = IrreducibleTensors.skew(aAtom);
        Tensor norm = initNorm.apply(IrreducibleTensors.squaredNorm(i.add(a).add(sAtom)));
        for (Linear l : linearsScalar) norm = act.apply(l.apply(norm));
        // Current TorchMD-Net reads the 3F outputs as [3, F] (part-major); legacy files are remapped on load.
        norm = norm.reshape(n, 3, channels);
        Tensor iOut = IrreducibleTensors.mixChannels(i, linearsTensor[0]).mul(expand2(norm.select(1, 0)));
        Tensor aOut = IrreducibleTensors.mixChannels(a, linearsTensor[1]).mul(expand2(norm.select(1, 1)));
        Tensor sOut = IrreducibleTensors.mixChannels(sAtom, linearsTensor[2]).mul(expand2(norm.select(1, 2)));
        return iOut.add(aOut).add(sOut);
    }
}
