package org.tensornet4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The read-only fixtures in tests/fixtures, for the tests of every module: core publishes its test
 * classes as a test-jar, and bridge, train and cli depend on it, so there is one place that knows the
 * layout ({@code tensornet/<model>.ckpt}, {@code tensornet/<model>__<input>.json},
 * {@code systems/<name>.pdb}) and the reference format. Maven passes the location as the system
 * property {@code tn4j.fixtures}; without it, the path from a module directory (java/X) is used.
 */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    public static Path root() {
        String p = System.getProperty("tn4j.fixtures", "../../tests/fixtures");
        Path root = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("shared fixtures not found at " + root + "; run the tests through Maven"
                    + " or pass -Dtn4j.fixtures=<repository>/tests/fixtures");
        }
        return root;
    }

    public static Path tensornet() { return root().resolve("tensornet"); }

    public static Path checkpoint(String model) { return tensornet().resolve(model + ".ckpt"); }

    /** A test system's PDB file, e.g. {@code system("caffeine")}. */
    public static Path system(String name) { return root().resolve("systems/" + name + ".pdb"); }

    /** The reference file {@code <model>__<input>.json} of {@code name = "<model>__<input>"}, unparsed. */
    public static Path referenceFile(String name) { return tensornet().resolve(name + ".json"); }

    /** Every fixture checkpoint, sorted by name. */
    public static List<Path> checkpoints() {
        try (Stream<Path> s = Files.list(tensornet())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ckpt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
