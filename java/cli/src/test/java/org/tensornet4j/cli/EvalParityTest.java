package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensornet4j.Fixtures;

/**
 * {@code tn4j eval} end to end: the fixture file itself as input (JSON), its checkpoint as model,
 * stdout parsed as JSON and compared with TorchMD-Net's reference (DESIGN.md tolerances).
 */
class EvalParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Small-model references (fast; tn-priors without the 2269-atom box); the core module checks every reference. */
    static Stream<Path> references() throws IOException {
        Path dir = Fixtures.root().resolve("tensornet");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("tn-(small|f64|oldformat|priors)__.*\\.json")
                    && !p.getFileName().toString().equals("tn-priors__alanine_dipeptide_explicit_pbc.json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void evalReproducesReference(Path reference) throws IOException {
        JsonNode ref = JSON.readTree(reference.toFile());
        Path model = reference.resolveSibling(ref.get("checkpoint").asText());
        MainTest.Run r = MainTest.run("eval", "--model", model.toString(), "--input", reference.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode out = JSON.readTree(r.out());
        double tol = ref.get("dtype").asText().equals("float64") ? 1e-9 : 1e-5;
        double forceTol = ref.get("dtype").asText().equals("float64") ? 1e-9 : 1e-4;
        JsonNode e = ref.get("energy");
        assertEquals(e.size(), out.get("energy").size());
        for (int m = 0; m < e.size(); m++) {
            assertEquals(e.get(m).asDouble(), out.get("energy").get(m).asDouble(), tol * Math.max(1, Math.abs(e.get(m).asDouble())));
        }
        JsonNode f = ref.get("forces");
        double maxF = 0, worst = 0;
        for (int i = 0; i < f.size(); i++) {
            for (int k = 0; k < 3; k++) {
                maxF = Math.max(maxF, Math.abs(f.get(i).get(k).asDouble()));
                worst = Math.max(worst, Math.abs(f.get(i).get(k).asDouble() - out.get("forces").get(i).get(k).asDouble()));
            }
        }
        assertTrue(worst <= forceTol * Math.max(1, maxF), "max force deviation " + worst);
        assertEquals(ref.get("z").size(), out.get("atoms").asInt());
    }

    @Test
    void pdbInputWithChargeAndBox() {
        Path model = Fixtures.root().resolve("tensornet/tn-small.ckpt");
        MainTest.Run neutral = MainTest.run("eval", "--model", model.toString(), "--input", Fixtures.system("caffeine").toString());
        MainTest.Run charged = MainTest.run("eval", "--model", model.toString(), "--input", Fixtures.system("caffeine").toString(),
                "--charge", "1");
        assertEquals(0, neutral.exitCode(), neutral.err());
        assertEquals(0, charged.exitCode(), charged.err());
        assertTrue(!neutral.out().equals(charged.out()), "a total charge must change the O(3) model's result");
        MainTest.Run tooSmall = MainTest.run("eval", "--model", model.toString(), "--input", Fixtures.system("caffeine").toString(),
                "--box", "8", "0", "0", "0", "8", "0", "0", "0", "8");
        assertEquals(2, tooSmall.exitCode());
        assertTrue(tooSmall.err().startsWith("tn4j: error: box"), tooSmall.err());
    }

    @Test
    void everyNeighborSearchGivesTheSameOutput() {
        Path reference = Fixtures.referenceFile("tn-small__alanine_dipeptide_explicit_pbc");
        Path model = Fixtures.root().resolve("tensornet/tn-small.ckpt");
        MainTest.Run brute = MainTest.run("eval", "--model", model.toString(), "--input", reference.toString(), "--neighbors", "brute");
        MainTest.Run cell = MainTest.run("eval", "--model", model.toString(), "--input", reference.toString(), "--neighbors", "cell");
        assertEquals(0, brute.exitCode(), brute.err());
        assertEquals(0, cell.exitCode(), cell.err());
        assertEquals(brute.out(), cell.out(), "same pairs in the same order: the same numbers to the last digit");
    }

    @Test
    void badCheckpointIsAOneLineError() throws IOException {
        Path bad = tmp.resolve("bad.ckpt");
        Files.writeString(bad, "not a checkpoint");
        MainTest.Run r = MainTest.run("eval", "--model", bad.toString(), "--input", Fixtures.system("caffeine").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("tn4j: error: checkpoint " + bad), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
