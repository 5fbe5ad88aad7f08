package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.torch.TensorScope;

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

    /** X [N, F, 3, 3] from the atomic numbers and all edges. */
    Tensor forward(Tensor z, Edges edges) {
        return fromSums(edgeSums(z, edges));
    }

    /**
     * Per receiving atom of the block of {@code edges}, the sums over the edges of the three edge
     * tensors, each weighted by radial features and the pair embedding. They are linear in their
     * scalar factors, so they are summed in compact form: a scalar for I, a vector for A, six
     * components for S. Sums over disjoint sets of edges add up.
     *
     * @param z int64 [N], all atoms (edges may name any of them)
     */
    IrreducibleTensors.Compact edgeSums(Tensor z, Edges edges) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor rbf = edges.rbf();
            Tensor unitVecs = edges.unitVectors();
            Tensor pairEmbedding = emb2.apply(Ops.cat(1, Ops.gather(emb, Ops.gather(z, edges.receivers())),
                    Ops.gather(emb, Ops.gather(z, edges.senders()))));
            Tensor weight = cutoff.apply(edges.distances()).unsqueeze(1).mul(pairEmbedding);
            Tensor iso = edges.sumByReceiver(distanceProj1.apply(rbf).mul(weight));
            Tensor vec = edges.sumByReceiver(distanceProj2.apply(rbf).mul(weight).unsqueeze(-1).mul(unitVecs.unsqueeze(1)));
            Tensor sEdge = IrreducibleTensors.symmetricOuter(unitVecs).unsqueeze(1);
            Tensor sym = edges.sumByReceiver(distanceProj3.apply(rbf).mul(weight).unsqueeze(-1).mul(sEdge));
            return new IrreducibleTensors.Compact(iso, vec, sym).keepIn(scope);
        }
    }

    /** X [N, F, 3, 3] from the per-atom edge sums: normalised, passed through the scalar MLP, mixed. */
    Tensor fromSums(IrreducibleTensors.Compact sums) {
        try (TensorScope scope = TensorScope.open()) {
            long n = sums.iso().size(0);
            // |I + A + S|^2 = |I|^2 + |A|^2 + |S|^2: the parts are orthogonal.
            Tensor[] parts = sums.squaredNorms();
            Tensor norm = initNorm.apply(parts[0].add(parts[1]).add(parts[2]));
            for (Linear l : linearsScalar) norm = act.apply(l.apply(norm));
            // Current TorchMD-Net reads the 3F outputs as [3, F] (part-major); legacy files are remapped on load.
            norm = norm.reshape(n, 3, channels);
            IrreducibleTensors.Compact mixed = sums.mix(linearsTensor[0], linearsTensor[1], linearsTensor[2])
                    .scale(norm.select(1, 0), norm.select(1, 1), norm.select(1, 2));
            return scope.keep(mixed.full());
        }
    }
}
