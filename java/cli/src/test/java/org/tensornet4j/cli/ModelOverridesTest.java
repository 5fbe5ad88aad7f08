package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --set KEY=VALUE}: TorchMD-Net's load_model overrides on eval, bench and test. */
class ModelOverridesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void valuesAreJsonElsePlainStrings() {
        assertEquals(10, ModelOverridesOption.Converter.value("10"));
        assertEquals(2.5, ModelOverridesOption.Converter.value("2.5"));
        assertEquals(true, ModelOverridesOption.Converter.value("true"));
        assertNull(ModelOverridesOption.Converter.value("null"));
        assertEquals(List.of(1, 2), ModelOverridesOption.Converter.value("[1, 2]"));
        assertEquals(Map.of("a", 1), ModelOverridesOption.Converter.value("{\"a\": 1}"));
        assertEquals("64", ModelOverridesOption.Converter.value("\"64\""));
        assertEquals("tanh", ModelOverridesOption.Converter.value("tanh"));
        assertEquals("1 2", ModelOverridesOption.Converter.value("1 2")); // not one JSON value: never read as 1
        var entry = new ModelOverridesOption.Converter().convert("coulomb_cutoff=1e1");
        assertEquals("coulomb_cutoff", entry.getKey());
        assertEquals(10.0, entry.getValue());
    }

    /**
     * tn-f64 holds tn-small's float32 weights cast to float64, so TorchMD-Net's
     * load_model(tn-small, precision=64) is tn-f64: its references hold to the float64 tolerance.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"caffeine", "alanine_dipeptide", "batch_caffeine_alanine_dipeptide"})
    void precision64EvaluatesTheFloat32CheckpointInFloat64(String input) throws IOException {
        Path reference = TestFixtures.reference("tn-f64__" + input);
        JsonNode ref = JSON.readTree(reference.toFile());
        MainTest.Run r = MainTest.run("eval", "--model", TestFixtures.root().resolve("tensornet/tn-small.ckpt").toString(),
                "--input", reference.toString(), "--set", "precision=64");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode out = JSON.readTree(r.out());
        for (int m = 0; m < ref.get("energy").size(); m++) {
            double e = ref.get("energy").get(m).asDouble();
            assertEquals(e, out.get("energy").get(m).asDouble(), 1e-9 * Math.max(1, Math.abs(e)));
        }
        double maxF = 0, worst = 0;
        for (int i = 0; i < ref.get("forces").size(); i++) {
            for (int k = 0; k < 3; k++) {
                double f = ref.get("forces").get(i).get(k).asDouble();
                maxF = Math.max(maxF, Math.abs(f));
                worst = Math.max(worst, Math.abs(f - out.get("forces").get(i).get(k).asDouble()));
            }
        }
        assertTrue(worst <= 1e-9 * Math.max(1, maxF), "max force deviation " + worst);
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eval", "bench", "test"})
    void unknownKeyIsRefusedWithTheKeysTheModelReads(String command) throws IOException {
        String model = TestFixtures.root().resolve("tensornet/tn-small.ckpt").toString();
        String caffeine = TestFixtures.system("caffeine").toString();
        MainTest.Run r = switch (command) {
            case "eval" -> MainTest.run("eval", "--model", model, "--input", caffeine, "--set", "max_num_neighbours=96");
            case "bench" -> MainTest.run("bench", "--model", model, "--systems", caffeine.substring(0, caffeine.lastIndexOf('/')),
                    "--set", "max_num_neighbours=96");
            default -> MainTest.run("test", "--model", model, "--data", water().toString(), "--set", "max_num_neighbours=96");
        };
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("unknown hyper-parameter 'max_num_neighbours'"), r.err());
        assertTrue(r.err().contains("max_num_neighbors, ") && r.err().contains("precision"), r.err());
    }

    /** One labelled water molecule (extended XYZ), a dataset for {@code tn4j test}. */
    private Path water() throws IOException {
        Path file = tmp.resolve("water.xyz");
        Files.writeString(file, "3\nProperties=species:S:1:pos:R:3:forces:R:3 energy=-1.0\n"
                + "O 0 0 0 0 0 0\nH 0.96 0 0 0 0 0\nH -0.24 0.93 0 0 0 0\n");
        return file;
    }

    @Test
    void malformedSetIsAUsageError() {
        MainTest.Run r = MainTest.run("eval", "--model", "m.ckpt", "--input", "x.pdb", "--set", "precision");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("'precision' is not KEY=VALUE"), r.err());
    }

    /**
     * TorchMD-Net refuses TensorNet2 without coulomb_cutoff in a periodic box; so does tn4j, naming
     * the override, which then gives a finite energy other than the (meaningless) all-pairs one.
     */
    @Test
    void tensorNet2InABoxNeedsACoulombCutoff() throws IOException {
        String model = TestFixtures.root().resolve("tensornet/tn2-bench.ckpt").toString();
        String input = TestFixtures.reference("tn2-bench__caffeine__q0").toString();
        String[] box = {"--box", "30", "0", "0", "0", "30", "0", "0", "0", "30"};
        MainTest.Run refused = MainTest.run(concat(new String[] {"eval", "--model", model, "--input", input}, box));
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("PBC is not supported with coulomb_cutoff = None"), refused.err());
        assertTrue(refused.err().contains("--set coulomb_cutoff=10"), refused.err());

        MainTest.Run fixed = MainTest.run(concat(new String[] {"eval", "--model", model, "--input", input, "--set", "coulomb_cutoff=10"}, box));
        assertEquals(0, fixed.exitCode(), fixed.err());
        double periodic = JSON.readTree(fixed.out()).get("energy").get(0).asDouble();
        double allPairs = JSON.readTree(TestFixtures.reference("tn2-bench__caffeine__q0").toFile()).get("energy").get(0).asDouble();
        assertTrue(Double.isFinite(periodic), fixed.out());
        assertNotEquals(allPairs, periodic, 1e-3, "the reaction-field energy differs from the all-pairs one");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
