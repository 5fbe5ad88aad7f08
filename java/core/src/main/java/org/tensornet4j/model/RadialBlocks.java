package org.tensornet4j.model;

import static org.tensornet4j.model.Autograd.grad;
import static org.tensornet4j.model.Autograd.leaf;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.NoGrad;

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
 * <p>Each block's graph starts from leaves of its own rows of the radial basis and distances. The
 * blocks write the weights (MLP output times cutoff) into one buffer without recording that last
 * product; its backward step is done by hand, so the MLP's output is the only [rows, 3 F] tensor
 * a block keeps, as with autograd's product in one piece.
 */
final class RadialBlocks {
    /** Rows of a block at least: smaller matrix products lose speed, and each task costs a hand-off. */
    static final long MIN_ROWS = 512;
    /** Blocks per layer at most (large systems get larger blocks): the per-block overhead stays small. */
    static final long MAX_BLOCKS = 32;

    /** Rows start..start+count-1: their leaves, and the MLP's output and cutoff once {@link #weights} has them. */
    private static final class Block {
        final long start, count;
        final Tensor rbf, distances;
        final WorkerThread.Pending task;
        Tensor[] parts;

        Block(long start, long count, Tensor rbf, Tensor distances, WorkerThread.Pending task) {
            this.start = start;
            this.count = count;
            this.rbf = rbf;
            this.distances = distances;
            this.task = task;
        }
    }

    private final List<Block> blocks = new ArrayList<>();
    private final WorkerThread worker;
    private final Tensor weights;
    private final List<Pending> backward = new ArrayList<>();

    /** A block's backward task and where its rows start. */
    private record Pending(Block block, WorkerThread.Pending grads) {}

    /**
     * Submits the layer's MLP on the radial rows' basis {@code rbf} [u, num_rbf] and {@code distances}
     * [u] (without graphs of their own: each block makes leaves of its rows).
     */
    RadialBlocks(Interaction layer, Tensor rbf, Tensor distances, WorkerThread worker) {
        this.worker = worker;
        long rows = rbf.size(0);
        this.weights = rbf.new_empty(new long[] {rows, layer.weightColumns()});
        long perBlock = Math.max(MIN_ROWS, (rows + MAX_BLOCKS - 1) / MAX_BLOCKS);
        for (long start = 0; start < rows; start += perBlock) {
            long count = Math.min(perBlock, rows - start);
            Tensor blockRbf = leaf(rbf.narrow(0, start, count));
            Tensor blockDistances = leaf(distances.narrow(0, start, count));
            Tensor out = weights.narrow(0, start, count);
            blocks.add(new Block(start, count, blockRbf, blockDistances, worker.submit(() -> {
                Tensor[] parts = layer.radialParts(blockRbf, blockDistances);
                try (NoGrad off = NoGrad.enter()) {
                    torch.mul_out(out, parts[0], parts[1].unsqueeze(1));
                }
                return parts;
            })));
        }
    }

    /** The weights [u, 3 F] (no graph), once every block has written its rows. */
    Tensor weights() {
        for (Block b : blocks) if (b.parts == null) b.parts = b.task.await();
        return weights;
    }

    /**
     * Submits the backward pass of every block given the gradient of the weights [u, 3 F]; the
     * gradients of the radial basis and distances come from {@link #addGradients}.
     */
    void backward(Tensor gradWeights) {
        for (Block b : blocks) {
            Tensor g = gradWeights.narrow(0, b.start, b.count);
            Tensor[] parts = b.parts;
            backward.add(new Pending(b, worker.submit(() -> {
                // weights = mlp * cutoff: d/d mlp = g * cutoff, d/d cutoff = sum over columns of g * mlp.
                Tensor gradMlp = g.mul(parts[1].unsqueeze(1));
                Tensor gradCutoff = g.mul(parts[0]).sum(new long[] {1}, false, new ScalarTypeOptional());
                return grad(parts, new Tensor[] {b.rbf, b.distances}, new Tensor[] {gradMlp, gradCutoff}, false);
            })));
        }
    }

    /** Adds the blocks' gradients to the rows of {@code gradRbf} [u, num_rbf] and {@code gradDistances} [u]. */
    void addGradients(Tensor gradRbf, Tensor gradDistances) {
        for (Pending p : backward) {
            Tensor[] g = p.grads().await();
            gradRbf.narrow(0, p.block().start, p.block().count).add_(g[0]);
            gradDistances.narrow(0, p.block().start, p.block().count).add_(g[1]);
        }
    }
}
