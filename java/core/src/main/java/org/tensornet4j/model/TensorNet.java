package org.tensornet4j.model;

import static org.tensornet4j.torch.Ops.scalar;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;

/**
 * TensorNet's representation model ({@code representation_model.*}): neighbour list, radial basis,
 * tensor embedding, interaction layers and the invariant read-out to per-atom features [N, F].
 * The stages are exposed one by one for {@link ChunkedGradient}, which runs them edge chunk by edge chunk.
 */
final class TensorNet implements RepresentationModel {
    private final TensorNetBase base;
    private final List<Interaction> layers = new ArrayList<>();

    TensorNet(ParameterStore p, String prefix, ModelConfig c, NeighborStrategy neighbors) {
        this.base = new TensorNetBase(p, prefix, c, neighbors);
        for (int l = 0; l < c.numLayers(); l++) layers.add(new Interaction(p, prefix + ".layers." + l, c));
    }

    @Override
    public NeighborPairs pairs(Tensor pos, Tensor batch, Tensor box) {
        return base.pairs(pos, batch, box);
    }

    @Override
    public Output forward(ModelInputs in, NeighborPairs pairs) {
        return new Output(forward(in.z(), pairs, chargeScale(in.charge())), null);
    }

    /** The charge factor only acts inside interaction layers: without layers a total charge changes nothing. */
    @Override
    public boolean needsTotalCharge() {
        return false;
    }

    @Override
    public boolean readsTotalCharge() {
        return !layers.isEmpty();
    }

    /**
     * Per-atom features [N, F] with autograd through everything.
     *
     * @param chargeScale [N, 1, 1, 1] = 1 + 0.1 q, or null when all molecules are neutral
     */
    Tensor forward(Tensor z, NeighborPairs pairs, Tensor chargeScale) {
        Tensor atoms = atoms(z, pairs);
        Tensor scale = chargeScale(chargeScale, pairs);
        Edges edges = edges(pairs, 0, pairs.size(), pairs.vectors(), atoms.size(0));
        Tensor x = base.embedding().forward(atoms, edges);
        for (Interaction layer : layers) x = layer.forward(x, edges, scale);
        return readout(x, z.size(0));
    }

    /**
     * The atoms the network works on: with static shapes the padding pairs belong to a ghost atom
     * (type 0, neutral) appended here and dropped again by {@link #readout}, so they never reach a real atom.
     */
    static Tensor atoms(Tensor z, NeighborPairs pairs) {
        return pairs.padded() ? Ops.cat(0, z, z.new_zeros(1)) : z;
    }

    /** The charge factor of TensorNet's products, [N, 1, 1, 1] = 1 + 0.1 q, or null for neutral molecules. */
    static Tensor chargeScale(Tensor charge) {
        return charge == null ? null : charge.mul(scalar(0.1)).add(scalar(1)).reshape(-1, 1, 1, 1);
    }

    /** The charge factor for {@link #atoms}: 1 for the ghost atom. */
    static Tensor chargeScale(Tensor chargeScale, NeighborPairs pairs) {
        if (chargeScale == null || !pairs.padded()) return chargeScale;
        return Ops.cat(0, chargeScale, chargeScale.new_full(new long[] {1, 1, 1, 1}, scalar(1)));
    }

    /** Pairs start..start+count-1 with their vectors [count, 3], for a network of {@code atoms} atoms (ghost included). */
    Edges edges(NeighborPairs pairs, long start, long count, Tensor vectors, long atoms) {
        return base.edges(pairs, start, count, vectors, atoms);
    }

    TensorEmbedding embedding() { return base.embedding(); }

    TensorNetBase base() { return base; }

    @Override
    public void close() {
        base.close();
        for (Interaction layer : layers) layer.close();
    }

    List<Interaction> layers() { return layers; }

    /** Invariant per-atom features [atoms, F] from the last X, for the first {@code atoms} rows (the ghost dropped). */
    Tensor readout(Tensor x, long atoms) {
        return base.readout(x, atoms);
    }
}
