package org.tensornet4j.model;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * TorchMD-Net's {@code Scalar} output head ({@code output_model.output_network.layers.*}): an MLP
 * F -> F/2 -> (F/2 ->)* 1 with the activation after every layer but the last. In the Sequential the
 * activations take the odd indices, so the linear layers are 0, 2, 4, ...
 */
final class ScalarOutput {
    private final List<Linear> layers = new ArrayList<>();
    private final Activation act;

    ScalarOutput(ParameterStore p, String prefix, ModelConfig c) {
        long f = c.hiddenChannels();
        long hidden = f / 2;
        int index = 0;
        layers.add(new Linear(p, prefix + ".output_network.layers." + index, f, hidden, true));
        for (int k = 0; k < c.outputMlpNumLayers(); k++) {
            index += 2;
            layers.add(new Linear(p, prefix + ".output_network.layers." + index, hidden, hidden, true));
        }
        index += 2;
        layers.add(new Linear(p, prefix + ".output_network.layers." + index, hidden, 1, true));
        this.act = c.activation();
    }

    /** Per-atom outputs [N, 1] from features [N, F]. */
    Tensor preReduce(Tensor x) {
        for (int k = 0; k < layers.size(); k++) {
            x = layers.get(k).apply(x);
            if (k < layers.size() - 1) x = act.apply(x);
        }
        return x;
    }
}
