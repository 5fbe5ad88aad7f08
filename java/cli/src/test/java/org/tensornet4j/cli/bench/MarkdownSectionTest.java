package org.tensornet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownSectionTest {
    private final MarkdownSection section = new MarkdownSection("bench:core");

    @TempDir
    Path tmp;

    @Test
    void replacesOnlyTheSection() {
        String doc = "# Benchmarks\n\nintro\n\n<!-- bench:core:start -->\nold table\n<!-- bench:core:end -->\n\n## OpenMM\nmore\n";
        assertEquals("# Benchmarks\n\nintro\n\n<!-- bench:core:start -->\nnew table\n<!-- bench:core:end -->\n\n## OpenMM\nmore\n",
                section.replace(doc, "new table\n"));
    }

    @Test
    void appendsTheSectionWhenTheFileHasNone() {
        assertEquals("# B\nnotes\n\n<!-- bench:core:start -->\nt\n<!-- bench:core:end -->\n", section.replace("# B\nnotes\n", "t"));
    }

    @Test
    void refusesBrokenMarkers() {
        assertThrows(IllegalArgumentException.class, () -> section.replace("<!-- bench:core:start -->\nx\n", "t"));
        assertThrows(IllegalArgumentException.class,
                () -> section.replace("<!-- bench:core:end -->\n<!-- bench:core:start -->\n", "t"));
    }

    @Test
    void writesIntoAnExistingFileKeepingTheRest() throws IOException {
        Path file = Files.writeString(tmp.resolve("benchmarks.md"), "# Benchmarks\n\nhand-written notes\n");
        section.writeInto(file, "first", "Benchmarks");
        section.writeInto(file, "second", "Benchmarks");
        String text = Files.readString(file);
        assertEquals("# Benchmarks\n\nhand-written notes\n\n<!-- bench:core:start -->\nsecond\n<!-- bench:core:end -->\n", text);
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void createsAMissingFileAndFolder() throws IOException {
        Path file = tmp.resolve("docs/benchmarks.md");
        section.writeInto(file, "table", "Benchmarks");
        assertTrue(Files.readString(file).startsWith("# Benchmarks\n\n<!-- bench:core:start -->\ntable\n"));
    }

    @Test
    void leavesTheFileAloneWhenItsMarkersAreBroken() throws IOException {
        String broken = "# B\n<!-- bench:core:start -->\nkeep me\n";
        Path file = Files.writeString(tmp.resolve("b.md"), broken);
        assertThrows(IllegalArgumentException.class, () -> section.writeInto(file, "t", "B"));
        assertEquals(broken, Files.readString(file));
    }
}
