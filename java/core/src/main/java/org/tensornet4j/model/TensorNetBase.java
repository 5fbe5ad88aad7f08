package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.NeighborList;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.nn.Activation;
import org.tensornet4j.nn.LayerNorm;
import org.tensornet4j.nn.Linear;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.nn.RadialBasis;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.TensorScope;

/**
 * What TensorNet and TensorNet2 share ({@code representation_model.*} outside the interaction
 * layers): the neighbour list, the radial basis, the tensor embedding and the invariant read-out
 * (out_norm, linear, activation) to per-atom features [N, F].
 */
final class TensorNetBase {
    private final NeighborList neighborList;
    private final RadialBasis distanceExpansion;
    private final TensorEmbedding tensorEmbedding;
    private final Linear linear;
    private final LayerNorm outNorm;
    private final Activation act;

    TensorNetBase(ParameterStore p, String prefix, ModelConfig c, NeighborStrategy neighbors) {
        int f = c.hiddenChannels();
        this.neighborList = new NeighborList(c.cutoffLower(), c.cutoffUpper(), c.maxNumNeighbors(), neighbors, c.staticShapes());
        this.distanceExpansion = RadialBasis.create(c.rbfType(), p, prefix + ".distance_expansion",
                c.cutoffLower(), c.cutoffUpper(), c.numRbf());
        this.tensorEmbedding = new TensorEmbedding(p, prefix + ".tensor_embedding", c);
        this.linear = new Linear(p, prefix + ".linear", 3L * f, f, true);
        this.outNorm = new LayerNorm(p, prefix + ".out_norm", 3L * f);
        this.act = c.activation();
        // The default box lives in the hyper-parameters (box_vecs); the buffer mirrors it.
        p.ignore(prefix + ".distance.box");
    }

    NeighborPairs pairs(Tensor pos, Tensor batch, Tensor box) {
        return neighborList.build(pos, batch, box);
    }

    /** Pairs start..start+count-1 with their vectors [count, 3], for a network of {@code atoms} atoms (ghost included). */
    Edges edges(NeighborPairs pairs, long start, long count, Tensor vectors, long atoms) {
        return Edges.of(pairs, start, count, vectors, distanceExpansion, atoms);
    }

    TensorEmbedding embedding() { return tensorEmbedding; }

    /** The radial basis of the edges' distances. */
    RadialBasis radialBasis() { return distanceExpansion; }

    /** {@link Edges#vectorGrad} with this network's radial basis. */
    Tensor edgeVectorGrad(Edges edges, Tensor gradRbf, Tensor gradRadialDistances, Tensor gradComponents) {
        return edges.vectorGrad(gradRbf, gradRadialDistances, gradComponents, distanceExpansion);
    }

    /** Frees what the representation caches beyond its parameters (the pair-embedding table). */
    void close() {
        tensorEmbedding.close();
    }

    /** Invariant per-atom features [atoms, F] from the last X, for the first {@code atoms} rows (the ghost dropped). */
    Tensor readout(Tensor x, long atoms) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor[] norms = IrreducibleTensors.decomposeCompact(x).squaredNorms();
            return scope.keep(readoutFromNorms(Ops.cat(-1, norms), atoms));
        }
    }

    /**
     * {@link #readout} from the squared norms of the last X's parts [N, 3 F] (I, A, S), as
     * {@link AtomParts#partNorms} computes them.
     */
    Tensor readoutFromNorms(Tensor partNorms, long atoms) {
        Tensor features = act.apply(linear.apply(outNorm.apply(partNorms)));
        return features.size(0) == atoms ? features : features.narrow(0, 0, atoms);
    }
}
