package org.tensornet4j.model;

import static org.tensornet4j.model.Autograd.grad;
import static org.tensornet4j.model.Autograd.leaf;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.NeighborPairs;

/**
 * TensorNet's energy and forces with the per-edge sums ({@link EdgeSums}) and the per-atom 3x3
 * algebra ({@link AtomUpdate}) in native kernels, everything else (radial MLPs, channel mixes,
 * read-out) in LibTorch with autograd, chained by hand.
 *
 * <p>Why: with plain autograd each per-edge stage (the embedding's sums, each layer's messages)
 * makes several [edges, 10, F] tensors forward and again backward: gathers of the senders' tensors,
 * products with the weights, sums by receiver. For chignolin (166 atoms, 5826 edges, 128 channels)
 * that is 30 MB per tensor and most of the step; the per-atom algebra is dozens of small ops. The
 * kernels compute the same numbers, and their vector-Jacobian products, in one pass each.
 *
 * <p>How: the graph is cut at each kernel. A kernel's inputs keep their autograd graphs; its output
 * enters the rest of the network as a leaf. Backward runs the stages in reverse: autograd from the
 * energy down to the last cut, the kernel's own vector-Jacobian product across it, autograd again
 * from the kernel's inputs, and so on down to the edge vectors, which finally pull back to the
 * positions (and, for the virial, the box) through the neighbour list. The radial MLPs start from leaves of their own (radial basis
 * and distances) so that a {@link WorkerThread} runs them, forward and backward, while this thread
 * does the rest; their gradients join the others' at the radial basis. Graphs are kept between the
 * calls because the embedding and the edge geometry share nodes.
 *
 * <p>Used for TensorNet on the CPU (float32, float64) up to {@link #maxEdges} edges;
 * {@link ChunkedGradient} takes larger systems.
 */
final class KernelGradient {
    /**
     * Edges x channels above which {@link ChunkedGradient} takes over: this evaluation keeps the
     * radial MLPs' activations of all edges for the backward pass, ~18 kB per edge at 128 channels
     * (tn-bench peak RSS: DHFR, 106 925 edges, 2.2 GB; factor IX, 241 457 edges, 4.7 GB). 2^25 is
     * 262 144 edges at 128 channels (~5 GB); STMV (1.1 M edges) stays chunked (about 5 GB there too).
     * Within the limit this is 4x faster than the chunked evaluation (DHFR 1.4 vs 5.8 s).
     */
    private static final long MAX_EDGE_CHANNELS = 1L << 25;

    /** The most edges this evaluation takes for a model with {@code channels} hidden channels. */
    static long maxEdges(long channels) {
        return MAX_EDGE_CHANNELS / channels;
    }

    private final TorchMDNet model;
    private final TensorNet net;

    KernelGradient(TorchMDNet model, TensorNet net) {
        this.model = model;
        this.net = net;
    }

    /** One interaction layer of the forward pass: what its backward step needs. */
    private record Layer(Tensor input, Tensor parts, Tensor y, Tensor weights, Tensor messages, Tensor products,
                         Tensor mixed) {}

    /** The forward pass up to the last layer's output, a leaf: what the backward pass needs. */
    private record Forward(TensorEmbedding.EdgeParts edgeParts, Tensor sums, Tensor embedded, List<Layer> layers,
                           Tensor last) {}

    TorchMDNet.Evaluation evaluate(GradientInputs targets, NeighborPairs pairs, Tensor chargeScale) {
        ModelInputs in = targets.inputs();
        Tensor z = in.z();
        Tensor vectors = leaf(pairs.vectors());
        TorchMDNet.Energies energy;
        Tensor gradVectors;
        try (WorkerThread worker = WorkerThread.forCallingThread()) {
            Pass pass = new Pass(z, pairs, vectors, chargeScale, worker);
            Forward forward = pass.forward();
            energy = model.energiesFromFeatures(net.readout(forward.last(), z.size(0)), in);
            Tensor gradX = grad(new Tensor[] {energy.molecules().sum()}, new Tensor[] {forward.last()}, null, false)[0];
            gradVectors = pass.backward(forward, gradX);
        }
        Tensor[] gradients = targets.grad(new Tensor[] {pairs.vectors()}, new Tensor[] {gradVectors});
        return new TorchMDNet.Evaluation(energy.molecules().detach(), gradients, energy.atoms().detach(), null);
    }

    /** One evaluation: the edges, the radial MLPs' leaves and the worker they run on. */
    private final class Pass {
        private final Tensor atoms;
        private final Tensor scale;
        private final long n;
        private final Tensor vectors;
        private final Edges edges;
        private final Tensor receivers;
        private final Tensor senders;
        private final Tensor radialIndex;
        private final Tensor rbf;
        private final Tensor distances;
        // The radial MLPs start from leaves of their own, so that they run on the worker (see WorkerThread).
        private final Tensor rbfLeaf;
        private final Tensor distancesLeaf;
        private final WorkerThread worker;

        Pass(Tensor z, NeighborPairs pairs, Tensor vectors, Tensor chargeScale, WorkerThread worker) {
            this.atoms = TensorNet.atoms(z, pairs);
            this.scale = TensorNet.chargeScale(chargeScale, pairs);
            this.n = atoms.size(0);
            this.vectors = vectors;
            this.edges = net.edges(pairs, 0, pairs.size(), vectors, n);
            this.receivers = edges.receivers();
            this.senders = edges.senders();
            this.radialIndex = edges.radialIndex();
            this.rbf = edges.radialRbf();
            this.distances = edges.radialDistances();
            this.rbfLeaf = leaf(rbf);
            this.distancesLeaf = leaf(distances);
            this.worker = worker;
        }

