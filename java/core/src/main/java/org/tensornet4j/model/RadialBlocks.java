package org.tensornet4j.model;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * One TensorNet layer's radial MLP for {@link KernelGradient}, in blocks of radial rows that the
 * {@link WorkerThread} and the calling thread share, forward and backward.
 *
 * <p>Why blocks: the radial MLPs are most of TensorNet's arithmetic (77 % for chignolin). As one task
 * per layer on the worker, the calling thread waited for them (chignolin: ~15 of 57 ms per call)
 * while the worker idled during the layers' per-atom work. In blocks, a caller that waits runs the
 * blocks nobody has started ({@link WorkerThread.Pending#await}), so neither thread idles for long.
 * Each row's weights depend on that row only: the numbers are the same as in one piece.
 *
 * <p>No autograd: each block keeps its MLP's tape ({@link RadialTape}) and writes the weights (the MLP's
 * output times the cutoff) into one buffer; the backward pass goes through the product, the cutoff
 * and the MLP by hand, to the rows of the radial basis and distances.
 */
final class RadialBlocks {
    /** Rows of a block at least: smaller matrix products lose speed, and each task costs a hand-off. */
    static final long MIN_ROWS = 512;
    /** Blocks per layer at most (large systems get larger blocks): the per-block overhead stays small. */
    static final long MAX_BLOCKS = 32;

    /** Rows start..start+count-1, their forward task and, once {@link #weights} has it, its tape. */
    private static final class Block {
        final long start, count;
        final WorkerThread.Pending task;
        RadialTape tape;

        Block(long start, long count, WorkerThread.Pending task) {
            this.start = start;
            this.count = count;
            this.task = task;
        }
    }

    private final Interaction layer;
    private final List<Block> blocks = new ArrayList<>();
    private final WorkerThread worker;
    private final Tensor weights;
    private final List<WorkerThread.Pending> backward = new ArrayList<>();

    /**
     * Submits the layer's MLP on the radial rows' basis {@code rbf} [u, num_rbf] and {@code distances}
     * [u] (their graphs are not used: the gradients come back from {@link #addGradients}).
     */
    RadialBlocks(Interaction layer, Tensor rbf, Tensor distances, WorkerThread worker) {
        this.layer = layer;
        this.worker = worker;
        long rows = rbf.size(0);
        this.weights = rbf.new_empty(new long[] {rows, layer.weightColumns()});
        long perBlock = Math.max(MIN_ROWS, (rows + MAX_BLOCKS - 1) / MAX_BLOCKS);
        for (long start = 0; start < rows; start += perBlock) {
            long count = Math.min(perBlock, rows - start);
            Tensor blockRbf = rbf.detach().narrow(0, start, count);
            Tensor blockDistances = distances.detach().narrow(0, start, count);
            Tensor out = weights.narrow(0, start, count);
            blocks.add(new Block(start, count, worker.submit(() -> {
                Tensor[] tape = RadialTape.run(layer, blockRbf, blockDistances);
                RadialTape.restore(layer, tape, tape.length).weights(out);
                return tape;
            })));
        }
    }

    /** The weights [u, 3 F] (no graph), once every block has written its rows. */
    Tensor weights() {
        for (Block b : blocks) {
            if (b.tape != null) continue;
            Tensor[] t = b.task.await();
            b.tape = RadialTape.restore(layer, t, t.length);
        }
        return weights;
    }

    /**
     * Submits the backward pass of every block given the gradient of the weights [u, 3 F]; the
     * gradients of the radial basis and distances come from {@link #addGradients}.
     */
    void backward(Tensor gradWeights) {
        weights();
        for (Block b : blocks) {
            Tensor g = gradWeights.narrow(0, b.start, b.count);
            backward.add(worker.submit(() -> b.tape.backward(g)));
        }
    }

    /** Adds the blocks' gradients to the rows of {@code gradRbf} [u, num_rbf] and {@code gradDistances} [u]. */
    void addGradients(Tensor gradRbf, Tensor gradDistances) {
        for (int i = 0; i < backward.size(); i++) {
            Block b = blocks.get(i);
            Tensor[] g = backward.get(i).await();
            gradRbf.narrow(0, b.start, b.count).add_(g[0]);
            gradDistances.narrow(0, b.start, b.count).add_(g[1]);
        }
    }
}
