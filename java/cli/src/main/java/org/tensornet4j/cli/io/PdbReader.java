package org.tensornet4j.cli.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Elements;
import org.tensornet4j.data.DecimalNumbers;
import org.tensornet4j.data.StructureFormatException;

/**
 * Reads the atoms of a PDB file: ATOM/HETATM records of the first model, with the element from
 * columns 77–78 (or, when those are blank, from the atom name), coordinates from columns 31–54,
 * and the periodic box from CRYST1. Columns are 1-based as in the PDB format description.
 */
public final class PdbReader {
    private PdbReader() {
    }

    public static AtomicSystem read(Path file) throws IOException {
        List<Long> z = new ArrayList<>();
        List<double[]> pos = new ArrayList<>();
        double[][] box = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String record = field(line, 1, 6).trim().toUpperCase(Locale.ROOT);
                if (record.equals("ATOM") || record.equals("HETATM")) {
                    z.add((long) element(file, number, line));
                    pos.add(new double[] {
                        number(file, number, line, 31, 38, "x coordinate"),
                        number(file, number, line, 39, 46, "y coordinate"),
                        number(file, number, line, 47, 54, "z coordinate"),
                    });
                } else if (record.equals("CRYST1")) {
                    box = box(file, number, line);
                } else if (record.equals("ENDMDL") || record.equals("END")) {
                    break; // only the first model counts; END closes the entry
                }
            }
            if (z.isEmpty()) throw new StructureFormatException(file, number, "no ATOM or HETATM records in this PDB file");
        }
        return AtomicSystem.of(z.stream().mapToLong(Long::longValue).toArray(), pos.toArray(double[][]::new)).withBox(box);
    }

    /**
     * Atomic number of an ATOM/HETATM record. Columns 77–78 win when they hold an element. One
     * exception: some writers (e.g. the STMV benchmark file) put "HO" there for hydroxyl hydrogens
     * named HO*; with an atom name starting with H this is read as hydrogen, since holmium does
     * not occur in biomolecular structures.
     */
    static int element(Path file, int number, String line) {
        String symbol = field(line, 77, 78).trim();
        String name = field(line, 13, 16);
        if (!symbol.isEmpty()) {
            if (symbol.equalsIgnoreCase("HO") && name.trim().toUpperCase(Locale.ROOT).startsWith("H")) return 1;
            OptionalInt z = Elements.atomicNumber(symbol);
            if (z.isEmpty()) {
                throw new StructureFormatException(file, number, "unknown element '" + symbol + "' in columns 77-78");
            }
            return z.getAsInt();
        }
        return elementFromAtomName(file, number, name);
    }

    /**
     * The PDB convention for names: a one-letter element sits in column 14 (column 13 blank or a
     * digit), a two-letter element starts in column 13. Four-character hydrogen names (HD21) also
     * start in column 13, so when both the letter in column 13 and the two letters in columns
     * 13–14 are elements (CA: carbon alpha or calcium? HG: hydrogen or mercury?) the name cannot
     * decide, and the file must say it in columns 77–78.
     */
    private static int elementFromAtomName(Path file, int number, String name) {
        String padded = (name + "    ").substring(0, 4);
        char first = padded.charAt(0);
        if (first == ' ' || Character.isDigit(first)) {
            String one = padded.substring(1, 2);
            OptionalInt z = Character.isLetter(one.charAt(0)) ? Elements.atomicNumber(one) : OptionalInt.empty();
            if (z.isEmpty()) {
                throw new StructureFormatException(file, number, "no element in columns 77-78 and atom name '"
                        + name + "' does not start with an element symbol in column 14");
            }
            return z.getAsInt();
        }
        OptionalInt single = Elements.atomicNumber(padded.substring(0, 1));
        OptionalInt pair = Character.isLetter(padded.charAt(1)) ? Elements.atomicNumber(padded.substring(0, 2)) : OptionalInt.empty();
        if (single.isPresent() && pair.isPresent()) {
            throw new StructureFormatException(file, number, "no element in columns 77-78 and atom name '" + name
                    + "' is ambiguous (" + Elements.symbol(single.getAsInt()) + " or "
                    + Elements.symbol(pair.getAsInt()) + "): write the element symbol in columns 77-78");
        }
        if (pair.isPresent()) return pair.getAsInt();
        if (single.isPresent()) return single.getAsInt();
        throw new StructureFormatException(file, number, "no element in columns 77-78 and atom name '" + name
                + "' does not start with an element symbol");
    }

    /** Box rows from CRYST1 a b c alpha beta gamma; null for the 1 1 1 90 90 90 placeholder (no cell). */
    private static double[][] box(Path file, int number, String line) {
        double a = number(file, number, line, 7, 15, "cell length a");
        double b = number(file, number, line, 16, 24, "cell length b");
        double c = number(file, number, line, 25, 33, "cell length c");
        double alpha = number(file, number, line, 34, 40, "cell angle alpha");
        double beta = number(file, number, line, 41, 47, "cell angle beta");
        double gamma = number(file, number, line, 48, 54, "cell angle gamma");
        // Writers without a cell (e.g. after conversion from non-periodic formats) emit this one.
        if (a == 1 && b == 1 && c == 1 && alpha == 90 && beta == 90 && gamma == 90) return null;
        try {
            return UnitCell.boxVectors(a, b, c, alpha, beta, gamma);
        } catch (IllegalArgumentException e) {
            throw new StructureFormatException(file, number, "CRYST1: " + e.getMessage());
        }
    }

    private static double number(Path file, int number, String line, int from, int to, String what) {
        String text = field(line, from, to).trim();
        if (text.isEmpty()) {
            throw new StructureFormatException(file, number, what + " missing (columns " + from + "-" + to + " are blank)");
        }
        try {
            return DecimalNumbers.parse(text);
        } catch (NumberFormatException e) {
            throw new StructureFormatException(file, number, what + " '" + text + "' in columns " + from + "-" + to
                    + " is not a number");
        }
    }

    /** Columns from..to (1-based, inclusive) of a line that may be shorter. */
    private static String field(String line, int from, int to) {
        if (line.length() < from) return "";
        return line.substring(from - 1, Math.min(to, line.length()));
    }
}
