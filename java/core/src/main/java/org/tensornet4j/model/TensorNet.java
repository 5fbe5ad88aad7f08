package org.tensornet4j.model;

import static org.tensornet4j.model.Ops.scalar;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.NeighborList;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.NeighborStrategy;

/**
 * TensorNet's representation model ({@code representation_model.*}): neighbour list, radial basis,
 * tensor embedding, interaction layers and the invariant read-out to per-atom features [N, F].
 */
final class TensorNet {
    private final NeighborList neighborList;
    private final RadialBasis distanceExpansion;
    private final TensorEmbedding tensorEmbedding;
    private final List<Interaction> layers = new ArrayList<>();
    private final Linear linear;
    private final LayerNorm outNorm;
    private final Activation act;

    TensorNet(ParameterStore p, String prefix, ModelConfig c, NeighborStrategy neighbors) {
        int f = c.hiddenChannels();
        this.neighborList = new NeighborList(c.cutoffLower(), c.cutoffUpper(), c.maxNumNeighbors(), neighbors, c.staticShapes());
        this.distanceExpansion = RadialBasis.create(c.rbfType(), p, prefix + ".distance_expansion",
                c.cutoffLower(), c.cutoffUpper(), c.numRbf());
        this.tensorEmbedding = new TensorEmbedding(p, prefix + ".tensor_embedding", c);
        for (int l = 0; l < c.numLayers(); l++) layers.add(new Interaction(p, prefix + ".layers." + l, c));
        this.linear = new Linear(p, prefix + ".linear", 3L * f, f, true);
        this.outNorm = new LayerNorm(p, prefix + ".out_norm", 3L * f);
        this.act = c.activation();
        // The default box lives in the hyper-parameters (box_vecs); the buffer mirrors it.
        p.ignore(prefix + ".distance.box");
    }

    /**
     * @param chargeScale [N, 1, 1, 1] = 1 + 0.1 q, or null when all molecules are neutral
     * @return per-atom features [N, F]
     */
    Tensor forward(Tensor z, Tensor pos, Tensor batch, Tensor box, Tensor chargeScale) {
        long n = z.size(0);
        NeighborPairs pairs = neighborList.build(pos, batch, box);
        if (pairs.padded()) {
            // Static shapes: padding pairs belong to a ghost atom (type 0, neutral) appended here and
            // dropped from the output, so they never reach a real atom.
            z = Ops.cat(0, z, z.new_zeros(1));
            if (chargeScale != null) chargeScale = Ops.cat(0, chargeScale, chargeScale.new_full(new long[] {1, 1, 1, 1}, scalar(1)));
        }
        Tensor rbf = distanceExpansion.expand(pairs.distances());
        Tensor unitVecs = unitVectors(pairs);
        Tensor x = tensorEmbedding.forward(z, pairs, unitVecs, rbf);
        for (Interaction layer : layers) x = layer.forward(x, pairs, rbf, chargeScale);
        Tensor[] norms = IrreducibleTensors.decomposeCompact(x).squaredNorms();
        Tensor features = outNorm.apply(Ops.cat(-1, norms));
        Tensor out = act.apply(linear.apply(features));
        return pairs.padded() ? out.narrow(0, 0, n) : out;
    }

    /** Edge vectors divided by their length; self pairs and padding (listed last) keep a zero vector. */
    private static Tensor unitVectors(NeighborPairs pairs) {
        long e = pairs.distinctPairs();
        Tensor vectors = pairs.vectors().narrow(0, 0, e);
        Tensor lengths = pairs.distances().narrow(0, 0, e).unsqueeze(1);
        return Ops.cat(0, vectors.div(lengths), pairs.vectors().narrow(0, e, pairs.size() - e));
    }
}
