package org.tensornet4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** The XYZ input is read by the dataset reader: its total charge reaches the potential, as in training. */
    @Test
    void xyzTotalChargeAndInconsistentJsonNameTheFile() throws IOException {
        Path xyz = Files.writeString(tmp.resolve("oh.xyz"), "2\ntotal_charge=-1\nO 0 0 0\nH 0 0 0.97\n");
        assertArrayEquals(new double[] {-1}, StructureFiles.read(xyz).charges(), 0.0);
        Path json = Files.writeString(tmp.resolve("gap.json"), "{\"z\": [1, 1], \"pos\": [[0,0,0],[0,0,1]], \"batch\": [0, 2]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StructureFiles.read(json));
        assertTrue(e.getMessage().startsWith(json + ": batch index 1 has no atoms"), e.getMessage());
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
