package org.tensornet4j.model;

import static org.tensornet4j.model.Ops.scalar;

import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.neighbors.NeighborPairs;

/**
 * What the network reads per edge, for a contiguous range of the neighbour pairs: the receiving and
 * sending atoms and the geometry derived from the edge vectors. The vectors are passed in so that a
 * chunked backward pass can make them a leaf of their own.
 *
 * <p>Sums over these edges go to a block of atoms only, rows {@code firstReceiver ..
 * firstReceiver + receiverRows - 1}: the receivers of a range of pairs are a short run because the
 * pairs are sorted by receiver. Work per chunk of edges then stays proportional to the chunk, not to
 * the number of atoms.
 *
 * @param receivers      int64 [e] receiving atoms
 * @param senders        int64 [e] sending atoms
 * @param localReceivers int64 [e] receivers - firstReceiver: rows of the block
 * @param distances      [e]
 * @param unitVectors    [e, 3] vectors / distances; zero for self pairs and padding
 * @param rbf            [e, num_rbf]
 */
record Edges(Tensor receivers, Tensor senders, long firstReceiver, long receiverRows, Tensor localReceivers,
             Tensor distances, Tensor unitVectors, Tensor rbf) {

    /**
     * Pairs start..start+count-1 of {@code pairs}, with their vectors {@code vectors} [count, 3]; all
     * pairs get a block of all {@code atoms} atoms.
     */
    static Edges of(NeighborPairs pairs, long start, long count, Tensor vectors, RadialBasis basis, long atoms) {
        Tensor receivers = pairs.index().select(0, 0).narrow(0, start, count);
        Tensor senders = pairs.index().select(0, 1).narrow(0, start, count);
        long first = 0;
        long rows = atoms;
        Tensor local = receivers;
        if (count < pairs.size() && count > 0) {
            first = receivers.min().item_long();
            rows = receivers.max().item_long() - first + 1;
            local = receivers.sub(Ops.integer(first));
        }
        Tensor distances = vectors.norm(new ScalarOptional(scalar(2)), new long[] {1}, false);
        // Self pairs and padding (from distinctPairs on) have zero vectors: dividing them by 1 keeps them
        // zero without a NaN gradient, as TorchMD-Net does.
        Tensor position = torch.arange(scalar(start), scalar(start + count), Ops.options(receivers, ScalarType.Long));
        Tensor notDistinct = position.ge(Ops.integer(pairs.distinctPairs()));
        Tensor unitVectors = vectors.div(distances.masked_fill(notDistinct, scalar(1)).unsqueeze(1));
        return new Edges(receivers, senders, first, rows, local, distances, unitVectors, basis.expand(distances));
    }

    /** Sums rows of {@code src} [e, ..] by receiver into the block [receiverRows, ..]. */
    Tensor sumByReceiver(Tensor src) {
        return Ops.scatterAdd(src, localReceivers, receiverRows);
    }

    /** The block's rows of a per-atom tensor [N, ..]. */
    Tensor block(Tensor perAtom) {
        return perAtom.narrow(0, firstReceiver, receiverRows);
    }
}
