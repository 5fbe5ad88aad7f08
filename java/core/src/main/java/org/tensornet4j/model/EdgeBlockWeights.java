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
 * <p>Each block's graph starts from leaves: the radial basis and distances of the pass, and a leaf
 * copy of the layer's charges, whose gradient {@link #backward} sums over the blocks.
 */
final class EdgeBlockWeights {
    /** The most bytes of one block's largest activation ([block edges, 3 F]): below glibc's 32 MB mmap threshold. */
    static final long BLOCK_BYTES = 24L << 20;

    /** Edges start..start+count-1 and their weights [count, 3 F] (with the MLP's graph). */
    private record Block(long start, long count, Tensor receivers, Tensor senders, Tensor weights) {}

    private final List<Block> blocks = new ArrayList<>();
    private final Tensor charges;
    private final Tensor rbf;
    private final Tensor distances;

    /**
     * @param rbf        radial basis of the radial rows [u, num_rbf], a leaf
     * @param distances  their distances [u], a leaf
     * @param radialRows the radial row of each edge [e], or null when the rows are the edges
     * @param charges    the layer's charges [atoms, q_dim]: a leaf copy is what the MLP reads
     * @param maxPerBlock the most edges per block, if fewer than {@link #BLOCK_BYTES} allow
     */
    EdgeBlockWeights(Interaction layer, Tensor rbf, Tensor distances, Tensor radialRows, Tensor receivers, Tensor senders,
                     Tensor charges, long maxPerBlock) {
        this.charges = Autograd.leaf(charges);
        this.rbf = rbf;
        this.distances = distances;
        long edges = receivers.size(0);
        long perBlock = Math.max(1, Math.min(maxPerBlock, BLOCK_BYTES / (layer.weightColumns() * rbf.element_size())));
        for (long start = 0; start < edges; start += perBlock) {
            long count = Math.min(perBlock, edges - start);
            Tensor r = receivers.narrow(0, start, count), s = senders.narrow(0, start, count);
            Tensor rows = radialRows == null ? null : radialRows.narrow(0, start, count);
            Tensor edgeRbf = rows == null ? rbf.narrow(0, start, count) : Ops.indexSelect(rbf, rows);
            Tensor edgeDistances = rows == null ? distances.narrow(0, start, count) : Ops.indexSelect(distances, rows);
            Tensor edgeCharges = Ops.cat(-1, Ops.indexSelect(this.charges, r), Ops.indexSelect(this.charges, s));
            blocks.add(new Block(start, count, r, s, layer.edgeWeights(edgeRbf, edgeDistances, edgeCharges)));
        }
    }

    /** The messages [rows, 10, F]: per receiver, the sum over its edges of weights x the sender's {@code y}. */
    Tensor messages(Tensor y, long rows) {
        Tensor out = Ops.newZeros(y, rows, IrreducibleTensors.PACKED, y.size(-1));
        for (Block b : blocks) EdgeSums.neighborSumInto(out, b.weights(), null, y, b.senders(), b.receivers());
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
        for (Block b : blocks) {
            Tensor gradWeights = EdgeSums.neighborSumWeightGrad(gradMessages, b.receivers(), y, b.senders(), null, b.count());
            EdgeSums.neighborSumInto(gradY, b.weights(), null, gradMessages, b.receivers(), b.senders());
            Tensor[] g = grad(new Tensor[] {b.weights()}, new Tensor[] {rbf, distances, charges}, new Tensor[] {gradWeights},
                    false);
            gradRbf.add_(g[0]);
            gradDistances.add_(g[1]);
            gradCharges.add_(g[2]);
        }
        return new Tensor[] {gradY, gradCharges};
    }
}
