package org.tensornet4j.model;

import static org.tensornet4j.model.Autograd.grad;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
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
 * <p>Each block's graph starts from leaves: the radial basis and distances of the pass, and a leaf
 * copy of the layer's charges, whose gradient {@link #backward} sums over the blocks.
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

    /** Edges start..start+count-1 and the task making their weights [count, 3 F] (with the MLP's graph). */
    private static final class Block {
        final long count;
        final Tensor receivers, senders;
        private final WorkerThread.Pending task;
        private Tensor weights;

        Block(long count, Tensor receivers, Tensor senders, WorkerThread.Pending task) {
            this.count = count;
            this.receivers = receivers;
            this.senders = senders;
            this.task = task;
        }

        Tensor weights() {
            if (weights == null) weights = task.await()[0];
            return weights;
        }
    }

    private final List<Block> blocks = new ArrayList<>();
    private final Tensor charges;
    private final Tensor rbf;
    private final Tensor distances;
    private final WorkerThread worker;

    /**
     * @param rbf        radial basis of the radial rows [u, num_rbf], a leaf
     * @param distances  their distances [u], a leaf
     * @param radialRows the radial row of each edge [e], or null when the rows are the edges
     * @param charges    the layer's charges [atoms, q_dim]: a leaf copy is what the MLP reads
     * @param maxPerBlock the most edges per block, if fewer than {@link #BLOCK_BYTES} allow
     * @param worker     the thread that takes every other block (inline: none)
     */
    EdgeBlockWeights(Interaction layer, Tensor rbf, Tensor distances, Tensor radialRows, Tensor receivers, Tensor senders,
                     Tensor charges, long maxPerBlock, WorkerThread worker) {
        this.charges = Autograd.leaf(charges);
        this.rbf = rbf;
        this.distances = distances;
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
            blocks.add(new Block(count, r, s, worker.submit(() -> {
                Tensor edgeRbf = rows == null ? rbf.narrow(0, first, count) : Ops.indexSelect(rbf, rows);
                Tensor edgeDistances = rows == null ? distances.narrow(0, first, count) : Ops.indexSelect(distances, rows);
                return new Tensor[] {layer.edgeWeights(edgeRbf, edgeDistances, TensorNet2.edgeCharges(this.charges, r, s))};
            })));
        }
    }

    /** The messages [rows, 10, F]: per receiver, the sum over its edges of weights x the sender's {@code y}. */
    Tensor messages(Tensor y, long rows) {
        Tensor out = Ops.newZeros(y, rows, IrreducibleTensors.PACKED, y.size(-1));
        for (Block b : blocks) EdgeSums.neighborSumInto(out, b.weights(), null, y, b.senders, b.receivers);
        return out;
    }

    /**
     * Back through {@link #messages}, given its gradient: the gradients of {@code y} (this share of it)
     * [rows, 10, F] and of the layer's charges [atoms, q_dim]; adds those of the radial basis and the
     * distances to {@code gradRbf} and {@code gradDistances}. Frees each block's graph.
     */
    Tensor[] backward(Tensor gradMessages, Tensor y, long rows, Tensor gradRbf, Tensor gradDistances) {
        Tensor gradY = Ops.newZeros(y, rows, IrreducibleTensors.PACKED, y.size(-1));
        Tensor gradCharges = torch.zeros_like(charges);
        List<WorkerThread.Pending> tasks = new ArrayList<>();
        for (Block b : blocks) {
            Tensor[] outputs = {b.weights()}, inputs = {rbf, distances, charges};
            tasks.add(worker.submit(() -> {
                Tensor gradWeights = EdgeSums.neighborSumWeightGrad(gradMessages, b.receivers, y, b.senders, null, b.count);
                return grad(outputs, inputs, new Tensor[] {gradWeights}, false);
            }));
        }
        // gradY sums over all blocks: here, while the worker starts on the blocks' MLPs.
        for (Block b : blocks) EdgeSums.neighborSumInto(gradY, b.weights(), null, gradMessages, b.receivers, b.senders);
        for (WorkerThread.Pending p : tasks) {
            Tensor[] g = p.await();
            gradRbf.add_(g[0]);
            gradDistances.add_(g[1]);
            gradCharges.add_(g[2]);
        }
        return new Tensor[] {gradY, gradCharges};
    }
}
