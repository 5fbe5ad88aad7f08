package org.tensornet4j.cli;

import java.nio.file.Path;

/**
 * Where the checkout is: the launcher passes its root as system property {@code tn4j.home};
 * without it (an IDE, plain {@code java -cp}) the current directory is taken. The benchmark structures
 * and baselines are part of it, in {@code tests/fixtures}.
 */
final class Home {
    private Home() {
    }

    static Path root() {
        String home = System.getProperty("tn4j.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
    }

    static Path fixtures() {
        return root().resolve("tests/fixtures");
    }
}
