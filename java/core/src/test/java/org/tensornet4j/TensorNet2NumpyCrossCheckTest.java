package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * The Java TensorNet2 against an independent NumPy forward pass ({@code src/test/python/tensornet2_numpy.py},
 * written from TorchMD-Net's Python in its own tensor layout): the energies of a random float64 model
 * and its predicted charges, on a charged batch of two molecules. Skipped where no Python with NumPy exists.
 */
class TensorNet2NumpyCrossCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;

    @Test
    void energiesAndChargesMatchTheNumpyForwardPass() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON) && numpyAvailable(), "no /usr/bin/python3 with numpy");
        Torch.init();
        AtomicSystem caffeine = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__caffeine.json")).system();
        AtomicSystem alanine = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__alanine_dipeptide.json")).system();
        AtomicSystem s = TensorNet2Test.batch(caffeine, alanine).withCharges(1.0, -1.0);
        Map<String, Object> hp = RandomTensorNet2.hyperParameters();
        Map<String, Tensor> sd = RandomTensorNet2.stateDict(7, true);
        PotentialOutput java;
        try (TensorNetPotential model = TensorNetPotential.fromStateDict(hp, sd, Device.CPU)) {
            java = model.compute(s);
        }

        ObjectNode c = JSON.createObjectNode();
        c.set("hyper_parameters", JSON.valueToTree(hp));
        ObjectNode weights = c.putObject("state_dict");
        sd.forEach((k, t) -> {
            ObjectNode e = weights.putObject(k);
            ArrayNode shape = e.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            ArrayNode data = e.putArray("data");
            for (double v : Ops.toDoubles(t)) data.add(v);
        });
        c.set("z", JSON.valueToTree(s.atomicNumbers()));
        c.set("pos", JSON.valueToTree(s.positions()));
        c.set("batch", JSON.valueToTree(s.batch()));
        c.set("q", JSON.valueToTree(s.charges()));
        Path file = tmp.resolve("case.json");
        JSON.writeValue(file.toFile(), c);

        Path script = Path.of("src/test/python/tensornet2_numpy.py").toAbsolutePath();
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        JsonNode numpy = JSON.readTree(out);
        for (int m = 0; m < 2; m++) {
            double e = numpy.get("energy").get(m).asDouble();
            assertEquals(e, java.energy()[m], 1e-9 * Math.max(1, Math.abs(e)), "molecule " + m);
        }
        double[][] channels = java.perAtom().get(PotentialOutput.CHARGE_CHANNELS);
        for (int i = 0; i < channels.length; i++) {
            for (int k = 0; k < channels[i].length; k++) {
                assertEquals(numpy.get("charges").get(i).get(k).asDouble(), channels[i][k], 1e-10, "atom " + i + " channel " + k);
            }
        }
    }

    private static boolean numpyAvailable() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
