package org.tensornet4j.model;

import static org.tensornet4j.model.Autograd.grad;
import static org.tensornet4j.model.Autograd.leaf;
import static org.tensornet4j.model.Autograd.leaves;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.torch.NoGrad;
import org.tensornet4j.torch.TensorScope;

/**
 * Energy and forces with memory bounded by one chunk of edges instead of all of them: activation
 * checkpointing, by hand.
 *
 * <p>Why: for the backward pass autograd keeps every per-edge intermediate of every stage (radial
 * MLP activations, gathered neighbour tensors: dozens of [edges, channels] tensors). For factor IX
 * with 128 channels that was most of an 18 GB peak; STMV (30,000 atoms, a million edges) did not fit
 * in 24 GB at all.
 *
 * <p>How: the forward pass runs without autograd and keeps only per-atom tensors: the embedding's
 * edge sums, each layer's input X and summed messages. The backward pass then walks the stages in
 * reverse. Each stage is recomputed with autograd from leaves made of its stored per-atom inputs,
 * and the per-edge part (which only ever enters through a sum over edges) is recomputed one chunk at
 * a time: a chunk's vector-Jacobian product with the gradient of the sum gives that chunk's share of
 * the gradients of the sender tensors and of the edge vectors. The gradients of all edge vectors are
 * finally pulled back to the positions (and, for the virial, the box) through the neighbour list. Each chunk touches only the
 * block of atoms that receive its edges (see {@link Edges}), so work stays O(edges) overall. The
 * per-atom stages (embedding output, each layer's update) run a block of atoms at a time in both
 * passes, so their [atoms, channels, 3, 3] temporaries are bounded too; only the read-out sees all
 * atoms at once (its reduction over molecules does not split). The extra forward pass costs less
 * than the memory traffic it saves: this is faster than plain autograd from a few thousand atoms on.
 */
final class ChunkedGradient {
    /**
     * Edges x channels per chunk (8192 edges at 128 channels: 4 MB per [edges, channels] tensor).
     * Measured on DHFR with tn-bench (2-core build machine): 2^20 took 1.2 GB and 5.5 s, plain
     * autograd 5.9 GB and 6.7 s; 2^22 was slower than 2^20 (fresh memory for every large temporary,
     * fewer cache hits), 2^18 no faster but with many more, smaller ops.
     */
    private static final long EDGE_CHANNELS_PER_CHUNK = 1L << 20;

    private final TorchMDNet model;
    private final TensorNet net;
    private final long edgesPerChunk;
    private final long atomsPerBlock;

    ChunkedGradient(TorchMDNet model, TensorNet net, long edgesPerChunk) {
        this.model = model;
        this.net = net;
        this.edgesPerChunk = edgesPerChunk;
        // An atom carries several [3, 3] products per channel in the per-atom stages, an edge about
        // one: a quarter as many atoms per block as edges per chunk keeps the two alike in memory.
        this.atomsPerBlock = Math.max(1, edgesPerChunk / 4);
    }

    /** Default chunk size: fewer edges per chunk the more channels each edge carries. */
    static long edgesPerChunk(long channels) {
        return Math.max(1024, EDGE_CHANNELS_PER_CHUNK / channels);
    }

    TorchMDNet.Evaluation evaluate(GradientInputs targets, NeighborPairs pairs, Tensor chargeScale) {
        ModelInputs in = targets.inputs();
        Tensor z = in.z();
        Tensor atoms = TensorNet.atoms(z, pairs);
        Tensor scale = TensorNet.chargeScale(chargeScale, pairs);
        Run run = new Run(pairs, atoms, scale);

        // Forward without autograd: only per-atom tensors are kept.
        List<Tensor> inputs = new ArrayList<>();
        List<IrreducibleTensors.Compact> messages = new ArrayList<>();
        IrreducibleTensors.Compact sums;
        Tensor x;
        try (NoGrad off = NoGrad.enter()) {
            sums = run.embeddingSums();
            x = run.embeddingOutput(sums);
            for (Interaction layer : net.layers()) {
                inputs.add(x);
                IrreducibleTensors.Compact y = run.senderInputs(layer, x);
                IrreducibleTensors.Compact m = run.messages(layer, y);
                messages.add(m);
                x = run.layerOutput(layer, x, y, m);
            }
        }

        // Read-out with autograd, then back through the layers and the embedding to the edge vectors.
        Tensor last = leaf(x);
        TorchMDNet.Energies energy = model.energiesFromFeatures(net.readout(last, z.size(0)), in);
        Tensor gradX = grad(new Tensor[] {energy.molecules().sum()}, new Tensor[] {last}, null, false)[0];
        for (int l = net.layers().size() - 1; l >= 0; l--) {
            gradX = run.backThroughLayer(net.layers().get(l), inputs.get(l), messages.get(l), gradX);
        }
        run.backThroughEmbedding(sums, gradX);
        Tensor[] gradients = targets.grad(new Tensor[] {pairs.vectors()}, new Tensor[] {run.gradVectors});
        return new TorchMDNet.Evaluation(energy.molecules().detach(), gradients, energy.atoms().detach(), null);
    }

