package org.tensornet4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensornet4j.Fixtures;

class CheckpointFixturesTest {
    private static final String EMB = "model.representation_model.tensor_embedding.emb.weight";

    static List<Path> checkpoints() throws IOException {
        return Fixtures.checkpoints();
    }

    @Test
    void allSevenFixturesAreFound() throws IOException {
        List<Path> found = checkpoints();
        assertEquals(7, found.size(), () -> "fixtures: " + found);
    }

    @ParameterizedTest
    @MethodSource("checkpoints")
    void everyFixtureLoadsWithPlainHyperParameters(Path file) {
        Checkpoint ckpt = Checkpoint.read(file);
        assertEquals(file, ckpt.source());
        Map<String, Object> hp = ckpt.hyperParameters();
        String expectedModel = file.getFileName().toString().startsWith("tn2-") ? "tensornet2" : "tensornet";
        assertEquals(expectedModel, hp.get("model"));
        assertInstanceOf(Long.class, hp.get("embedding_dimension"));
        assertInstanceOf(Long.class, hp.get("num_layers"));
        assertInstanceOf(Double.class, hp.get("cutoff_upper"));
        assertInstanceOf(Double.class, hp.get("cutoff_lower"));
        assertInstanceOf(Boolean.class, hp.get("derivative"));
        long precision = (Long) hp.get("precision");
        assertTrue(precision == 32 || precision == 64, "precision " + precision);

        Map<String, Tensor> sd = ckpt.stateDict();
        assertFalse(sd.isEmpty());
        ScalarType floatType = precision == 64 ? ScalarType.Double : ScalarType.Float;
        for (Map.Entry<String, Tensor> e : sd.entrySet()) {
            assertTrue(e.getKey().startsWith("model."), e.getKey());
            Tensor t = e.getValue();
            assertTrue(t.is_contiguous(), e.getKey());
            if (t.is_floating_point()) assertEquals(floatType, Tensors.dtype(t), e.getKey());
        }
        long maxZ = (Long) hp.get("max_z");
        long channels = (Long) hp.get("embedding_dimension");
        assertArrayEquals(new long[] {maxZ, channels}, Tensors.shape(sd.get(EMB)));
        assertEquals(0, sd.get("model.mean").dim(), "mean is 0-dim");
        assertEquals(0, sd.get("model.std").dim(), "std is 0-dim");
    }

    static Stream<Arguments> modelTable() {
        // From the fixtures README: channels, layers, rbf, cutoff, mean, std.
        return Stream.of(
                Arguments.of("tn-small", 32, 2, 16, 5.0, -1.5, 2.0),
                Arguments.of("tn-spice", 128, 2, 64, 10.0, -3.25, 0.75),
                Arguments.of("tn-priors", 32, 2, 16, 5.0, -1.5, 2.0),
                Arguments.of("tn-f64", 32, 2, 16, 5.0, -1.5, 2.0),
                Arguments.of("tn-oldformat", 32, 2, 16, 5.0, -1.5, 2.0),
                Arguments.of("tn-bench", 128, 2, 32, 5.0, -1.0, 1.5),
                Arguments.of("tn2-bench", 128, 2, 32, 5.0, -1.0, 1.5));
    }

    @ParameterizedTest
    @MethodSource("modelTable")
    void hyperParametersAndBuffersMatchTheReadme(String name, long channels, long layers, long rbf, double cutoff,
            double mean, double std) {
        Checkpoint ckpt = Checkpoint.read(Fixtures.checkpoint(name));
        Map<String, Object> hp = ckpt.hyperParameters();
        assertEquals(channels, hp.get("embedding_dimension"));
        assertEquals(layers, hp.get("num_layers"));
        assertEquals(rbf, hp.get("num_rbf"));
        assertEquals(cutoff, hp.get("cutoff_upper"));
        assertEquals(0.0, hp.get("cutoff_lower"));
        assertEquals("expnorm", hp.get("rbf_type"));
        assertEquals("O(3)", hp.get("equivariance_invariance_group"));
        assertEquals(mean, ckpt.stateDict().get("model.mean").item_double());
        assertEquals(std, ckpt.stateDict().get("model.std").item_double());
        assertArrayEquals(new long[] {rbf},
                Tensors.shape(ckpt.stateDict().get("model.representation_model.distance_expansion.means")));
        assertArrayEquals(new long[] {channels / 2, channels},
                Tensors.shape(ckpt.stateDict().get(name.equals("tn-oldformat")
                        ? "model.output_model.output_network.0.weight"
                        : "model.output_model.output_network.layers.0.weight")));
    }

