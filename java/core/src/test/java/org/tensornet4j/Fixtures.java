package org.tensornet4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The read-only TorchMD-Net reference fixtures in tests/fixtures (path from the tn4j.fixtures system property). */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    public static Path root() {
        String p = System.getProperty("tn4j.fixtures", "../../tests/fixtures");
        return Path.of(p).toAbsolutePath().normalize();
    }

    public static Path tensornet() { return root().resolve("tensornet"); }

    public static Path checkpoint(String model) { return tensornet().resolve(model + ".ckpt"); }

    public static Path system(String name) { return root().resolve("systems/" + name); }

    /** Every reference file {@code <model>__<input>.json}, whatever models and inputs exist. */
    public static List<Path> references() {
        try (Stream<Path> s = Files.list(tensornet())) {
            return s.filter(p -> p.getFileName().toString().contains("__") && p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parsed reference case. */
    public record Reference(String name, Path checkpoint, String dtype, AtomicSystem system, double[] energy,
                            double[][] forces, long directedPairs) {}

    public static Reference reference(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            long[] z = longs(n.get("z"));
            double[][] pos = matrix(n.get("pos"));
            AtomicSystem s = AtomicSystem.of(z, pos);
            if (n.hasNonNull("box")) s = s.withBox(matrix(n.get("box")));
            if (n.hasNonNull("batch")) s = s.withBatch(longs(n.get("batch")));
            if (n.hasNonNull("q")) s = s.withCharges(doubles(n.get("q")));
            JsonNode pairs = n.get("pairs");
            return new Reference(file.getFileName().toString(), tensornet().resolve(n.get("checkpoint").asText()),
                    n.get("dtype").asText(), s, doubles(n.get("energy")), matrix(n.get("forces")),
                    pairs == null ? -1 : pairs.get("directed_pairs_including_self").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asLong();
        return out;
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }

    static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) out[i] = doubles(a.get(i));
        return out;
    }
}
