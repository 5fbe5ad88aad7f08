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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Fixtures;
import org.tensornet4j.data.StructureFormatException;

class PdbReaderTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"alanine_dipeptide, 22", "caffeine, 24", "testosterone, 49", "chignolin, 166", "dhfr, 2489", "factorIX, 5807"})
    void readsEveryAtomOfTheBenchmarkSystems(String name, int atoms) throws IOException {
        AtomicSystem s = PdbReader.read(Fixtures.system(name));
        assertEquals(atoms, s.atomCount());
        assertEquals(atoms, s.positions().length);
        assertNull(s.box(), "no CRYST1 in " + name);
    }

    @Test
    void caffeineHasItsFormulaC8H10N4O2() throws IOException {
        long[] z = PdbReader.read(Fixtures.system("caffeine")).atomicNumbers();
        assertEquals(8, count(z, 6));
        assertEquals(10, count(z, 1));
        assertEquals(4, count(z, 7));
        assertEquals(2, count(z, 8));
    }

    @Test
    void cryst1OfTheSolvatedDipeptideGivesTheDiagonalBox() throws IOException {
        AtomicSystem s = PdbReader.read(Fixtures.system("alanine_dipeptide_explicit"));
        assertEquals(2269, s.atomCount());
        double[][] expected = {{32.853, 0, 0}, {0, 32.862, 0}, {0, 0, 31.855}};
        for (int r = 0; r < 3; r++) assertArrayEquals(expected[r], s.box()[r], 1e-9);
        assertTrue(s.isPeriodic()); // read as a valid potential input
    }

    @Test
    void stmvHydroxylHydrogensLabelledHoAreHydrogen() throws IOException {
        long[] z = PdbReader.read(Fixtures.system("stmv")).atomicNumbers();
        assertEquals(30327, z.length);
        assertEquals(0, count(z, 67), "no holmium");
        assertEquals(9160 + 949, count(z, 1));
        assertEquals(949, count(z, 15));
    }

    @Test
    void matchesTheChignolinReferenceInput() throws IOException {
        AtomicSystem pdb = PdbReader.read(Fixtures.system("chignolin"));
        AtomicSystem json = JsonStructureReader.read(Fixtures.referenceFile("tn-small__chignolin"));
        assertArrayEquals(json.atomicNumbers(), pdb.atomicNumbers());
        for (int i = 0; i < json.atomCount(); i++) assertArrayEquals(json.positions()[i], pdb.positions()[i], 0.0, "atom " + i);
    }

    @Test
    void readsOnlyTheFirstModel() throws IOException {
        Path file = write("two_models.pdb",
                "MODEL        1",
                atom(1, " O  ", 1.0, 2.0, 3.0, " O"),
                atom(2, " H1 ", 1.5, 2.0, 3.0, " H"),
                "ENDMDL",
                "MODEL        2",
                atom(1, " O  ", 9.0, 9.0, 9.0, " O"),
                atom(2, " H1 ", 9.5, 9.0, 9.0, " H"),
                "ENDMDL",
                "END");
        AtomicSystem s = PdbReader.read(file);
        assertArrayEquals(new long[] {8, 1}, s.atomicNumbers());
        assertArrayEquals(new double[] {1.5, 2.0, 3.0}, s.positions()[1], 0.0);
    }

    @Test
    void triclinicCellKeepsLengthsAndAnglesInLowerTriangularForm() throws IOException {
        Path file = write("triclinic.pdb",
                "CRYST1   30.000   32.000   34.000  80.00  85.00  75.00 P 1           1",
                atom(1, " C  ", 0, 0, 0, " C"));
        double[][] box = PdbReader.read(file).box();
        assertEquals(0, box[0][1]);
        assertEquals(0, box[0][2]);
        assertEquals(0, box[1][2]);
        assertEquals(30, norm(box[0]), 1e-9);
        assertEquals(32, norm(box[1]), 1e-9);
        assertEquals(34, norm(box[2]), 1e-9);
        assertEquals(80, angle(box[1], box[2]), 1e-9);
        assertEquals(85, angle(box[0], box[2]), 1e-9);
        assertEquals(75, angle(box[0], box[1]), 1e-9);
        assertTrue(box[0][0] >= 2 * Math.abs(box[1][0]) && box[0][0] >= 2 * Math.abs(box[2][0]) && box[1][1] >= 2 * Math.abs(box[2][1]));
    }

    @Test
    void skewedCellIsReducedToTheSameLattice() {
        // gamma = 30°: b_x = 0.87 b > a/2, so b is shortened by a; the lattice stays the same.
        double[][] box = UnitCell.boxVectors(20, 20, 20, 90, 90, 30);
        assertEquals(20 * Math.cos(Math.toRadians(30)) - 20, box[1][0], 1e-9);
        assertEquals(20 * Math.sin(Math.toRadians(30)), box[1][1], 1e-9);
        assertTrue(box[0][0] >= 2 * Math.abs(box[1][0]));
    }

    @Test
    void placeholderCellMeansNoBox() throws IOException {
        Path file = write("placeholder.pdb",
                "CRYST1    1.000    1.000    1.000  90.00  90.00  90.00 P 1           1",
                atom(1, " C  ", 0, 0, 0, " C"));
        assertNull(PdbReader.read(file).box());
    }

    @Test
    void blankElementColumnsFallBackToTheAtomName() throws IOException {
        Path file = write("names.pdb",
                atom(1, " CA ", 0, 0, 0, "  "),
                atom(2, "HD21", 1, 0, 0, "  "),
                atom(3, "ZN  ", 2, 0, 0, "  "),
                atom(4, "1HB ", 3, 0, 0, "  "),
                "ATOM      5  N   ALA A   1       4.000   0.000   0.000"); // line ends before column 77
        assertArrayEquals(new long[] {6, 1, 30, 1, 7}, PdbReader.read(file).atomicNumbers());
    }

    @Test
    void ambiguousAtomNameWithoutElementIsAnError() throws IOException {
        Path file = write("calcium.pdb", atom(1, " N  ", 0, 0, 0, " N"), atom(2, "CA  ", 1, 0, 0, "  "));
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> PdbReader.read(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("ambiguous") && e.getMessage().contains("77-78"), e.getMessage());
    }

    @Test
    void unknownElementNamesFileAndLine() throws IOException {
        Path file = write("unknown.pdb", "REMARK test", atom(1, " C  ", 0, 0, 0, " C"), atom(2, " X  ", 1, 0, 0, " X"));
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> PdbReader.read(file));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(file + ":3: unknown element 'X'"), e.getMessage());
    }

    @Test
    void badCoordinateNamesFileLineAndColumns() throws IOException {
        String bad = atom(1, " C  ", 0, 0, 0, " C").substring(0, 38) + "   1.2.3" + atom(1, " C  ", 0, 0, 0, " C").substring(46);
        Path file = write("bad.pdb", atom(1, " C  ", 0, 0, 0, " C"), bad);
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> PdbReader.read(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("y coordinate '1.2.3'") && e.getMessage().contains("39-46"), e.getMessage());
    }

    @Test
    void fileWithoutAtomsIsAnError() throws IOException {
        Path file = write("empty.pdb", "REMARK nothing here", "END");
        assertThrows(StructureFormatException.class, () -> PdbReader.read(file));
    }

    /** An ATOM record with the PDB column layout. */
    static String atom(int serial, String name, double x, double y, double z, String element) {
        return String.format(java.util.Locale.ROOT, "ATOM  %5d %-4s ALA A   1    %8.3f%8.3f%8.3f  1.00  0.00          %2s",
                serial, name, x, y, z, element);
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(tmp.resolve(name), Arrays.asList(lines));
    }

    private static long count(long[] z, long element) {
        return Arrays.stream(z).filter(v -> v == element).count();
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static double angle(double[] u, double[] v) {
        return Math.toDegrees(Math.acos((u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (norm(u) * norm(v))));
    }
}
