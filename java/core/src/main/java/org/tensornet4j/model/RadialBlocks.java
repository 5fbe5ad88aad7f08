package org.tensornet4j.model;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.nn.RadialBasis;

/**
 * One TensorNet layer's radial MLP for {@link KernelGradient}, in blocks of radial rows that the
 * {@link WorkerThread} and the calling thread share: the weights, and their derivatives with respect
 * to the distances.
 *
 * <p>Why blocks: the radial MLPs are most of TensorNet's arithmetic (77 % for chignolin). As one task
 * per layer on the worker, the calling thread waited for them (chignolin: ~15 of 57 ms per call)
 * while the worker idled during the layers' per-atom work. In blocks, a caller that waits runs the
 * blocks nobody has started ({@link WorkerThread.Pending#await}), so neither thread idles for long.
 * Each row's weights depend on that row only: the numbers are the same as in one piece.
 *
 * <p>Why derivatives, not a backward pass: the MLP's only input is the radial basis of one distance,
 * so the weights' gradient is needed along that distance alone. Their derivative along it (forward
 * mode, {@link RadialTape#distanceTangent}) costs the matrix products a backward pass costs, but it
 * needs no gradient from the layers above: its tasks queue behind the forward blocks at once, and the
 * worker runs them while the calling thread goes through the output head and the layers backwards
 * (with a backward pass the worker idled there: chignolin ~11 of 45 ms per call). The backward pass
 * is then one product per edge ({@link EdgeSums#neighborSumDistanceGradInto}).
 */
final class RadialBlocks {
    /** Rows of a block at least: smaller matrix products lose speed, and each task costs a hand-off. */
    static final long MIN_ROWS = 512;
    /** Blocks per layer at most (large systems get larger blocks): the per-block overhead stays small. */
    static final long MAX_BLOCKS = 32;

    /** Rows start..start+count-1 and their tasks: the weights (the tape's tensors) and then the derivatives. */
    private record Block(long start, long count, WorkerThread.Pending weights, WorkerThread.Pending derivatives) {}

    private final List<Block> blocks = new ArrayList<>();
    private final Tensor weights;
    private final Tensor derivatives;
    private boolean derivativesDone;

    /**
     * Submits the layer's MLP on the radial rows' basis {@code rbf} [u, num_rbf] and {@code distances}
     * [u] (their graphs are not used); the derivatives follow with {@link #submitDerivatives}.
     */
    RadialBlocks(Interaction layer, Tensor rbf, Tensor distances, WorkerThread worker) {
        long rows = rbf.size(0);
        this.weights = rbf.new_empty(new long[] {rows, layer.weightColumns()});
        this.derivatives = rbf.new_empty(new long[] {rows, layer.weightColumns()});
        long perBlock = Math.max(MIN_ROWS, (rows + MAX_BLOCKS - 1) / MAX_BLOCKS);
        for (long start = 0; start < rows; start += perBlock) {
            long count = Math.min(perBlock, rows - start);
            Tensor out = weights.narrow(0, start, count);
            long first = start;
            blocks.add(new Block(start, count, worker.submit(() -> {
                // Views made here, in the task's scope: the tape hands them on with its other tensors.
                Tensor blockRbf = rbf.detach().narrow(0, first, count);
                Tensor blockDistances = distances.detach().narrow(0, first, count);
                Tensor[] tape = RadialTape.run(layer, blockRbf, blockDistances);
                RadialTape.restore(layer, tape, tape.length).weights(out);
                return tape;
            }), null));
        }
    }

    /**
     * Submits, for every block, the weights' derivatives with respect to the distances (after this
     * layer's weights: submit every layer's weights first, so that the layers' forward passes do not
     * wait for derivatives).
     */
    void submitDerivatives(Interaction layer, RadialBasis basis, Tensor distances, WorkerThread worker) {
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Tensor blockDistances = distances.detach().narrow(0, b.start(), b.count());
            Tensor out = derivatives.narrow(0, b.start(), b.count());
            blocks.set(i, new Block(b.start(), b.count(), b.weights(), worker.submit(() -> {
                // The tape is this task's now: freed as soon as the derivatives are made.
                Tensor[] tape = b.weights().take();
                RadialTape.restore(layer, tape, tape.length).distanceTangent(basis.derivatives(blockDistances), out);
                return new Tensor[0];
            })));
        }
    }

    /** The weights [u, 3 F] (no graph), once every block has written its rows. */
    Tensor weights() {
        for (Block b : blocks) b.weights().join();
        return weights;
    }

    /** The weights' derivatives with respect to their row's distance [u, 3 F], once every block has written its rows. */
    Tensor derivatives() {
        if (!derivativesDone) {
            for (Block b : blocks) {
                if (b.derivatives() == null) throw new IllegalStateException("submitDerivatives was not called");
                b.derivatives().await();
            }
            derivativesDone = true;
        }
        return derivatives;
    }
}
