package org.tensornet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;

class BenchSystemsTest {
    @TempDir
    Path tmp;

    @Test
    void defaultOrderFollowsTheBaselineAndSkipsTheHugeOnes() throws IOException {
        assertEquals(List.of("alanine_dipeptide", "testosterone", "caffeine", "chignolin", "dhfr", "factorIX"),
                names(BenchSystems.find(Fixtures.root().resolve("systems"), false)));
    }

    @Test
    void allAddsTheOthersByName() throws IOException {
        assertEquals(List.of("alanine_dipeptide", "testosterone", "caffeine", "chignolin", "dhfr", "factorIX",
                        "alanine_dipeptide_explicit", "stmv"),
                names(BenchSystems.find(Fixtures.root().resolve("systems"), true)));
    }

    @Test
    void folderWithoutPdbFilesIsAnError() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "");
        assertThrows(IllegalArgumentException.class, () -> BenchSystems.find(tmp, false));
        assertThrows(IllegalArgumentException.class, () -> BenchSystems.find(tmp.resolve("missing"), false));
    }

    private static List<String> names(List<Path> pdbs) {
        return pdbs.stream().map(BenchSystems::name).toList();
    }
}
