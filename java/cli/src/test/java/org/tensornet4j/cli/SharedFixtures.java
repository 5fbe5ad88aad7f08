package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only fixtures in ../shared; the build passes their location as tn4j.shared. */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    public static Path shared() {
        String dir = System.getProperty("tn4j.shared");
        Path path = Path.of(dir == null ? "../shared" : dir).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(path), "shared fixtures not found at " + path + " (system property tn4j.shared)");
        return path;
    }

    public static Path system(String name) {
        return shared().resolve("fixtures/systems/" + name + ".pdb");
    }

    public static Path reference(String name) {
        return shared().resolve("fixtures/tensornet/" + name + ".json");
    }
}