    @Test
    void nestedHyperParametersArePlainJava() {
        Map<String, Object> hp = Checkpoint.read(Fixtures.checkpoint("tn-priors")).hyperParameters();
        assertEquals(-1L, hp.get("ngpus"));
        assertEquals(32L, hp.get("precision"));
        assertEquals(null, hp.get("box_vecs"));
        assertTrue(hp.containsKey("box_vecs"));
        assertEquals(Map.of("version", "1.1.4", "max_gradient", 50.94), hp.get("dataset_arg"));
        List<?> priors = assertInstanceOf(List.class, hp.get("prior_model"));
        assertEquals(3, priors.size());
        Map<?, ?> zbl = (Map<?, ?>) ((Map<?, ?>) priors.get(0)).get("ZBL");
        assertEquals(4.0, zbl.get("cutoff_distance"));
        assertEquals(1e-10, zbl.get("distance_scale"));
        List<?> atomicNumbers = assertInstanceOf(List.class, zbl.get("atomic_number"));
        assertTrue(atomicNumbers.stream().allMatch(z -> z instanceof Long), atomicNumbers.toString());
        assertThrows(UnsupportedOperationException.class, () -> hp.put("model", "other"));
        assertThrows(UnsupportedOperationException.class, () -> ckpt("tn-small").stateDict().clear());
    }

    @Test
    void legacyFileHasCheckErrorsAndLacksNewerKeys() {
        Map<String, Object> hp = Checkpoint.read(Fixtures.checkpoint("tn-oldformat")).hyperParameters();
        assertEquals(Boolean.TRUE, hp.get("check_errors"));
        assertFalse(hp.containsKey("box_vecs"));
        assertFalse(hp.containsKey("static_shapes"));
        assertFalse(ckpt("tn-oldformat").stateDict().containsKey("model.representation_model.distance.box"));
    }

    @Test
    void tensorsSharingOneStorageLoadWithEqualValues() {
        Map<String, Tensor> sd = ckpt("tn-priors").stateDict();
        Tensor initial = sd.get("model.prior_model.2.initial_atomref");
        Tensor weight = sd.get("model.prior_model.2.atomref.weight");
        assertArrayEquals(new long[] {100, 1}, Tensors.shape(initial));
        assertArrayEquals(Tensors.values(initial), Tensors.values(weight));
        // Each tensor owns its own copy, so changing one cannot change the other.
        assertNotEquals(initial.data_ptr().address(), weight.data_ptr().address());
        assertFalse(initial.is_alias_of(weight));
    }

    @Test
    void gpuWrittenStoragesLoadOnTheCpu() {
        Tensor emb = ckpt("tn-spice").stateDict().get(EMB);
        assertEquals(ScalarType.Float, Tensors.dtype(emb));
        assertTrue(emb.is_cpu());
    }

    @Test
    void float64FixtureHoldsTheFloat32WeightsCast() {
        Map<String, Tensor> small = ckpt("tn-small").stateDict();
        Map<String, Tensor> f64 = ckpt("tn-f64").stateDict();
        assertEquals(small.keySet(), f64.keySet());
        for (String name : small.keySet()) {
            Tensor s = small.get(name);
            Tensor d = f64.get(name);
            if (!s.is_floating_point()) continue;
            assertEquals(ScalarType.Double, Tensors.dtype(d), name);
            try (Tensor cast = s.to(ScalarType.Double)) {
                assertTrue(cast.equal(d), name);
            }
        }
        assertEquals(ScalarType.Float, Tensors.dtype(small.get(EMB)));
        assertArrayEquals(Tensors.values(small.get(EMB)), Tensors.values(f64.get(EMB)));
    }

    @Test
    void stateDictKeepsFileOrder() {
        List<String> keys = List.copyOf(ckpt("tn-small").stateDict().keySet());
        assertEquals("model.mean", keys.get(0));
        assertEquals("model.std", keys.get(1));
        assertEquals("model.representation_model.distance_expansion.means", keys.get(2));
        assertEquals("model.output_model.output_network.layers.2.bias", keys.get(keys.size() - 1));
    }

    private static Checkpoint ckpt(String name) {
        return Checkpoint.read(Fixtures.checkpoint(name));
    }
}
