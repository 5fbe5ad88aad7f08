package org.tensornet4j.model;

import static org.tensornet4j.model.Autograd.grad;
import static org.tensornet4j.model.Autograd.gradOrZeros;
import static org.tensornet4j.model.Autograd.leaf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.torch.NoGrad;
import org.tensornet4j.torch.Ops;

/**
 * TensorNet's and TensorNet2's energy and forces with the per-edge sums ({@link EdgeSums}), the
 * per-atom 3x3 algebra ({@link AtomUpdate}) and the embedding's and read-out's per-atom steps
 * ({@link AtomParts}) in native kernels, everything else in LibTorch, chained by hand: the radial MLPs,
 * the channel mixes and the edge geometry without autograd (their backward passes are written out), the
 * MLPs of the charge blocks, of the embedding and of the output head with autograd.
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
 * from the kernel's inputs (or a backward step written out), and so on down to the edge vectors
 * ({@link Edges#vectorGrad}), which finally pull back to the positions (and, for the virial, the box)
 * through the neighbour list. TensorNet's radial MLPs run in blocks
 * of rows that a {@link WorkerThread} and this thread share ({@link RadialBlocks}): the worker starts on
 * them at once, the weights first, then their derivatives with respect to the distances (forward mode:
 * they need no gradient from above, so the worker makes them while this thread goes backwards); this
 * thread does everything else and takes over the blocks nobody has started when it would wait; their
 * share of the gradient joins the others' at the distances.
 *
 * <p>TensorNet2: each layer's radial MLP also reads the charges the previous charge block predicted
 * from X, so it runs per edge once those charges are known, in blocks of edges shared between this
 * thread and the worker ({@link EdgeBlockWeights}), and its backward pass carries a share of the gradient
 * to X through the charge block. The charge blocks start from a leaf copy of X; the output head
 * (its Coulomb term reads every block's charges and the positions) is differentiated once for the
 * last X and those leaves, and once more, at the end, for the positions with the edge vectors. A
 * Coulomb term over all pairs (no Coulomb cutoff) runs in one native pass instead ({@link CoulombPairs}),
 * its gradients joining the charges' and the positions'. Where TensorNet2's worker would idle (the
 * embedding, the head) it takes a share of this thread's step: the embedding's distance projections and
 * their gradient, and for large systems half the Coulomb term's pairs.
 *
 * <p>Used on the CPU (float32, float64) up to {@link #maxEdges} edges; {@link ChunkedGradient} takes
 * larger TensorNet systems, plain autograd larger TensorNet2 ones.
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
    private final TensorNetBase base;
    private final List<Interaction> layers;
    /** TensorNet2's charge blocks (after the embedding, then after each layer); empty for TensorNet. */
    private final List<ChargePredict> chargeBlocks;

    /** The most edges of one block of TensorNet2's radial MLP ({@link EdgeBlockWeights}), if fewer than its memory bound. */
    private final long edgesPerBlock;

    KernelGradient(TorchMDNet model, TensorNet net) {
        this(model, net.base(), net.layers(), List.of(), Long.MAX_VALUE);
    }

    KernelGradient(TorchMDNet model, TensorNet2 net, long edgesPerBlock) {
        this(model, net.base(), net.layers(), net.chargeBlocks(), edgesPerBlock);
    }

    private KernelGradient(TorchMDNet model, TensorNetBase base, List<Interaction> layers, List<ChargePredict> chargeBlocks,
                           long edgesPerBlock) {
        this.model = model;
        this.base = base;
        this.layers = layers;
        this.chargeBlocks = chargeBlocks;
        this.edgesPerBlock = edgesPerBlock;
    }

    private boolean predictsCharges() {
        return !chargeBlocks.isEmpty();
    }

    /**
     * One interaction layer of the forward pass: what its backward step needs. TensorNet's radial
     * {@code weights}, or TensorNet2's {@code charged} part (the other null).
     */
    private record Layer(Tensor input, Tensor parts, Tensor y, RadialBlocks radial, Tensor messages, Tensor products,
                         Tensor mixed, Charged charged) {}

    /** TensorNet2's part of a layer: the charges of its charge block and the per-edge weights that read them. */
    private record Charged(Predicted predicted, EdgeBlockWeights weights) {}

    /**
     * The charges a charge block predicted from X: X (without a graph), the block's features of it as a
     * leaf ({@link AtomParts#chargeFeatures}), and the charges with their graph to that leaf.
     */
    private record Predicted(Tensor x, Tensor features, Tensor charges) {
        /** The gradient of X given that of the charges: autograd back to the features, then the kernel's. */
        Tensor xGrad(Tensor gradCharges) {
            Tensor g = grad(new Tensor[] {charges}, new Tensor[] {features}, new Tensor[] {gradCharges}, false)[0];
            return AtomParts.chargeFeaturesGrad(x, g);
        }
    }

    /**
     * The forward pass up to the last layer's output (its read-out norms and charges enter as leaves):
     * what the backward pass needs.
     * {@code charges}: TensorNet2's charge channels [atoms, (num_layers + 1) q_dim], else null.
     */
    private record Forward(TensorEmbedding.EdgeParts edgeParts, Tensor sums, TensorEmbedding.Output embedded,
                           List<Layer> layers, Tensor last, Tensor partNorms, Tensor charges, Predicted lastCharges) {}

    /**
     * The energy's gradients from the read-out and the output head: with respect to the last X and
     * (TensorNet2) to each layer's charges (null for TensorNet), which the layers' backward steps add
     * to their own before going through the charge blocks, once.
     */
    private record HeadGradients(Tensor last, Tensor[] charges) {}

    TorchMDNet.Evaluation evaluate(GradientInputs targets, NeighborPairs pairs, Tensor chargeScale) {
        ModelInputs in = targets.inputs();
        Tensor z = in.z();
        // Nothing differentiates through the edge geometry with autograd (Edges.vectorGrad): no graph to record.
        Tensor vectors = pairs.vectors().detach();
        WeightedCoulombOutput coulomb = predictsCharges() ? model.allPairsCoulomb() : null;
        TorchMDNet.Energies energy;
        Tensor gradVectors;
        Tensor charges = null;
        Tensor coulombGradPos = null;
        try (WorkerThread worker = WorkerThread.forCallingThread()) {
            Pass pass = new Pass(in, pairs, vectors, chargeScale, worker);
            Forward forward = pass.forward();
            Tensor features = base.readoutFromNorms(forward.partNorms(), z.size(0));
            HeadGradients head;
            if (coulomb != null) {
                // The Coulomb term over all pairs in one native pass, entering as a leaf per atom.
                Tensor pairEnergies = leaf(coulomb.pairEnergies(forward.charges(), in.pos(), in.molecule(), worker));
                energy = model.energiesFromAtomic(coulomb.preReduce(features, pairEnergies), in);
                Tensor[] g = gradOrZeros(energy.molecules().sum(), new Tensor[] {forward.partNorms(), pairEnergies}, false);
                Tensor[] coulombGrads = coulomb.pairEnergyGradients(forward.charges(), in.pos(), in.molecule(), g[1], worker);
                head = pass.withChargeGradients(forward, AtomParts.partNormsGrad(forward.last(), g[0]), coulombGrads[0]);
                coulombGradPos = coulombGrads[1];
            } else {
                energy = model.energies(new RepresentationModel.Output(features, forward.charges()), in, targets.networkBox());
                head = pass.headGradients(forward, energy.molecules().sum());
            }
            gradVectors = pass.backward(forward, head);
            if (forward.charges() != null) charges = forward.charges().detach();
        }
        // A head with a Coulomb cutoff reads the positions (and box) itself, through autograd.
        Tensor[] gradients = predictsCharges() && coulomb == null
                ? targets.grad(new Tensor[] {pairs.vectors(), energy.molecules().sum()},
                        new Tensor[] {gradVectors, torch.ones_like(energy.molecules().sum())})
                : targets.grad(new Tensor[] {pairs.vectors()}, new Tensor[] {gradVectors});
        if (coulombGradPos != null) gradients[0] = gradients[0].add(coulombGradPos);
        return new TorchMDNet.Evaluation(energy.molecules().detach(), gradients, energy.atoms().detach(), charges);
    }

    /** One evaluation: the edges, the radial MLPs' leaves and the worker they run on. */
    private final class Pass {
        private final ModelInputs in;
        private final Tensor atoms;
        private final Tensor scale;
        private final long n;
        private final Edges edges;
        private final Tensor receivers;
        private final Tensor senders;
        private final Tensor radialIndex;
        private final Tensor rbf;
        private final Tensor distances;
        private final WorkerThread worker;
        /** TensorNet2: each molecule's total charge per atom, which the charge blocks equilibrate to. */
        private final Tensor totalCharge;

        Pass(ModelInputs in, NeighborPairs pairs, Tensor vectors, Tensor chargeScale, WorkerThread worker) {
            this.in = in;
            this.atoms = TensorNet.atoms(in.z(), pairs);
            this.scale = TensorNet.chargeScale(chargeScale, pairs);
            this.n = atoms.size(0);
            this.edges = base.edges(pairs, 0, pairs.size(), vectors, n);
            this.receivers = edges.receivers();
            this.senders = edges.senders();
            this.radialIndex = edges.radialIndex();
            this.rbf = edges.radialRbf();
            this.distances = edges.radialDistances();
            this.worker = worker;
            this.totalCharge = predictsCharges() ? TensorNet2.totalCharge(in) : null;
        }

        /** Embedding and interaction layers, each cut at its kernels; TensorNet's radial MLPs run on the worker. */
        Forward forward() {
            List<RadialBlocks> radialWeights = new ArrayList<>();
            if (!predictsCharges()) {
                for (Interaction layer : layers) radialWeights.add(new RadialBlocks(layer, rbf, distances, worker));
                // The derivatives queue behind every layer's weights: the forward passes never wait for them.
                for (int l = 0; l < layers.size(); l++) {
                    radialWeights.get(l).submitDerivatives(layers.get(l), base.radialBasis(), distances, worker);
                }
            }
            TensorEmbedding embedding = base.embedding();
            TensorEmbedding.EdgeParts edgeParts = embedding.edgeParts(atoms, edges, alongside(() -> embedding.projections(edges)));
            Tensor sums = leaf(EdgeSums.componentSum(edgeParts.projections(), radialIndex, edgeParts.edgeWeights(),
                    edgeParts.components(), receivers, n));
            TensorEmbedding.Output embedded = base.embedding().fromSumsKernels(sums);
            Tensor x = embedded.x();
            List<Layer> forwardLayers = new ArrayList<>();
            List<Tensor> charges = new ArrayList<>();
            for (int l = 0; l < layers.size(); l++) {
                Interaction layer = layers.get(l);
                RadialBlocks radial = null;
                Charged charged = null;
                if (predictsCharges()) {
                    Predicted q = charges(l, x);
                    charges.add(q.charges());
                    charged = new Charged(q, new EdgeBlockWeights(layer, rbf, distances, radialIndex,
                            receivers, senders, q.charges(), edgesPerBlock, worker));
                } else {
                    radial = radialWeights.get(l);
                }
                Tensor[] normalised = AtomUpdate.normalisedInput(x);
                Tensor parts = leaf(normalised[1]);
                Tensor y = layer.mixInput(parts);
                Tensor messages = charged != null ? charged.weights().messages(y, n)
                        : EdgeSums.neighborSum(radial.weights(), radialIndex, y, senders, receivers, n);
                Tensor products = leaf(AtomUpdate.normalisedProducts(messages, y, scale, layer.o3()));
                Tensor mixed = layer.mixProducts(products);
                forwardLayers.add(new Layer(x, parts, y, radial, messages, products, mixed, charged));
                x = AtomUpdate.layerOutput(normalised[0], mixed, scale);
            }
            Tensor last = x;
            Tensor allCharges = null;
            Predicted lastCharges = null;
            if (predictsCharges()) {
                lastCharges = charges(layers.size(), last);
                charges.add(lastCharges.charges());
                allCharges = Ops.cat(-1, charges.toArray(new Tensor[0]));
                if (allCharges.size(0) > in.z().size(0)) allCharges = allCharges.narrow(0, 0, in.z().size(0));
            }
            // The read-out's first step as a kernel: the head's gradient stops at these norms.
            Tensor partNorms = leaf(AtomParts.partNorms(last));
            return new Forward(edgeParts, sums, embedded, forwardLayers, last, partNorms, allCharges, lastCharges);
        }

        /** Charge block {@code block}'s equilibrated charges from X [atoms, F, 3, 3]. */
        private Predicted charges(int block, Tensor x) {
            Tensor features = leaf(AtomParts.chargeFeatures(x));
            return new Predicted(x, features,
                    chargeBlocks.get(block).fromFeatures(features, in.molecule(), in.molecules(), totalCharge));
        }

        /**
         * The gradients of the energy through the read-out and the output head (autograd): with respect
         * to the last X and (TensorNet2) each layer's charges. The head's graph is kept for the
         * positions at the end when the head reads them (TensorNet2's Coulomb term with a cutoff).
         */
        HeadGradients headGradients(Forward forward, Tensor energy) {
            List<Tensor> inputs = new ArrayList<>();
            inputs.add(forward.partNorms());
            // TensorNet2's head also reads the last X through the last charge block.
            if (predictsCharges()) inputs.add(forward.lastCharges().charges());
            for (Layer t : forward.layers()) if (t.charged() != null) inputs.add(t.charged().predicted().charges());
            Tensor[] g = gradOrZeros(energy, inputs.toArray(new Tensor[0]), predictsCharges());
            Tensor gradLast = AtomParts.partNormsGrad(forward.last(), g[0]);
            if (!predictsCharges()) return new HeadGradients(gradLast, null);
            return new HeadGradients(gradLast.add_(forward.lastCharges().xGrad(g[1])), Arrays.copyOfRange(g, 2, g.length));
        }

        /**
         * The head's gradients given that of the last X and of all charge channels
         * [atoms, (num_layers + 1) q_dim] (the Coulomb term's): the last block's share goes back to the
         * last X through its charge block now, the others wait for their layers.
         */
        HeadGradients withChargeGradients(Forward forward, Tensor gradLast, Tensor gradCharges) {
            Tensor g = gradCharges;
            // With static shapes the charges of the ghost atom were left out: it gets none of the gradient.
            if (n > g.size(0)) g = Ops.cat(0, g, g.new_zeros(n - g.size(0), g.size(1)));
            long qDim = forward.lastCharges().charges().size(1);
            Tensor[] perLayer = new Tensor[forward.layers().size()];
            for (int l = 0; l < perLayer.length; l++) perLayer[l] = g.narrow(1, l * qDim, qDim);
            Tensor viaLast = forward.lastCharges().xGrad(g.narrow(1, perLayer.length * qDim, qDim));
            return new HeadGradients(gradLast.add(viaLast), perLayer);
        }

        /** The gradient of the energy with respect to the edge vectors, given those from the head. */
        Tensor backward(Forward forward, HeadGradients head) {
            Tensor gradRbf = torch.zeros_like(rbf), gradDistances = torch.zeros_like(distances);
            Tensor gradX = head.last();
            // Per TensorNet layer, the gradient of its messages, for its radial MLP's share below.
            Tensor[] gradMessages = new Tensor[forward.layers().size()];
            for (int l = forward.layers().size() - 1; l >= 0; l--) {
                Layer t = forward.layers().get(l);
                Tensor gradCharges = head.charges() == null ? null : head.charges()[l];
                gradX = backThroughLayer(t, layers.get(l), gradX, gradCharges, gradRbf, gradDistances, gradMessages, l);
            }
            Tensor gradComponents = backThroughEmbedding(forward, gradX, gradRbf, gradDistances);
            // TensorNet's radial MLPs last: the worker made their derivatives meanwhile (RadialBlocks).
            for (int l = 0; l < gradMessages.length; l++) {
                Layer t = forward.layers().get(l);
                if (t.radial() == null) continue;
                EdgeSums.neighborSumDistanceGradInto(gradDistances, gradMessages[l], receivers, t.y(), senders,
                        radialIndex, t.radial().derivatives());
            }
            return base.edgeVectorGrad(edges, gradRbf, gradDistances, gradComponents);
        }

        /**
         * One layer backwards: the gradient of its input. TensorNet's layer leaves the gradient of its
         * messages in {@code gradMessages[l]}, for its radial MLP's share of the distances'
         * gradient at the end ({@link #backward}); TensorNet2's ({@link EdgeBlockWeights}) adds its radial
         * gradients to {@code gradRbf}, {@code gradDistances}, and its charges' gradient, with the head's
         * ({@code headGradCharges}), goes back through the charge block to the input.
         */
        private Tensor backThroughLayer(Layer t, Interaction layer, Tensor gradX, Tensor headGradCharges, Tensor gradRbf,
                                        Tensor gradDistances, Tensor[] gradMessagesOut, int l) {
            // Across the update: x + D + D D, the channel mix (its transpose), the normalised products.
            Tensor gradMixed = AtomUpdate.layerOutputGrad(gradX, t.mixed(), scale);
            Tensor gradProducts = layer.mixProductsGrad(t.mixed(), t.products(), gradMixed);
            Tensor[] gradMessagesAndY = AtomUpdate.normalisedProductsGrads(gradProducts, t.messages(), t.y(), scale, layer.o3());
            Tensor gradMessages = gradMessagesAndY[0];
            // Across the message sums: each edge's weight row and sender receive their share.
            Tensor gradY;
            Tensor gradFromCharges = null;
            if (t.charged() != null) {
                Tensor[] g = t.charged().weights().backward(gradMessages, t.y(), n, gradRbf, gradDistances);
                gradY = g[0].add_(gradMessagesAndY[1]);
                gradFromCharges = t.charged().predicted().xGrad(g[1].add_(headGradCharges));
            } else {
                gradY = EdgeSums.neighborSum(t.radial().weights(), radialIndex, gradMessages, receivers, senders, n)
                        .add_(gradMessagesAndY[1]);
                gradMessagesOut[l] = gradMessages;
            }
            Tensor gradParts = layer.mixInputGrad(t.y(), t.parts(), gradY);
            // The output holds the normalised input as it is: its gradient is the output's.
            Tensor gradInput = AtomUpdate.normalisedInputGrad(t.input(), gradX, gradParts);
            return gradFromCharges == null ? gradInput : gradInput.add_(gradFromCharges);
        }

        /**
         * The embedding backwards, from the gradient of its output: adds those of the radial basis and
         * distances to {@code gradRbf} and {@code gradDistances}, returns that of the edges' components.
         */
        private Tensor backThroughEmbedding(Forward forward, Tensor gradEmbedded, Tensor gradRbf, Tensor gradDistances) {
            TensorEmbedding.EdgeParts edgeParts = forward.edgeParts();
            Tensor gradSums = base.embedding().fromSumsGrad(forward.embedded(), forward.sums(), gradEmbedded);
            Tensor[] gradParts = EdgeSums.componentSumGrads(gradSums, receivers, edgeParts.projections(), radialIndex,
                    edgeParts.edgeWeights(), edgeParts.components());
            TensorEmbedding embedding = base.embedding();
            Supplier<Tensor> viaProjections = alongside(() -> embedding.rbfGrad(gradParts[0]));
            gradDistances.add_(embedding.distanceGrad(gradParts[1], atoms, edges));
            gradRbf.add_(viaProjections.get());
            return gradParts[2];
        }

        /**
         * {@code step}'s result, made on the worker while this thread goes on where the worker has
         * nothing else to do (TensorNet2's embedding, forward and backward: its layers' MLPs wait for
         * charges), else made here at once (TensorNet's worker is busy with the radial MLPs then, and
         * waiting for it would run them here first).
         */
        private Supplier<Tensor> alongside(Supplier<Tensor> step) {
            // Nothing differentiates through these steps with autograd (their gradients are written out).
            Supplier<Tensor> withoutGraph = () -> {
                try (NoGrad off = NoGrad.enter()) {
                    return step.get();
                }
            };
            if (!predictsCharges()) {
                Tensor now = withoutGraph.get();
                return () -> now;
            }
            WorkerThread.Pending task = worker.submit(() -> new Tensor[] {withoutGraph.get()});
            return () -> task.await()[0];
        }
    }
}
