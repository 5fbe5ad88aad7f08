package org.tensornet4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;

class StructureFilesTest {
    @TempDir
    Path tmp;

    @Test
    void picksTheReaderByExtensionInAnyCase() throws IOException {
        Path pdb = Files.copy(Fixtures.system("caffeine"), tmp.resolve("CAFFEINE.PDB"));
        assertEquals(24, StructureFiles.read(pdb).atomCount());
        Path xyz = Files.writeString(tmp.resolve("h2.Xyz"), "2\n\nH 0 0 0\nH 0 0 0.74\n");
        assertEquals(2, StructureFiles.read(xyz).atomCount());
        assertEquals(22, StructureFiles.read(Fixtures.referenceFile("tn-small__alanine_dipeptide")).atomCount());
    }

    @Test
    void unknownExtensionNamesTheSupportedOnes() throws IOException {
        Path file = Files.writeString(tmp.resolve("mol.sdf"), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StructureFiles.read(file));
        assertTrue(e.getMessage().contains(".pdb, .xyz, .json"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path file = tmp.resolve("nothing.pdb");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StructureFiles.read(file));
        assertEquals("input file not found: " + file, e.getMessage());
    }
}
