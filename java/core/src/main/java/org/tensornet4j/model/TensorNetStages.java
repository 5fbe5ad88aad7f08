package org.tensornet4j.model;

import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.torch.NoGrad;

/**
 * TensorNet's stages one at a time on one molecule, for benchmarks and profiling (java/bench's JMH
 * suite): the neighbour list, the embedding, one interaction layer (forward, without autograd), the
 * network's energy and gradient through the native kernels or plain autograd, and one layer's native
 * message sums. The inputs of each stage are prepared once; each call runs in its own
 * {@link PointerScope}, as a step does. Not a way to evaluate a model: use {@code TensorNetPotential}.
 */
public final class TensorNetStages implements AutoCloseable {
    private final TorchMDNet model;
    private final TensorNet net;
    private final PointerScope prepared;
    private final Tensor z;
    private final Tensor pos;
    private final Edges edges;
    private final Tensor x;
    private final Tensor weights;
    private final Tensor y;

    /** A TensorNet checkpoint and one molecule: atomic numbers [N], positions [N * 3] in Å. */
    public TensorNetStages(Path checkpoint, long[] atomicNumbers, double[] flatPositions) {
        model = ModelLoader.load(checkpoint);
        if (!(model.representation() instanceof TensorNet tensorNet)) {
            model.close();
            throw new IllegalArgumentException(checkpoint + " is not a TensorNet model: the stages are TensorNet's");
        }
        net = tensorNet;
        prepared = new PointerScope();
        z = Tensor.create(atomicNumbers);
        pos = Tensor.create(flatPositions, atomicNumbers.length, 3).to(model.config().dtype());
        try (NoGrad off = NoGrad.enter()) {
            NeighborPairs pairs = net.pairs(pos, null, null);
            edges = net.edges(pairs, 0, pairs.size(), pairs.vectors(), atomicNumbers.length);
            x = net.embedding().forward(z, edges);
            weights = net.layers().get(0).radialWeights(edges);
            y = net.layers().get(0).prepare(x).y().packed();
        }
    }

    /** The neighbour list: the number of directed pairs. */
    public long neighborList() {
        try (PointerScope scope = new PointerScope(); NoGrad off = NoGrad.enter()) {
            return net.pairs(pos, null, null).size();
        }
    }

    /** Radial basis, pair embedding, edge sums and the per-atom mixing: the embedding's size. */
    public long embedding() {
        try (PointerScope scope = new PointerScope(); NoGrad off = NoGrad.enter()) {
            return net.embedding().forward(z, edges).numel();
        }
    }

    /** One interaction layer: radial MLP, messages, products and the update. */
    public long interaction() {
        try (PointerScope scope = new PointerScope(); NoGrad off = NoGrad.enter()) {
            return net.layers().get(0).forward(x, edges, null).numel();
        }
    }

    /** Energy and dE/dpos of the network, through the native kernels or ({@code false}) plain autograd. */
    public double gradient(boolean nativeKernels) {
        try (PointerScope scope = new PointerScope()) {
            Tensor p = pos.detach().requires_grad_(true);
            return model.energyAndGradient(ModelInputs.of(z, p), Long.MAX_VALUE, nativeKernels).gradient().sum().item_double();
        }
    }

    /** One layer's message sums over all edges ({@link EdgeSums#neighborSum}), from its radial weights and Y. */
    public long messageSums() {
        try (PointerScope scope = new PointerScope()) {
            return EdgeSums.neighborSum(weights, edges.radialIndex(), y, edges.senders(), edges.receivers(), pos.size(0))
                    .numel();
        }
    }

    @Override
    public void close() {
        prepared.close();
        model.close();
    }
}
