package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Fixtures;
import org.tensornet4j.PotentialOutput;

/** {@code tn4j eval} with several models or a zip of them, and per-atom outputs in the JSON. */
class EvalEnsembleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode eval(String... models) throws IOException {
        Path input = Fixtures.root().resolve("tensornet/tn-f64__caffeine.json");
        String[] args = new String[models.length * 2 + 3];
        args[0] = "eval";
        for (int i = 0; i < models.length; i++) {
            args[1 + 2 * i] = "--model";
            args[2 + 2 * i] = models[i];
        }
        args[args.length - 2] = "--input";
        args[args.length - 1] = input.toString();
        MainTest.Run r = MainTest.run(args);
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void severalModelsPrintTheMeanAndTheStandardDeviation() throws IOException {
        Path dir = Fixtures.root().resolve("tensornet");
        String f64 = dir.resolve("tn-f64.ckpt").toString(), bench = dir.resolve("tn-bench.ckpt").toString();
        double a = eval(f64).get("energy").get(0).asDouble(), b = eval(bench).get("energy").get(0).asDouble();
        JsonNode both = eval(f64, bench);
        assertEquals((a + b) / 2, both.get("energy").get(0).asDouble(), 1e-9 * Math.max(1, Math.abs(a)));
        assertEquals(Math.abs(a - b) / Math.sqrt(2), both.get("energy_std").get(0).asDouble(), 1e-9 * Math.max(1, Math.abs(a)));
        assertEquals(both.get("forces").size(), both.get("forces_std").size());
        assertFalse(eval(f64).has("energy_std"));

        Path zip = tmp.resolve("ensemble.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String m : new String[] {f64, bench}) {
                z.putNextEntry(new ZipEntry(Path.of(m).getFileName().toString()));
                Files.copy(Path.of(m), z);
                z.closeEntry();
            }
        }
        JsonNode zipped = eval(zip.toString());
        assertEquals(both.get("energy").get(0).asDouble(), zipped.get("energy").get(0).asDouble(), 0);
        assertEquals(both.get("energy_std").get(0).asDouble(), zipped.get("energy_std").get(0).asDouble(), 0);
    }

    @Test
    void perAtomOutputsAreWrittenByName() {
        AtomicSystem s = AtomicSystem.of(new long[] {8, 1}, new double[][] {{0, 0, 0}, {0.96, 0, 0}});
        PotentialOutput out = new PotentialOutput(new double[] {-1.0}, new double[][] {{0, 0, 0}, {0, 0, 0}}, null, null,
                Map.of(PotentialOutput.CHARGES, new double[][] {{-0.4}, {0.4}},
                        PotentialOutput.CHARGE_CHANNELS, new double[][] {{-0.3, -0.5}, {0.3, 0.5}}));
        JsonNode json = EvalCommand.json(s, out);
        assertEquals(-0.4, json.get("charges").get(0).asDouble());
        assertEquals(0.5, json.get("charge_channels").get(1).get(1).asDouble());
        assertEquals("elementary charge", json.get("units").get("charges").asText());
        assertTrue(!json.has("energy_std"));
    }
}
