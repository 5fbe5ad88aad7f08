package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.neighbors.NeighborPairs;

/**
 * TorchMD-Net's representation model slot ({@code representation_model.*}): TensorNet or
 * TensorNet2. From the atoms and their neighbour pairs to per-atom features for the output model.
 */
interface RepresentationModel {
    /** Per-atom features [N, F] and, for models that predict them, charge channels [N, C] (else null). */
    record Output(Tensor features, Tensor charges) {}

    /** The neighbour pairs of {@code pos} within the cutoff; {@code box} [3, 3] or null. */
    NeighborPairs pairs(Tensor pos, Tensor batch, Tensor box);

    /** Features (and charges) with autograd through everything. */
    Output forward(ModelInputs in, NeighborPairs pairs);

    /** Whether the network needs each molecule's total charge (tensornet2 equilibrates its charges to it). */
    boolean needsTotalCharge();

    /** Whether a total charge changes the result. */
    boolean readsTotalCharge();

    /** Frees what the representation caches beyond its parameters. */
    void close();
}
