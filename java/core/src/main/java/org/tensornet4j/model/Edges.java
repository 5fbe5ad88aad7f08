package org.tensornet4j.model;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.nn.RadialBasis;
import org.tensornet4j.torch.NoGrad;
import org.tensornet4j.torch.Ops;

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
 * <p>Radial features depend on the distance only, and every pair i-j comes in both directions with
 * the same distance (bit for bit: the two vectors are each other's negation). When the edges are the
 * whole list, the radial inputs are therefore kept once per unordered pair ({@code radial*}, U rows,
 * one of them shared by all self pairs and padding, whose distance is 0)
 * and the radial networks run on U rows instead of all edges: about half the work of TensorNet's
 * largest matrix products, forward and backward, with the same result (the gradient of a shared
 * distance reaches the positions through one of the two edges instead of half through each: the
 * same sum). {@link #perEdge} spreads such per-pair rows back to the edges.
 *
 * @param receivers       int64 [e] receiving atoms
 * @param senders         int64 [e] sending atoms
 * @param localReceivers  int64 [e] receivers - firstReceiver: rows of the block
 * @param unitVectors     [e, 3] vectors / distances; zero for self pairs and padding
 * @param radialDistances [u] distance of each unordered pair (u = e when not deduplicated)
 * @param radialRbf       [u, num_rbf] radial basis of {@code radialDistances}
 * @param radialIndex     int64 [e] row of each edge in the radial tensors, or null when u = e in edge order
 * @param packedPartRows  int64 [e * 10] for each edge and packed number (see {@link #perEdgePacked}), its
 *                        row in radial rows of three parts viewed as [u * 3, F]
 * @param edgePackedPartRows the same for per-edge rows of three parts, [e * 3, F] (see {@link #packedFromEdgeParts})
 * @param radialRepresentative int64 [u] the edge whose distance each radial row is (its gradient goes back
 *                        through that edge only), or null when u = e in edge order
 * @param unitDivisors    [e] what the vectors were divided by for {@code unitVectors}: the distances, 1 for
 *                        self pairs and padding (no graph)
 */
record Edges(Tensor receivers, Tensor senders, long firstReceiver, long receiverRows, Tensor localReceivers,
             Tensor unitVectors, Tensor radialDistances, Tensor radialRbf, Tensor radialIndex, Tensor packedPartRows,
             Tensor edgePackedPartRows, Tensor radialRepresentative, Tensor unitDivisors) {

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
        Tensor divisors = distances.masked_fill(notDistinct, scalar(1));
        Tensor unitVectors = vectors.div(divisors.unsqueeze(1));
        Tensor edgeIds = position.sub(Ops.integer(start));
        Tensor radialIndex = null;
        Tensor representative = null;
        Tensor radialDistances = distances;
        // A chunk of a long list rarely holds both directions of a pair: deduplicating would cost more than it saves.
        if (count == pairs.size() && count > 0) {
            // Self pairs and padding all have distance 0: one radial row serves them all (chignolin: 166 of
            // 2996 rows of the radial MLPs). Sorted keys, then runs of equal keys: unique_dim does the same
            // but was 15x slower (7 ms for chignolin).
            Tensor keys = unorderedPairKey(receivers, senders, atoms).masked_fill(notDistinct, Ops.integer(atoms * atoms));
            T_TensorTensor_T sorted = keys.sort();
            T_TensorTensorTensor_T runs = torch.unique_consecutive(sorted.get0(), true, false, new LongOptional());
            radialIndex = edgeIds.new_empty(count).scatter_(0, sorted.get1(), runs.get1());
            // Either edge of a pair may represent it: their distances are equal.
            representative = edgeIds.new_zeros(runs.get0().size(0)).scatter_(0, radialIndex, edgeIds);
            radialDistances = Ops.indexSelect(distances, representative);
        }
        // Radial rows are the edges themselves unless deduplicated: then the two index tensors are one.
        Tensor[] packedRows = radialIndex != null
                ? IrreducibleTensors.packedPartRows(edgeIds, radialIndex)
                : IrreducibleTensors.packedPartRows(edgeIds);
        return new Edges(receivers, senders, first, rows, local, unitVectors, radialDistances,
                basis.expand(radialDistances), radialIndex, packedRows[packedRows.length - 1], packedRows[0],
                representative, divisors.detach());
    }

    /**
     * The gradient of the edge vectors [e, 3] given those of what this class derived from them: the
     * radial basis [u, num_rbf] and distances [u] of the radial rows, and per edge the tensor components
     * [e, 10] (1, the unit vector, its symmetric traceless outer product; see TensorEmbedding.EdgeParts).
     * By hand, for the native-kernel path: the chain rule of {@link #of}, op by op.
     */
    Tensor vectorGrad(Tensor gradRbf, Tensor gradRadialDistances, Tensor gradComponents, RadialBasis basis) {
        try (NoGrad off = NoGrad.enter()) {
            Tensor radial = radialDistances.detach();
            Tensor gradRadial = basis.distanceGrad(radial, gradRbf).add_(gradRadialDistances);
            // Each radial row's distance is its representative edge's (the other edges' distances are not read).
            Tensor gradDistances = radialRepresentative == null ? gradRadial
                    : gradRadial.new_zeros(unitDivisors.size(0)).index_add_(0, radialRepresentative, gradRadial);
            Tensor unit = unitVectors.detach();
            Tensor gradUnit = gradComponents.narrow(1, 1, 3)
                    .add(IrreducibleTensors.symmetricOuterGrad(unit, gradComponents.narrow(1, 4, 6)));
            // distance = |v| (d/dv = unit; zero vectors have unit 0), unit = v / divisor:
            // d/dv = (g - (g . unit) unit) / divisor.
            Tensor along = gradUnit.mul(unit).sum(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
            return gradUnit.sub(unit.mul(along)).div(unitDivisors.unsqueeze(1)).add_(unit.mul(gradDistances.unsqueeze(1)));
        }
    }

    /** min(i, j) * atoms + max(i, j): the same number for both directions of a pair. */
    private static Tensor unorderedPairKey(Tensor receivers, Tensor senders, long atoms) {
        return torch.minimum(receivers, senders).mul(Ops.integer(atoms)).add(torch.maximum(receivers, senders));
    }

    /** Per-edge rows [e, ..] of a tensor computed per radial row [u, ..] (see {@link #radialRbf}). */
    Tensor perEdge(Tensor perRadialRow) {
        return radialIndex == null ? perRadialRow : Ops.indexSelect(perRadialRow, radialIndex);
    }

    /**
     * Per-part weights computed per radial row, [u, 3 F] (part-major), spread to each edge's ten packed
     * numbers, [e, 10, F]: one row gather for what would be a gather to the edges and a gather of the
     * parts to the packed numbers, forward and backward.
     */
    Tensor perEdgePacked(Tensor perRadialRowParts) {
        return spreadParts(perRadialRowParts, packedPartRows);
    }

    /**
     * Per-part weights of each edge, [e, 3 F] (part-major), spread to its ten packed numbers, [e, 10, F]:
     * a gather of rows (chignolin: 1.4 ms, where an index_select along the part dimension took 1.8 ms).
     */
    Tensor packedFromEdgeParts(Tensor perEdgeParts) {
        return spreadParts(perEdgeParts, edgePackedPartRows);
    }

    private static Tensor spreadParts(Tensor parts, Tensor packedRows) {
        long channels = parts.size(1) / 3;
        return Ops.indexSelect(parts.reshape(-1, channels), packedRows)
                .view(packedRows.size(0) / IrreducibleTensors.PACKED, IrreducibleTensors.PACKED, channels);
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
