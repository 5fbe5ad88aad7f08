package org.tensornet4j.model;

import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.nn.Mlp;
import org.tensornet4j.nn.ParameterStore;

/**
 * TorchMD-Net's {@code Scalar} output head ({@code output_model.output_network.layers.*}): an
 * {@link Mlp} F -> F/2 -> (F/2 ->)* 1, {@code output_mlp_num_layers} hidden layers in the middle.
 */
final class ScalarOutput implements OutputModel {
    private final Mlp network;

    ScalarOutput(ParameterStore p, String prefix, ModelConfig c) {
        long f = c.hiddenChannels();
        this.network = new Mlp(p, prefix + ".output_network", f, f / 2, 1, c.outputMlpNumLayers(), c.activation());
    }

    /** Per-atom outputs [N, 1] from features [N, F]. */
    Tensor preReduce(Tensor x) {
        return network.apply(x);
    }

    @Override
    public Tensor preReduce(RepresentationModel.Output representation, ModelInputs in, Tensor box) {
        return preReduce(representation.features());
    }
}
