package org.tensornet4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * TorchMD-Net's {@code MLP} ({@code <prefix>.layers.*}): in -> hidden (-> hidden)* -> out with the
 * activation after every linear layer but the last. In the Sequential the activations take the odd
 * indices, so the linear layers are 0, 2, 4, ...
 */
public final class Mlp {
    private final List<Linear> layers = new ArrayList<>();
    private final Activation act;

    public Mlp(ParameterStore p, String prefix, long in, long hidden, long out, int hiddenLayers, Activation act) {
        int index = 0;
        layers.add(new Linear(p, prefix + ".layers." + index, in, hidden, true));
        for (int k = 0; k < hiddenLayers; k++) {
            index += 2;
            layers.add(new Linear(p, prefix + ".layers." + index, hidden, hidden, true));
        }
        index += 2;
        layers.add(new Linear(p, prefix + ".layers." + index, hidden, out, true));
        this.act = act;
    }

    public Tensor apply(Tensor x) {
        for (int k = 0; k < layers.size(); k++) {
            x = layers.get(k).apply(x);
            if (k < layers.size() - 1) x = act.apply(x);
        }
        return x;
    }
}
