package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.tensornet4j.Fixtures;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.torch.NoGrad;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * Inference caches derived from weights (the pair-embedding table, the stacked distance projections)
 * must follow weights changed in place, as an optimizer or a weight average does: the model then gives
 * exactly what a model freshly built from the changed weights gives.
 */
class InPlaceWeightUpdateTest {
    private static final long[] Z = {8, 1, 1, 6};
    private static final double[] POS = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0, 1.1, 1.3, 0.4};

    @Test
    void cachesFollowWeightsChangedInPlace() {
        Torch.init();
        Checkpoint ck = Checkpoint.read(Fixtures.checkpoint("tn-small"));
        try (PointerScope scope = new PointerScope();
             TorchMDNet model = ModelLoader.build(ck.source(), ck.hyperParameters(), ck.stateDict())) {
            double before = energy(model);
            assertEquals(before, energy(model), 0.0, "the cached path must be repeatable");
            try (NoGrad off = NoGrad.enter()) {
                for (String name : new String[] {"representation_model.tensor_embedding.distance_proj2.weight",
                        "representation_model.tensor_embedding.distance_proj3.bias",
                        "representation_model.tensor_embedding.emb2.weight",
                        "representation_model.tensor_embedding.emb.weight"}) {
                    Tensor w = model.stateDict().get(name);
                    w.add_(Ops.scalar(0.05));
                }
            }
            double after = energy(model);
            assertNotEquals(before, after, "a changed weight must change the energy");
            Map<String, Tensor> changed = new LinkedHashMap<>();
            model.stateDict().forEach((k, v) -> changed.put(k, v.clone()));
            try (TorchMDNet fresh = ModelLoader.build(ck.source(), ck.hyperParameters(), changed)) {
                assertEquals(energy(fresh), after, 1e-6 * Math.max(1, Math.abs(after)));
            }
        }
    }

    private static double energy(TorchMDNet model) {
        try (PointerScope scope = new PointerScope()) {
            Tensor z = Tensor.create(Z);
            Tensor pos = Tensor.create(POS, 4, 3).to(model.config().dtype());
            return model.energy(ModelInputs.of(z, pos)).sum().item_double();
        }
    }
}
