package org.tensornet4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.cli.TestFixtures;

class JsonStructureReaderTest {
    @TempDir
    Path tmp;

    @Test
    void batchedFixtureHasTwoMolecules() throws IOException {
        Structure s = JsonStructureReader.read(TestFixtures.reference("tn-small__batch_caffeine_alanine_dipeptide"));
        assertEquals(46, s.atomCount());
        assertEquals(0, s.batch()[23]);
        assertEquals(1, s.batch()[24]);
        assertNull(s.box());
        assertNull(s.charges());
        AtomicSystem system = s.toAtomicSystem();
        assertEquals(2, system.moleculeCount());
        assertArrayEquals(new double[] {0.47, 2.569, 0.001}, s.pos()[0], 0.0);
    }

    @Test
    void periodicFixtureHasItsBox() throws IOException {
        Structure s = JsonStructureReader.read(TestFixtures.reference("tn-f64__alanine_dipeptide_explicit_pbc"));
        assertEquals(2269, s.atomCount());
        assertArrayEquals(new double[] {0, 32.862, 0}, s.box()[1], 0.0);
        assertNull(s.batch());
        assertTrue(s.toAtomicSystem().isPeriodic());
    }

    @Test
    void chargesArePerMolecule() throws IOException {
        Path file = Files.writeString(tmp.resolve("q.json"),
                "{\"energy\": [1, 2], \"z\": [1, 1, 8], \"pos\": [[0,0,0],[0,0,0.74],[5,5,5]],\n"
                        + " \"batch\": [0, 0, 1], \"q\": [0, -2.0], \"meta\": {\"z\": \"ignored\"}}");
        Structure s = JsonStructureReader.read(file);
        assertArrayEquals(new double[] {0, -2}, s.charges(), 0.0);
        assertEquals(-2, s.toAtomicSystem().charges()[1]);
    }

    @Test
    void wrongShapesNameTheLine() throws IOException {
        Path rows = Files.writeString(tmp.resolve("rows.json"), "{\"z\": [1, 1],\n\"pos\": [[0,0,0],\n[0,0]]}");
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> JsonStructureReader.read(rows));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("pos[1]"), e.getMessage());

        Path count = Files.writeString(tmp.resolve("count.json"), "{\"z\": [1, 1, 1],\n\"pos\": [[0,0,0],[0,0,1]]}");
        assertEquals(2, assertThrows(StructureFormatException.class, () -> JsonStructureReader.read(count)).line());

        Path type = Files.writeString(tmp.resolve("type.json"), "{\"z\": [1, \"H\"], \"pos\": []}");
        assertTrue(assertThrows(StructureFormatException.class, () -> JsonStructureReader.read(type))
                .getMessage().contains("'z[1]' must be a JSON integer, got the string \"H\""));
        Path quoted = Files.writeString(tmp.resolve("quoted.json"), "{\"z\": [1], \"pos\": [[\"0.47\", 0, 0]]}");
        String message = assertThrows(StructureFormatException.class, () -> JsonStructureReader.read(quoted)).getMessage();
        assertTrue(message.contains("'pos[0][0]' must be a JSON number, got the string \"0.47\""), message);
    }

    /** As the XYZ reader and the dataset readers: 0 is no element, and the message says why it matters. */
    @Test
    void atomicNumberZeroIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("zero.json"), "{\"pos\": [[0,0,0],[0,0,1]],\n\"z\": [1, 0]}");
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> JsonStructureReader.read(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("'z[1]': atomic number 0 is not an element (1..118); TorchMD-Net's models have no element 0"),
                e.getMessage());
        Path big = Files.writeString(tmp.resolve("big.json"), "{\"pos\": [[0,0,0]], \"z\": [119]}");
        assertTrue(assertThrows(StructureFormatException.class, () -> JsonStructureReader.read(big)).getMessage()
                .contains("atomic number 119 is not an element"));
    }

    @Test
    void invalidJsonNamesTheLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("broken.json"), "{\"z\": [1],\n\"pos\": [[0,0,0]\n}");
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> JsonStructureReader.read(file));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(file + ":3: invalid JSON"), e.getMessage());
    }

    @Test
    void missingPositionsIsAnError() throws IOException {
        Path file = Files.writeString(tmp.resolve("nopos.json"), "{\"z\": [1]}");
        assertTrue(assertThrows(StructureFormatException.class, () -> JsonStructureReader.read(file))
                .getMessage().contains("missing field 'pos'"));
    }
}
