package org.tensornet4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensornet4j.model.TorchMdNetFixups;

class TorchMdNetFixupsTest {
    private static final String BOX = "representation_model.distance.box";
    private static final String EMBEDDING_FACTORS = "representation_model.tensor_embedding.linears_scalar.1.";

    private static Checkpoint small;
    private static Checkpoint old;

    @BeforeAll
    static void load() {
        small = Checkpoint.read(Fixtures.checkpoint("tn-small"));
        old = Checkpoint.read(Fixtures.checkpoint("tn-oldformat"));
    }

    @Test
    void legacyFileBecomesTheCurrentLayoutInTheCurrentOrder() {
        Map<String, Tensor> current = TorchMdNetFixups.apply(small.hyperParameters(), small.stateDict());
        Map<String, Tensor> fixed = TorchMdNetFixups.apply(old.hyperParameters(), old.stateDict());
        assertEquals(current.keySet(), fixed.keySet());
        assertEquals(List.copyOf(current.keySet()), List.copyOf(fixed.keySet()));
        for (String name : current.keySet()) {
            assertArrayEquals(Tensors.shape(current.get(name)), Tensors.shape(fixed.get(name)), name);
            assertEquals(Tensors.dtype(current.get(name)), Tensors.dtype(fixed.get(name)), name);
        }
    }

    @Test
    void singleAtomrefPriorOfOldCheckpointsBecomesPriorZero() {
        Map<String, Tensor> sd = new LinkedHashMap<>(small.stateDict());
        Tensor table = torch.zeros(new long[] {10, 1}, new TensorOptions(ScalarType.Float));
        sd.put("model.prior_model.initial_atomref", table);
        sd.put("model.prior_model.atomref.weight", table);
        Map<String, Tensor> fixed = TorchMdNetFixups.apply(small.hyperParameters(), sd);
        assertSame(table, fixed.get("prior_model.0.initial_atomref"));
        assertSame(table, fixed.get("prior_model.0.atomref.weight"));
        assertFalse(fixed.containsKey("prior_model.initial_atomref"));
    }

    @Test
    void missingBoxIsAddedAsZeroOfTheModelPrecision() {
        Map<String, Tensor> fixed = TorchMdNetFixups.apply(old.hyperParameters(), old.stateDict());
        Tensor box = fixed.get(BOX);
        assertArrayEquals(new long[] {3, 3}, Tensors.shape(box));
        assertEquals(ScalarType.Float, Tensors.dtype(box));
        assertArrayEquals(new double[9], Tensors.values(box));

        Map<String, Tensor> f64 = new LinkedHashMap<>(Checkpoint.read(Fixtures.checkpoint("tn-f64")).stateDict());
        f64.remove("model." + BOX);
        assertEquals(ScalarType.Double, Tensors.dtype(TorchMdNetFixups.apply(Map.of(), f64).get(BOX)));
    }

    @Test
    void legacyScalarLinearRowsMoveFromFThreeToThreeFOrder() {
        Map<String, Tensor> fixed = TorchMdNetFixups.apply(old.hyperParameters(), old.stateDict());
        List<String> remapped = List.of(EMBEDDING_FACTORS + "weight", EMBEDDING_FACTORS + "bias",
                "representation_model.layers.0.linears_scalar.2.weight",
                "representation_model.layers.0.linears_scalar.2.bias",
                "representation_model.layers.1.linears_scalar.2.weight",
                "representation_model.layers.1.linears_scalar.2.bias");
        for (String name : remapped) {
            Tensor legacy = old.stateDict().get("model." + name);
            Tensor current = fixed.get(name);
            assertArrayEquals(Tensors.shape(legacy), Tensors.shape(current), name);
            long f = legacy.size(0) / 3;
            assertEquals(32, f, name);
            for (long k = 0; k < 3; k++) {
                for (long i = 0; i < f; i++) {
                    assertArrayEquals(Tensors.row(legacy, i * 3 + k), Tensors.row(current, k * f + i),
                            name + " legacy row " + (i * 3 + k));
                }
            }
            assertFalse(Tensors.rowsEqual(legacy, current), name + " must actually change");
        }
        // Neighbouring linears keep the file's order.
        String untouched = "representation_model.layers.0.linears_scalar.1.weight";
        assertSame(old.stateDict().get("model." + untouched), fixed.get(untouched));
    }

    @Test
    void outputNetworkIsRenamedWithoutCopying() {
        Map<String, Tensor> fixed = TorchMdNetFixups.apply(old.hyperParameters(), old.stateDict());
        assertSame(old.stateDict().get("model.output_model.output_network.0.weight"),
                fixed.get("output_model.output_network.layers.0.weight"));
        assertSame(old.stateDict().get("model.output_model.output_network.2.bias"),
                fixed.get("output_model.output_network.layers.2.bias"));
        assertFalse(fixed.containsKey("output_model.output_network.0.weight"));
    }

    @Test
    void currentFileOnlyLosesThePrefix() {
        Map<String, Tensor> fixed = TorchMdNetFixups.apply(small.hyperParameters(), small.stateDict());
        assertEquals(small.stateDict().size(), fixed.size());
        for (Map.Entry<String, Tensor> e : small.stateDict().entrySet()) {
            assertSame(e.getValue(), fixed.get(e.getKey().substring("model.".length())), e.getKey());
        }
        assertTrue(fixed.containsKey(BOX));
        assertNotSame(small.stateDict(), fixed);
    }

    @Test
    void checkErrorsAloneTriggersTheRemapWhateverItsValue() {
        Map<String, Tensor> sd = Map.of(EMBEDDING_FACTORS + "bias", arange(6));
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("check_errors", null);
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, Tensors.values(TorchMdNetFixups.apply(legacy, sd)
                .get(EMBEDDING_FACTORS + "bias")));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, Tensors.values(TorchMdNetFixups.apply(Map.of(), sd)
                .get(EMBEDDING_FACTORS + "bias")));
    }

    @Test
    void deeperOutputNamesAreNotLegacy() {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("model.output_model.output_network.0.update_net.layers.0.weight", arange(2));
        sd.put("model.output_model.output_network.1.bias", arange(2));
        Map<String, Tensor> fixed = TorchMdNetFixups.apply(Map.of(), sd);
        assertEquals(List.of("output_model.output_network.0.update_net.layers.0.weight",
                "output_model.output_network.layers.1.bias"), List.copyOf(fixed.keySet()));
        assertFalse(fixed.containsKey(BOX), "no representation model, no box");
    }

    @Test
    void collidingNamesAreRejected() {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("model.mean", arange(1));
        sd.put("mean", arange(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchMdNetFixups.apply(Map.of(), sd));
        assertTrue(e.getMessage().contains("mean"), e.getMessage());
    }

    @Test
    void legacyFactorWithoutThreeFRowsIsRejected() {
        Map<String, Tensor> sd = Map.of(EMBEDDING_FACTORS + "bias", arange(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchMdNetFixups.apply(Map.of("check_errors", true), sd));
        assertTrue(e.getMessage().contains("3F rows"), e.getMessage());
    }

    private static Tensor arange(int n) {
        try (Scalar end = new Scalar(n); TensorOptions options = new TensorOptions(ScalarType.Float)) {
            return torch.arange(end, options);
        }
    }
}