    /** A range of edges: the first one, how many, their vectors [count, 3] and what the network reads of them. */
    private record Chunk(long start, long count, Tensor vectors, Edges edges) {}

    /**
     * One evaluation: the pairs, the atoms (ghost included), the chunking of the edges and the
     * gradient with respect to the edge vectors, which each backward stage adds its share to.
     */
    private final class Run {
        private final NeighborPairs pairs;
        private final Tensor atoms;
        private final Tensor chargeScale;
        private final Tensor vectors;
        private final Tensor gradVectors;
        private final long n;

        Run(NeighborPairs pairs, Tensor atoms, Tensor chargeScale) {
            this.pairs = pairs;
            this.atoms = atoms;
            this.chargeScale = chargeScale;
            this.vectors = pairs.vectors().detach();
            this.gradVectors = torch.zeros_like(vectors);
            this.n = atoms.size(0);
        }

        IrreducibleTensors.Compact embeddingSums() {
            IrreducibleTensors.Compact total = zeros();
            forEachChunk(false, c -> addInPlace(blocks(total, c.edges()), net.embedding().edgeSums(atoms, c.edges()).tensors()));
            return total;
        }

        /** The embedding's X [N, F, 3, 3] from the edge sums, a block of atoms at a time. */
        Tensor embeddingOutput(IrreducibleTensors.Compact sums) {
            Tensor x = vectors.new_zeros(n, channels(), 3, 3);
            forEachAtomBlock((first, count) -> x.narrow(0, first, count).copy_(net.embedding().fromSums(rows(sums, first, count))));
            return x;
        }

        /** The layer's Y (what each atom sends), a block of atoms at a time. */
        IrreducibleTensors.Compact senderInputs(Interaction layer, Tensor x) {
            IrreducibleTensors.Compact y = zeros();
            forEachAtomBlock((first, count) -> copyInto(rows(y, first, count), layer.prepare(x.narrow(0, first, count)).y()));
            return y;
        }

        /** The layer's new X from its input X, Y and summed messages, a block of atoms at a time. */
        Tensor layerOutput(Interaction layer, Tensor x, IrreducibleTensors.Compact y, IrreducibleTensors.Compact m) {
            Tensor out = torch.zeros_like(x);
            forEachAtomBlock((first, count) -> {
                Interaction.Prepared p = layer.prepare(x.narrow(0, first, count));
                Tensor next = layer.update(new Interaction.Prepared(p.x(), rows(y, first, count)), rows(m, first, count),
                        chargeScale(first, count));
                out.narrow(0, first, count).copy_(next);
            });
            return out;
        }

        IrreducibleTensors.Compact messages(Interaction layer, IrreducibleTensors.Compact y) {
            IrreducibleTensors.Compact total = zeros();
            forEachChunk(false, c -> addInPlace(blocks(total, c.edges()),
                    layer.messages(Interaction.atSenders(y, c.edges()), c.edges()).tensors()));
            return total;
        }

