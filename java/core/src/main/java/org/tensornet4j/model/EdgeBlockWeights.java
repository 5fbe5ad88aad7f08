package org.tensornet4j.model;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.NoGrad;
import org.tensornet4j.torch.Ops;

/**
 * One TensorNet2 layer's message weights for {@link KernelGradient}: the radial MLP per edge (it reads
 * both atoms' charges), run block by block of edges, with each block's message sums and their
 * gradients.
 *
 * <p>Why blocks: the MLP's activations are [edges, up to 3 F] tensors, 164 MB each for DHFR. Tensors
 * that large are mapped fresh from the kernel on every call (glibc serves blocks above 32 MB with
 * mmap), and zeroing their pages took as much time as the arithmetic (DHFR: half the process's CPU
 * time in the kernel). Blocks of at most {@link #BLOCK_BYTES} come from the reused heap instead; the
 * numbers are the same, as each edge's weights depend on that edge only.
 *
 * <p>Two threads: LibTorch's matrix products run on one core here (OpenBLAS is single-threaded inside
 * LibTorch), so every block, forward and backward, is a task for the {@link WorkerThread}, and this
 * thread, when it needs a block the worker has not finished, runs the blocks nobody has started
 * ({@link WorkerThread.Pending#await}): the two threads share the blocks as they come free, whichever
 * is slower (two threads doing matrix products at once each run ~1.5x slower here). Systems of at
 * least {@link #MIN_EDGES_TO_SHARE} edges get two blocks at least, larger ones up to {@link #SHARED_BLOCKS}.
 *
 * <p>No autograd: each block keeps its MLP's tape ({@link RadialTape}), and {@link #backward} goes back
 * through the weights' product with the cutoff, the MLP and the gathers of its input (each edge's
 * radial row and both atoms' charges) by hand. For alanine dipeptide an autograd pass per block cost
 * more than the block's arithmetic.
 */
final class EdgeBlockWeights {
    /** The most bytes of one block's largest activation ([block edges, 3 F]): below glibc's 32 MB mmap threshold. */
    static final long BLOCK_BYTES = 24L << 20;
    /** Fewer edges than this stay in one block on one thread: the hand-off would cost more than the half saves. */
    static final long MIN_EDGES_TO_SHARE = 128;
    /**
     * Blocks of a shared system: enough for the two threads to even out, but blocks of at least
     * {@link #MIN_SHARED_BLOCK} edges (each block costs a hand-off and an autograd pass: alanine dipeptide
     * in six blocks took 15 instead of 13 ms), and two at least.
     */
    static final long SHARED_BLOCKS = 6;
    static final long MIN_SHARED_BLOCK = 512;

    /**
     * Edges start..start+count-1 and the task making their MLP's tape ({@link #tape}): the weights are its
     * output times its cutoff values, multiplied where the sums' kernels read them.
     */
    private static final class Block {
        final long start, count;
        final Tensor receivers, senders, radialRows;
        private final WorkerThread.Pending task;
        private RadialTape tape;

        Block(long start, long count, Tensor receivers, Tensor senders, Tensor radialRows, WorkerThread.Pending task) {
            this.start = start;
            this.count = count;
            this.receivers = receivers;
            this.senders = senders;
            this.radialRows = radialRows;
            this.task = task;
        }
    }

    private final Interaction layer;
    private final List<Block> blocks = new ArrayList<>();
    private final Tensor charges;
    private final Tensor rbf;
    private final Tensor distances;
    private final WorkerThread worker;

