package org.tensornet4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XyzReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsSymbolsAndAtomicNumbers() throws IOException {
        Path file = write("water.xyz", "3", "water", "O 0.0 0.0 0.1", "h 0.75 0.0 -0.5", "1 -0.75 0.0 -0.5");
        Structure s = XyzReader.read(file);
        assertArrayEquals(new long[] {8, 1, 1}, s.z());
        assertArrayEquals(new double[] {0.75, 0.0, -0.5}, s.pos()[1], 0.0);
        assertNull(s.box());
    }

    @Test
    void extendedXyzLatticeBecomesTheBoxAndExtraColumnsAreIgnored() throws IOException {
        Path file = write("box.xyz", "2",
                "Lattice=\"20.0 0.0 0.0 1.0 21.0 0.0 0.5 -1.0 22.0\" Properties=species:S:1:pos:R:3:forces:R:3 pbc=\"T T T\"",
                "C 1 2 3 0.1 0.2 0.3", "N 4 5 6 0.1 0.2 0.3");
        Structure s = XyzReader.read(file);
        assertArrayEquals(new double[] {20, 0, 0}, s.box()[0], 0.0);
        assertArrayEquals(new double[] {1, 21, 0}, s.box()[1], 0.0);
        assertArrayEquals(new double[] {0.5, -1, 22}, s.box()[2], 0.0);
        assertArrayEquals(new double[] {4, 5, 6}, s.pos()[1], 0.0);
    }

    @Test
    void latticeOfANonPeriodicSystemIsIgnored() throws IOException {
        Path file = write("f.xyz", "1", "Lattice=\"20 0 0 0 20 0 0 0 20\" pbc=\"F F F\"", "C 0 0 0");
        assertNull(XyzReader.read(file).box());
    }

    @Test
    void rotatedLatticeIsAnErrorOnLine2() throws IOException {
        Path file = write("rot.xyz", "1", "Lattice=\"20 1 0 0 20 0 0 0 20\"", "C 0 0 0");
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> XyzReader.read(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("lower-triangular"), e.getMessage());
    }

    @Test
    void readsOnlyTheFirstFrame() throws IOException {
        Path file = write("traj.xyz", "1", "frame 0", "C 0 0 0", "1", "frame 1", "C 9 9 9");
        Structure s = XyzReader.read(file);
        assertEquals(1, s.atomCount());
        assertArrayEquals(new double[] {0, 0, 0}, s.pos()[0], 0.0);
    }

    @Test
    void fewerAtomLinesThanTheCountIsAnError() throws IOException {
        Path file = write("short.xyz", "3", "", "C 0 0 0", "C 1 0 0");
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> XyzReader.read(file));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("3 atoms but only 2"), e.getMessage());
    }

    @Test
    void moreAtomLinesThanTheCountIsAnError() throws IOException {
        Path file = write("long.xyz", "1", "", "C 0 0 0", "C 1 0 0");
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> XyzReader.read(file));
        assertEquals(4, e.line());
    }

    @Test
    void badCountUnknownElementAndBadNumberNameTheLine() throws IOException {
        assertEquals(1, assertThrows(StructureFormatException.class,
                () -> XyzReader.read(write("a.xyz", "three", "", "C 0 0 0"))).line());
        StructureFormatException element = assertThrows(StructureFormatException.class,
                () -> XyzReader.read(write("b.xyz", "2", "", "C 0 0 0", "Xx 1 0 0")));
        assertEquals(4, element.line());
        assertTrue(element.getMessage().contains("unknown element 'Xx'"), element.getMessage());
        StructureFormatException number = assertThrows(StructureFormatException.class,
                () -> XyzReader.read(write("c.xyz", "1", "", "C 0 1,5 0")));
        assertEquals(3, number.line());
        assertTrue(number.getMessage().contains("y coordinate '1,5'"), number.getMessage());
        StructureFormatException zero = assertThrows(StructureFormatException.class,
                () -> XyzReader.read(write("d.xyz", "2", "", "6 0 0 0", "0 1 0 0")));
        assertEquals(4, zero.line());
        assertTrue(zero.getMessage().contains("atomic number 0 is not an element (1..118); TorchMD-Net's models have no element 0"),
                zero.getMessage());
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(tmp.resolve(name), Arrays.asList(lines));
    }
}