        /** Embedding and interaction layers, each cut at its kernels; the radial MLPs run on the worker. */
        Forward forward() {
            List<WorkerThread.Pending> radialWeights = new ArrayList<>();
            for (Interaction layer : net.layers()) {
                radialWeights.add(worker.submit(() -> new Tensor[] {layer.radialWeights(rbfLeaf, distancesLeaf)}));
            }
            TensorEmbedding.EdgeParts edgeParts = net.embedding().edgeParts(atoms, edges);
            Tensor sums = leaf(EdgeSums.componentSum(edgeParts.projections(), radialIndex, edgeParts.edgeWeights(),
                    edgeParts.components(), receivers, n));
            Tensor embedded = net.embedding().fromSums(IrreducibleTensors.Compact.unpack(sums));
            Tensor x = embedded;
            List<Layer> layers = new ArrayList<>();
            for (int l = 0; l < net.layers().size(); l++) {
                Interaction layer = net.layers().get(l);
                Tensor[] normalised = AtomUpdate.normalisedInput(x);
                Tensor parts = leaf(normalised[1]);
                Tensor y = layer.mixInput(parts);
                Tensor weights = radialWeights.get(l).await()[0];
                Tensor messages = EdgeSums.neighborSum(weights, radialIndex, y, senders, receivers, n);
                Tensor products = leaf(AtomUpdate.normalisedProducts(messages, y, scale, layer.o3()));
                Tensor mixed = layer.mixProducts(products);
                layers.add(new Layer(x, parts, y, weights, messages, products, mixed));
                x = AtomUpdate.layerOutput(normalised[0], mixed, scale);
            }
            return new Forward(edgeParts, sums, embedded, layers, leaf(x));
        }

        /** The gradient of the energy with respect to the edge vectors, given that of the last layer's output. */
        Tensor backward(Forward forward, Tensor gradLast) {
            List<WorkerThread.Pending> radialGrads = new ArrayList<>();
            Tensor gradX = gradLast;
            for (int l = forward.layers().size() - 1; l >= 0; l--) {
                gradX = backThroughLayer(forward.layers().get(l), net.layers().get(l).o3(), gradX, radialGrads);
            }
            Tensor gradVectors = torch.zeros_like(vectors);
            gradVectors.add_(backThroughEmbedding(forward, gradX));
            Tensor gradRbf = torch.zeros_like(rbf), gradDistances = torch.zeros_like(distances);
            for (WorkerThread.Pending p : radialGrads) {
                Tensor[] g = p.await();
                gradRbf.add_(g[0]);
                gradDistances.add_(g[1]);
            }
            gradVectors.add_(grad(new Tensor[] {rbf, distances}, new Tensor[] {vectors},
                    new Tensor[] {gradRbf, gradDistances}, true)[0]);
            return gradVectors;
        }

        /** One layer backwards: the gradient of its input; its radial MLP's backward pass goes to the worker. */
        private Tensor backThroughLayer(Layer t, boolean o3, Tensor gradX, List<WorkerThread.Pending> radialGrads) {
            // Across the update: x + D + D D, the channel mix (autograd), the normalised products.
            Tensor gradMixed = AtomUpdate.layerOutputGrad(gradX, t.mixed(), scale);
            Tensor gradProducts = grad(new Tensor[] {t.mixed()}, new Tensor[] {t.products()}, new Tensor[] {gradMixed},
                    true)[0];
            Tensor[] gradMessagesAndY = AtomUpdate.normalisedProductsGrads(gradProducts, t.messages(), t.y(), scale, o3);
            Tensor gradMessages = gradMessagesAndY[0];
            // Across the message sums: each edge's weight row and sender receive their share.
            Tensor gradWeights = EdgeSums.neighborSumWeightGrad(gradMessages, receivers, t.y(), senders, radialIndex,
                    t.weights().size(0));
            Tensor gradY = EdgeSums.neighborSum(t.weights(), radialIndex, gradMessages, receivers, senders, n)
                    .add_(gradMessagesAndY[1]);
            // The radial MLP's backward pass goes to the worker; here on through Y's channel mix.
            radialGrads.add(worker.submit(() -> grad(new Tensor[] {t.weights()}, new Tensor[] {rbfLeaf, distancesLeaf},
                    new Tensor[] {gradWeights}, false)));
            Tensor gradParts = grad(new Tensor[] {t.y()}, new Tensor[] {t.parts()}, new Tensor[] {gradY}, true)[0];
            // The output holds the normalised input as it is: its gradient is the output's.
            return AtomUpdate.normalisedInputGrad(t.input(), gradX, gradParts);
        }

        /** The embedding backwards, from the gradient of its output to the edge vectors. */
        private Tensor backThroughEmbedding(Forward forward, Tensor gradEmbedded) {
            TensorEmbedding.EdgeParts edgeParts = forward.edgeParts();
            Tensor gradSums = grad(new Tensor[] {forward.embedded()}, new Tensor[] {forward.sums()},
                    new Tensor[] {gradEmbedded}, true)[0];
            Tensor[] gradParts = EdgeSums.componentSumGrads(gradSums, receivers, edgeParts.projections(), radialIndex,
                    edgeParts.edgeWeights(), edgeParts.components());
            return grad(new Tensor[] {edgeParts.projections(), edgeParts.edgeWeights(), edgeParts.components()},
                    new Tensor[] {vectors}, gradParts, true)[0];
        }
    }
}
