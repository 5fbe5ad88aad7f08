package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;

/**
 * TorchMD-Net's output model slot ({@code output_model.*}, its {@code OutputModel} base): the head
 * from the representation's per-atom features to per-atom outputs, before the reduction per molecule.
 */
interface OutputModel {
    /**
     * Per-atom outputs [N, 1].
     *
     * @param box the box the network uses (the input's, else the model's box_vecs), [3, 3] or null
     */
    Tensor preReduce(RepresentationModel.Output representation, ModelInputs in, Tensor box);

    /**
     * Refuses a box this head cannot evaluate with (with the fix in the message).
     *
     * @param inputBox the box given with the input, or null
     * @param box      the box the head will use (the input's, else the model's box_vecs), or null
     */
    default void validateBox(double[][] inputBox, double[][] box) {
    }

    /** The weight of each charge channel [C] in the per-atom charge: equal weights unless the head says otherwise. */
    default Tensor chargeWeights(Tensor channels) {
        return channels.new_ones(channels.size(1));
    }
}