        /**
         * Given the gradient of the energy with respect to a layer's output, returns the one with
         * respect to its input X. The per-atom stages run a block of atoms at a time as well: each
         * atom's update reads only that atom's X, Y and messages.
         */
        Tensor backThroughLayer(Interaction layer, Tensor input, IrreducibleTensors.Compact messages, Tensor gradOut) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor gradX = torch.zeros_like(input);
                IrreducibleTensors.Compact gradY = zeros();
                IrreducibleTensors.Compact gradMessages = zeros();
                forEachAtomBlock((first, count) -> {
                    Tensor x = leaf(input.narrow(0, first, count));
                    Interaction.Prepared p = layer.prepare(x);
                    IrreducibleTensors.Compact y = leaves(p.y());
                    IrreducibleTensors.Compact m = leaves(rows(messages, first, count));
                    Tensor out = layer.update(new Interaction.Prepared(p.x(), y), m, chargeScale(first, count));
                    Tensor[] g = grad(new Tensor[] {out}, concat(new Tensor[] {x}, y.tensors(), m.tensors()),
                            new Tensor[] {gradOut.narrow(0, first, count)}, false);
                    gradX.narrow(0, first, count).copy_(g[0]);
                    copyInto(rows(gradY, first, count), new IrreducibleTensors.Compact(g[1], g[2], g[3]));
                    copyInto(rows(gradMessages, first, count), new IrreducibleTensors.Compact(g[4], g[5], g[6]));
                });
                IrreducibleTensors.Compact yAll;
                try (NoGrad off = NoGrad.enter()) {
                    yAll = senderInputs(layer, input);
                }
                forEachChunk(true, c -> {
                    // The senders' Y as a leaf of its own: its gradient is per edge, and scatters to the senders below.
                    IrreducibleTensors.Compact ySenders = leaves(Interaction.atSenders(yAll, c.edges()));
                    IrreducibleTensors.Compact part = layer.messages(ySenders, c.edges());
                    Tensor[] gc = grad(part.tensors(), concat(ySenders.tensors(), new Tensor[] {c.vectors()}),
                            blocks(gradMessages, c.edges()), false);
                    Tensor[] gy = gradY.tensors();
                    for (int k = 0; k < 3; k++) gy[k].index_add_(0, c.edges().senders(), gc[k]);
                    gradVectors.narrow(0, c.start(), c.count()).add_(gc[3]);
                });
                forEachAtomBlock((first, count) -> {
                    Tensor x = leaf(input.narrow(0, first, count));
                    Tensor[] g = grad(layer.prepare(x).y().tensors(), new Tensor[] {x}, rows(gradY, first, count).tensors(), false);
                    gradX.narrow(0, first, count).add_(g[0]);
                });
                return scope.keep(gradX);
            }
        }

        /** Adds the edge vectors' share, given the gradient of the energy with respect to the embedding's output. */
        void backThroughEmbedding(IrreducibleTensors.Compact sums, Tensor gradOut) {
            try (TensorScope scope = TensorScope.open()) {
                IrreducibleTensors.Compact gradSums = zeros();
                forEachAtomBlock((first, count) -> {
                    IrreducibleTensors.Compact s = leaves(rows(sums, first, count));
                    Tensor[] g = grad(new Tensor[] {net.embedding().fromSums(s)}, s.tensors(),
                            new Tensor[] {gradOut.narrow(0, first, count)}, false);
                    copyInto(rows(gradSums, first, count), new IrreducibleTensors.Compact(g[0], g[1], g[2]));
                });
                forEachChunk(true, c -> {
                    IrreducibleTensors.Compact part = net.embedding().edgeSums(atoms, c.edges());
                    Tensor[] gc = grad(part.tensors(), new Tensor[] {c.vectors()}, blocks(gradSums, c.edges()), false);
                    gradVectors.narrow(0, c.start(), c.count()).add_(gc[0]);
                });
            }
        }

        /** Runs {@code body(first, count)} for each block of atoms, each in a scope of its own. */
        private void forEachAtomBlock(AtomBlock body) {
            for (long first = 0; first < n; first += atomsPerBlock) {
                try (TensorScope scope = TensorScope.open()) {
                    body.run(first, Math.min(atomsPerBlock, n - first));
                }
            }
        }

        /**
         * Runs {@code body} for each chunk of edges, each in a scope of its own (its temporaries are
         * freed before the next chunk); with {@code vectorsAsLeaf} the chunk's vectors are an autograd leaf.
         */
        private void forEachChunk(boolean vectorsAsLeaf, Consumer<Chunk> body) {
            for (long start = 0; start < pairs.size(); start += edgesPerChunk) {
                long count = Math.min(edgesPerChunk, pairs.size() - start);
                try (TensorScope scope = TensorScope.open()) {
                    Tensor v = vectorsAsLeaf ? leaf(vectors.narrow(0, start, count)) : vectors.narrow(0, start, count);
                    body.accept(new Chunk(start, count, v, net.edges(pairs, start, count, v, n)));
                }
            }
        }

        /** Zeros [N, F, ..] for each compact part. */
        private IrreducibleTensors.Compact zeros() {
            long f = channels();
            return new IrreducibleTensors.Compact(vectors.new_zeros(n, f), vectors.new_zeros(n, f, 3), vectors.new_zeros(n, f, 6));
        }

        private long channels() {
            return model.config().hiddenChannels();
        }

        /** The charge factor of atoms first..first+count-1, or null for neutral molecules. */
        private Tensor chargeScale(long first, long count) {
            return chargeScale == null ? null : chargeScale.narrow(0, first, count);
        }
    }

    /** Work on the atoms first..first+count-1. */
    private interface AtomBlock {
        void run(long first, long count);
    }

    /** Rows first..first+count-1 of each part (views). */
    private static IrreducibleTensors.Compact rows(IrreducibleTensors.Compact c, long first, long count) {
        return new IrreducibleTensors.Compact(c.iso().narrow(0, first, count), c.vec().narrow(0, first, count),
                c.sym().narrow(0, first, count));
    }

    private static void copyInto(IrreducibleTensors.Compact target, IrreducibleTensors.Compact source) {
        target.iso().copy_(source.iso());
        target.vec().copy_(source.vec());
        target.sym().copy_(source.sym());
    }

    /** The rows of the block of {@code edges} of each part of a per-atom {@code c}. */
    private static Tensor[] blocks(IrreducibleTensors.Compact c, Edges edges) {
        return new Tensor[] {edges.block(c.iso()), edges.block(c.vec()), edges.block(c.sym())};
    }

    /** sums[k] += parts[k]: accumulators are updated in place, so chunks add no memory. */
    private static void addInPlace(Tensor[] sums, Tensor[] parts) {
        for (int k = 0; k < sums.length; k++) sums[k].add_(parts[k]);
    }

    private static Tensor[] concat(Tensor[]... parts) {
        List<Tensor> all = new ArrayList<>();
        for (Tensor[] p : parts) all.addAll(List.of(p));
        return all.toArray(new Tensor[0]);
    }
}
