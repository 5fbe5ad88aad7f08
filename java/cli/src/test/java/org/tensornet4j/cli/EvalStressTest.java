package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Device;
import org.tensornet4j.Fixtures;
import org.tensornet4j.OptionalOutput;
import org.tensornet4j.PotentialOutput;
import org.tensornet4j.TensorNetPotential;

/** {@code tn4j eval --stress --atom-energies}: the virial, the stress (and in GPa with a known unit), each atom's energy. */
class EvalStressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] BOX = {"--box", "12", "0", "0", "1", "11", "0", "-2", "3", "12.5"};

    private static MainTest.Run eval(String... extra) {
        Path model = Fixtures.checkpoint("tn-f64");
        Path input = Fixtures.root().resolve("tensornet/tn-f64__caffeine.json");
        String[] args = new String[3 + extra.length];
        args[0] = "eval";
        args[1] = "--model=" + model;
        args[2] = "--input=" + input;
        System.arraycopy(extra, 0, args, 3, extra.length);
        return MainTest.run(args);
    }

    @Test
    void stressAndAtomEnergiesMatchTheJavaApi() throws IOException {
        String[] args = new String[BOX.length + 4];
        System.arraycopy(BOX, 0, args, 0, BOX.length);
        args[BOX.length] = "--stress";
        args[BOX.length + 1] = "--atom-energies";
        args[BOX.length + 2] = "--set";
        args[BOX.length + 3] = "energy_unit=eV";
        MainTest.Run r = eval(args);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = JSON.readTree(r.out());

        double[][] box = {{12, 0, 0}, {1, 11, 0}, {-2, 3, 12.5}};
        AtomicSystem s = Fixtures.reference(Fixtures.referenceFile("tn-f64__caffeine")).system().withBox(box);
        PotentialOutput expected;
        try (TensorNetPotential model = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"), Device.CPU, Map.of("energy_unit", "eV"))) {
            expected = model.compute(s, EnumSet.allOf(OptionalOutput.class));
        }
        double volume = 12 * 11 * 12.5;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double w = expected.virial()[a][b];
                assertEquals(w, json.get("virial").get(a).get(b).asDouble(), 1e-12 * Math.max(1, Math.abs(w)));
                assertEquals(-w / volume, json.get("stress").get(a).get(b).asDouble(), 1e-12);
                assertEquals(-w / volume * 160.2176634, json.get("stress_gpa").get(a).get(b).asDouble(), 1e-9);
            }
        }
        double sum = 0;
        for (JsonNode e : json.get("energies")) sum += e.asDouble();
        assertEquals(json.get("energy").get(0).asDouble(), sum, 1e-9 * Math.abs(sum));
        assertEquals("eV", json.get("units").get("energy").asText());
        assertEquals("eV / angstrom^3", json.get("units").get("stress").asText());

        MainTest.Run text = eval(BOX[0], BOX[1], BOX[2], BOX[3], BOX[4], BOX[5], BOX[6], BOX[7], BOX[8], BOX[9], "--stress",
                "--format", "text");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("virial (E)") && text.out().contains("stress (E/Å³"), text.out());
        assertFalse(text.out().contains("GPa"), "no GPa without a known energy unit");
    }

    @Test
    void stressWithoutABoxIsRefusedBeforeLoading() {
        MainTest.Run r = eval("--stress");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--stress needs a periodic box") && r.err().contains("--box"), r.err());
    }
}
