package org.tensornet4j.cli.io;

import org.tensornet4j.Elements;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the first frame of an XYZ file: the atom count, a comment line, then one
 * {@code Element x y z} line per atom (element symbol or atomic number; further columns, as in
 * extended XYZ, are ignored). A {@code Lattice="ax ay az bx by bz cx cy cz"} entry in the comment
 * line (extended XYZ) becomes the periodic box, unless {@code pbc="F F F"} says the system is not
 * periodic. Read as ISO-8859-1: every byte decodes, and everything parsed is ASCII.
 */
public final class XyzReader {
    private static final Pattern LATTICE = Pattern.compile("(?i)\\bLattice\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern PBC = Pattern.compile("(?i)\\bpbc\\s*=\\s*\"([^\"]*)\"");

    private XyzReader() {
    }

    public static Structure read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String countLine = in.readLine();
            if (countLine == null || countLine.isBlank()) {
                throw new StructureFormatException(file, 1, "expected the number of atoms on the first line");
            }
            int n = atomCount(file, countLine.trim());
            String comment = in.readLine();
            if (comment == null) throw new StructureFormatException(file, 2, "expected a comment line after the atom count");
            double[][] box = box(file, comment);
            long[] z = new long[n];
            double[][] pos = new double[n][];
            for (int i = 0; i < n; i++) {
                int number = i + 3;
                String line = in.readLine();
                if (line == null || line.isBlank()) {
                    throw new StructureFormatException(file, number, "line 1 says " + n + " atoms but only " + i
                            + " atom lines follow");
                }
                String[] cols = line.trim().split("\\s+");
                if (cols.length < 4) {
                    throw new StructureFormatException(file, number, "expected 'Element x y z', got '" + line.trim() + "'");
                }
                z[i] = element(file, number, cols[0]);
                pos[i] = new double[] {
                    coordinate(file, number, cols[1], "x"), coordinate(file, number, cols[2], "y"), coordinate(file, number, cols[3], "z"),
                };
            }
            checkNoExtraAtoms(file, in, n);
            return new Structure(z, pos, box, null, null);
        }
    }

    private static int atomCount(Path file, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StructureFormatException(file, 1, "expected a positive number of atoms on the first line, got '" + text + "'");
    }

    /**
     * After the atoms: nothing, blank lines, or the next frame (which starts with an atom count).
     * Anything else means the count on line 1 is wrong, and guessing which atoms are meant would
     * silently drop or mangle some.
     */
    private static void checkNoExtraAtoms(Path file, BufferedReader in, int n) throws IOException {
        String line;
        int number = n + 2;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) continue;
            if (line.trim().matches("\\d+")) return; // next frame: only the first one is read
            throw new StructureFormatException(file, number, "line 1 says " + n
                    + " atoms but more atom lines follow; correct the count");
        }
    }

    private static long element(Path file, int number, String token) {
        if (token.matches("\\d+")) {
            long z = Long.parseLong(token);
            if (Elements.isAtomicNumber(z)) return z;
            throw new StructureFormatException(file, number, Elements.notAnElement(z));
        }
        OptionalInt z = Elements.atomicNumber(token);
        if (z.isEmpty()) throw new StructureFormatException(file, number, "unknown element '" + token + "'");
        return z.getAsInt();
    }

    private static double coordinate(Path file, int number, String token, String axis) {
        try {
            return DecimalNumbers.parse(token);
        } catch (NumberFormatException e) {
            throw new StructureFormatException(file, number, axis + " coordinate '" + token + "' is not a number");
        }
    }

    /**
     * Box rows from the comment line's Lattice entry; null without one or with pbc="F F F". The
     * lattice must already be lower-triangular (a along x, b in the xy plane): turning a general
     * lattice into that form rotates the frame, so positions and forces would have to be rotated too.
     */
    private static double[][] box(Path file, String comment) {
        Matcher lattice = LATTICE.matcher(comment);
        if (!lattice.find()) return null;
        Matcher pbc = PBC.matcher(comment);
        if (pbc.find()) {
            String flags = pbc.group(1).trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (flags.matches("(F|FALSE)( (F|FALSE)){2}")) return null;
            if (!flags.matches("(T|TRUE)( (T|TRUE)){2}")) {
                throw new StructureFormatException(file, 2, "pbc=\"" + pbc.group(1)
                        + "\": only fully periodic (T T T) or non-periodic (F F F) systems are supported");
            }
        }
        String[] values = lattice.group(1).trim().split("\\s+");
        if (values.length != 9) {
            throw new StructureFormatException(file, 2, "Lattice needs 9 numbers (ax ay az bx by bz cx cy cz), got "
                    + values.length);
        }
        double[][] box = new double[3][3];
        for (int k = 0; k < 9; k++) {
            try {
                box[k / 3][k % 3] = DecimalNumbers.parse(values[k]);
            } catch (NumberFormatException e) {
                throw new StructureFormatException(file, 2, "Lattice entry '" + values[k] + "' is not a number");
            }
        }
        if (box[0][1] != 0 || box[0][2] != 0 || box[1][2] != 0) {
            throw new StructureFormatException(file, 2, "Lattice must be lower-triangular (a = (ax, 0, 0), b = (bx, by, 0)); "
                    + "rotate the structure so that a lies along x and b in the xy plane");
        }
        return box;
    }
}
