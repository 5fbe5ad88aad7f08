package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only fixtures in tests/fixtures; the build passes their location as tn4j.fixtures. */
public final class TestFixtures {
    private TestFixtures() {
    }

    public static Path root() {
        String dir = System.getProperty("tn4j.fixtures");
        Path path = Path.of(dir == null ? "../tests/fixtures" : dir).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(path), "shared fixtures not found at " + path + " (system property tn4j.fixtures)");
        return path;
    }

    public static Path system(String name) {
        return root().resolve("systems/" + name + ".pdb");
    }

    public static Path reference(String name) {
        return root().resolve("tensornet/" + name + ".json");
    }
}
