package org.tensornet4j.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the shared TensorNet fixtures through the {@code tn4j.fixtures} system property. */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir() {
        String shared = System.getProperty("tn4j.fixtures");
        if (shared == null) {
            throw new IllegalStateException("system property tn4j.fixtures is not set; run the tests through Maven"
                    + " or pass -Dtn4j.fixtures=<repository>/tests/fixtures");
        }
        Path dir = Path.of(shared, "tensornet");
        if (!Files.isDirectory(dir)) throw new IllegalStateException("fixture directory " + dir + " does not exist");
        return dir;
    }

    static Path checkpoint(String name) {
        return dir().resolve(name + ".ckpt");
    }

    static List<Path> allCheckpoints() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ckpt")).sorted().toList();
        }
    }
}