    /**
     * @param rbf        radial basis of the radial rows [u, num_rbf]
     * @param distances  their distances [u]
     * @param radialRows the radial row of each edge [e], or null when the rows are the edges
     * @param charges    the layer's charges [atoms, q_dim] (their graph is not used: {@link #backward}
     *                   returns their gradient)
     * @param maxPerBlock the most edges per block, if fewer than {@link #BLOCK_BYTES} allow
     * @param worker     the thread that shares the blocks (inline: none)
     */
    EdgeBlockWeights(Interaction layer, Tensor rbf, Tensor distances, Tensor radialRows, Tensor receivers, Tensor senders,
                     Tensor charges, long maxPerBlock, WorkerThread worker) {
        this.layer = layer;
        this.charges = charges.detach();
        this.rbf = rbf.detach();
        this.distances = distances.detach();
        this.worker = worker;
        long edges = receivers.size(0);
        long perBlock = Math.max(1, Math.min(maxPerBlock, BLOCK_BYTES / (layer.weightColumns() * rbf.element_size())));
        if (worker.concurrent() && edges >= MIN_EDGES_TO_SHARE) {
            long shared = Math.max(MIN_SHARED_BLOCK, (edges + SHARED_BLOCKS - 1) / SHARED_BLOCKS);
            perBlock = Math.min(perBlock, Math.min(shared, (edges + 1) / 2));
        }
        for (long start = 0; start < edges; start += perBlock) {
            long count = Math.min(perBlock, edges - start);
            Tensor r = receivers.narrow(0, start, count), s = senders.narrow(0, start, count);
            Tensor rows = radialRows == null ? null : radialRows.narrow(0, start, count);
            long first = start;
            blocks.add(new Block(start, count, r, s, rows, worker.submit(() -> {
                try (NoGrad off = NoGrad.enter()) {
                    Tensor edgeRbf = rows == null ? this.rbf.narrow(0, first, count) : Ops.indexSelect(this.rbf, rows);
                    Tensor edgeDistances = rows == null ? this.distances.narrow(0, first, count)
                            : Ops.indexSelect(this.distances, rows);
                    // The weights are the tape's output times its cutoff values: the sums' kernels multiply them.
                    return RadialTape.run(layer, Ops.cat(-1, edgeRbf, TensorNet2.edgeCharges(this.charges, r, s)),
                            edgeDistances);
                }
            })));
        }
    }

    /** Block {@code b}'s tape (its weights: the MLP's output times the cutoff values), once its task is done. */
    private RadialTape tape(Block b) {
        if (b.tape == null) {
            Tensor[] t = b.task.await();
            b.tape = RadialTape.restore(layer, t, t.length);
        }
        return b.tape;
    }

    /** The messages [rows, 10, F]: per receiver, the sum over its edges of weights x the sender's {@code y}. */
    Tensor messages(Tensor y, long rows) {
        Tensor out = Ops.newZeros(y, rows, IrreducibleTensors.PACKED, y.size(-1));
        for (Block b : blocks) {
            RadialTape t = tape(b);
            EdgeSums.neighborSumInto(out, t.output(), t.cutoffValues(), null, y, b.senders, b.receivers);
        }
        return out;
    }

    /**
     * Back through {@link #messages}, given its gradient: the gradients of {@code y} (this share of it)
     * [rows, 10, F] and of the layer's charges [atoms, q_dim]; adds those of the radial basis and the
     * distances to {@code gradRbf} and {@code gradDistances}.
     */
    Tensor[] backward(Tensor gradMessages, Tensor y, long rows, Tensor gradRbf, Tensor gradDistances) {
        Tensor gradY = Ops.newZeros(y, rows, IrreducibleTensors.PACKED, y.size(-1));
        Tensor gradCharges = torch.zeros_like(charges);
        long basis = rbf.size(1), q = charges.size(1);
        List<WorkerThread.Pending> tasks = new ArrayList<>();
        for (Block b : blocks) {
            RadialTape t = tape(b);
            tasks.add(worker.submit(() -> {
                Tensor[] g = EdgeSums.neighborSumScaledWeightGrads(gradMessages, b.receivers, y, b.senders, t.output(),
                        t.cutoffValues());
                return t.backward(g[0], g[1]);
            }));
        }
        // gradY sums over all blocks: here, while the worker starts on the blocks' MLPs.
        for (Block b : blocks) {
            EdgeSums.neighborSumInto(gradY, b.tape.output(), b.tape.cutoffValues(), null, gradMessages, b.receivers, b.senders);
        }
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Tensor[] g = tasks.get(i).await();
            // The MLP's input: the basis of the edge's radial row, then the receiver's and the sender's charges.
            Tensor gradBasis = g[0].narrow(1, 0, basis);
            if (b.radialRows == null) {
                gradRbf.narrow(0, b.start, b.count).add_(gradBasis);
                gradDistances.narrow(0, b.start, b.count).add_(g[1]);
            } else {
                gradRbf.index_add_(0, b.radialRows, gradBasis);
                gradDistances.index_add_(0, b.radialRows, g[1]);
            }
            gradCharges.index_add_(0, b.receivers, g[0].narrow(1, basis, q));
            gradCharges.index_add_(0, b.senders, g[0].narrow(1, basis + q, q));
        }
        return new Tensor[] {gradY, gradCharges};
    }
}
