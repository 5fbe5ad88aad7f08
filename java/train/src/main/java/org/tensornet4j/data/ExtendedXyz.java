package org.tensornet4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Elements;
import org.tensornet4j.neighbors.PeriodicBox;

/**
 * The one reader of (extended) XYZ files, for datasets (every frame) and for single structures (the
 * first frame, {@code tn4j eval}). A frame is an atom count, a comment line, then one
 * {@code Element x y z [...]} line per atom (element symbol or atomic number). The comment line may
 * hold, as extended XYZ and ASE write them: {@code energy=}, {@code total_charge=} or
 * {@code charge=}, {@code Properties=species:S:1:pos:R:3[:forces:R:3...]} (which columns hold the
 * forces; without it further columns are ignored), and {@code Lattice="ax ay az bx by bz cx cy cz"}
 * (the periodic box, unless {@code pbc="F F F"}). Positions in Angstrom; energy and forces in the
 * dataset's unit. Read as ISO-8859-1: every byte decodes, and everything parsed is ASCII. Errors are
 * {@link StructureFormatException}s naming file and line.
 */
public final class ExtendedXyz {
    private static final Pattern ENERGY = Pattern.compile("(?:^|\\s)energy=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARGE = Pattern.compile("(?:^|\\s)(?:total_charge|charge)=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROPERTIES = Pattern.compile("(?:^|\\s)Properties=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LATTICE = Pattern.compile("(?i)\\bLattice\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern PBC = Pattern.compile("(?i)\\bpbc\\s*=\\s*\"([^\"]*)\"");

    private ExtendedXyz() {}

    /** Every frame of the file; none for an empty file. */
    public static List<Molecule> read(Path file) {
        Frames frames = new Frames(file, lines(file));
        List<Molecule> out = new ArrayList<>();
        while (frames.hasNext()) out.add(frames.next(out.size()));
        return out;
    }

    /**
     * The first frame, as a single structure to evaluate. What follows it must be nothing or the next
     * frame: anything else means the count on line 1 is wrong, and guessing which atoms are meant would
     * silently drop or mangle some.
     */
    public static Molecule readFirst(Path file) {
        Frames frames = new Frames(file, lines(file));
        if (!frames.hasNext()) throw new StructureFormatException(file, 1, "expected the number of atoms on the first line");
        Molecule first = frames.next(0);
        frames.requireFrameOrEnd();
        return first;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A cursor over the frames of one file; line numbers in messages start at 1. */
    private static final class Frames {
        private final Path file;
        private final List<String> lines;
        private int next; // index of the next unread line
        private int lastCountLine;
        private int lastCount;

        Frames(Path file, List<String> lines) {
            this.file = file;
            this.lines = lines;
        }

        boolean hasNext() {
            while (next < lines.size() && lines.get(next).isBlank()) next++;
            return next < lines.size();
        }

        /** After a frame: blank lines, then the next frame's count or the end of the file. */
        void requireFrameOrEnd() {
            if (hasNext() && !lines.get(next).trim().matches("\\d+")) throw moreAtoms();
        }

        private StructureFormatException moreAtoms() {
            return new StructureFormatException(file, next + 1, "line " + lastCountLine + " says " + lastCount
                    + " atoms but more atom lines follow; correct the count");
        }

        Molecule next(int index) {
            int countLine = next + 1;
            String countText = lines.get(next).trim();
            int n = atomCount(countLine, countText, index);
            if (next + 1 >= lines.size()) throw new StructureFormatException(file, countLine + 1, "expected a comment line after the atom count");
            String comment = lines.get(next + 1);
            int commentLine = countLine + 1;
            int forceColumn = forceColumn(commentLine, comment);
            double energy = number(commentLine, ENERGY, comment, "energy");
            double charge = number(commentLine, CHARGE, comment, "total charge");
            double[][] box = box(commentLine, comment);
            long[] z = new long[n];
            double[][] pos = new double[n][];
            double[] forces = forceColumn < 0 ? null : new double[3 * n];
            int need = forceColumn < 0 ? 4 : forceColumn + 3;
            for (int a = 0; a < n; a++) {
                int number = countLine + 2 + a;
                String line = number - 1 < lines.size() ? lines.get(number - 1) : null;
                if (line == null || line.isBlank()) {
                    throw new StructureFormatException(file, number, "line " + countLine + " says " + n + " atoms but only " + a
                            + " atom lines follow (a truncated file, or a wrong count)");
                }
                String[] cols = line.trim().split("\\s+");
                if (cols.length < need) {
                    throw new StructureFormatException(file, number, "has " + cols.length + " columns, expected " + need
                            + " (element, x, y, z" + (forceColumn < 0 ? "" : ", then forces in columns " + (forceColumn + 1)
                            + " to " + (forceColumn + 3) + " as Properties says") + "), got '" + line.trim() + "'");
                }
                z[a] = element(number, cols[0]);
                pos[a] = new double[] {
                    value(number, cols[1], "x coordinate"), value(number, cols[2], "y coordinate"), value(number, cols[3], "z coordinate"),
                };
                if (forces != null) {
                    for (int k = 0; k < 3; k++) forces[3 * a + k] = value(number, cols[forceColumn + k], "force component f" + "xyz".charAt(k));
                }
            }
            next = countLine + 1 + n;
            lastCountLine = countLine;
            lastCount = n;
            AtomicSystem system = AtomicSystem.of(z, pos);
            if (box != null) system = system.withBox(box);
            if (!Double.isNaN(charge)) system = system.withCharges(charge);
            return new Molecule("frame " + index + " (line " + countLine + ")", system, energy, forces);
        }

        private int atomCount(int line, String text, int index) {
            try {
                int n = Integer.parseInt(text);
                if (n > 0) return n;
            } catch (NumberFormatException e) {
                // an atom line where a count belongs: the previous frame's count is too small
                if (index > 0 && text.split("\\s+").length >= 4) throw moreAtoms();
            }
            throw new StructureFormatException(file, line, "expected a positive number of atoms"
                    + (index == 0 ? " on the first line" : " (the start of frame " + index + ")") + ", got '" + text + "'");
        }

        private long element(int line, String token) {
            if (token.matches("\\d+")) {
                long z = Long.parseLong(token);
                if (Elements.isAtomicNumber(z)) return z;
                throw new StructureFormatException(file, line, Elements.notAnElement(z));
            }
            OptionalInt z = Elements.atomicNumber(token);
            if (z.isEmpty()) {
                throw new StructureFormatException(file, line, "unknown element '" + token
                        + "'; use element symbols such as H, C, O, or atomic numbers");
            }
            return z.getAsInt();
        }

        private double value(int line, String token, String what) {
            try {
                double v = DecimalNumbers.parse(token);
                if (Double.isFinite(v)) return v;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new StructureFormatException(file, line, what + " '" + token + "' is not a number");
        }

        /** The first column (0-based) of the forces in an atom line, or -1 when the frame has none. */
        private int forceColumn(int line, String comment) {
            Matcher p = PROPERTIES.matcher(comment);
            if (!p.find()) return -1;
            String[] parts = p.group(1).split(":");
            if (parts.length % 3 != 0) {
                throw new StructureFormatException(file, line, "malformed Properties=" + p.group(1)
                        + "; write name:type:columns triples, e.g. species:S:1:pos:R:3:forces:R:3");
            }
            int column = 0;
            boolean species = false;
            boolean positions = false;
            for (int i = 0; i < parts.length; i += 3) {
                String name = parts[i].toLowerCase(Locale.ROOT);
                int width;
                try {
                    width = Integer.parseInt(parts[i + 2]);
                } catch (NumberFormatException e) {
                    throw new StructureFormatException(file, line, "malformed Properties=" + p.group(1) + ": the column count of '"
                            + parts[i] + "' is '" + parts[i + 2] + "', not a number");
                }
                if (name.equals("species")) species = column == 0;
                if (name.equals("pos")) positions = column == 1;
                if ((name.equals("forces") || name.equals("force")) && species && positions) return column;
                column += width;
            }
            if (!species || !positions) {
                throw new StructureFormatException(file, line, "Properties must start with species:S:1:pos:R:3, got " + p.group(1));
            }
            return -1;
        }

        /** The value of a comment-line key; NaN when the key is absent. */
        private double number(int line, Pattern key, String comment, String what) {
            Matcher m = key.matcher(comment);
            if (!m.find()) return Double.NaN;
            double v;
            try {
                v = Double.parseDouble(m.group(1).replace("\"", ""));
            } catch (NumberFormatException e) {
                throw new StructureFormatException(file, line, what + " '" + m.group(1) + "' is not a number");
            }
            if (Double.isNaN(v)) throw new StructureFormatException(file, line, what + " is NaN; remove the frame or fix its label");
            if (Double.isInfinite(v)) throw new StructureFormatException(file, line, what + " is infinite; remove the frame or fix its label");
            return v;
        }

        /**
         * Box rows from the comment line's Lattice entry; null without one or with pbc="F F F". The
         * lattice must already be lower-triangular (a along x, b in the xy plane): turning a general
         * lattice into that form rotates the frame, so positions and forces would have to be rotated too.
         */
        private double[][] box(int line, String comment) {
            Matcher lattice = LATTICE.matcher(comment);
            if (!lattice.find()) return null;
            Matcher pbc = PBC.matcher(comment);
            if (pbc.find()) {
                String flags = pbc.group(1).trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
                if (flags.matches("(F|FALSE)( (F|FALSE)){2}")) return null;
                if (!flags.matches("(T|TRUE)( (T|TRUE)){2}")) {
                    throw new StructureFormatException(file, line, "pbc=\"" + pbc.group(1)
                            + "\": only fully periodic (T T T) or non-periodic (F F F) systems are supported");
                }
            }
            String[] values = lattice.group(1).trim().split("\\s+");
            if (values.length != 9) {
                throw new StructureFormatException(file, line, "Lattice needs 9 numbers (ax ay az bx by bz cx cy cz), got "
                        + values.length);
            }
            double[] nine = new double[9];
            for (int k = 0; k < 9; k++) nine[k] = value(line, values[k], "Lattice entry");
            double[][] box = PeriodicBox.fromFlat(nine);
            if (box[0][1] != 0 || box[0][2] != 0 || box[1][2] != 0) {
                throw new StructureFormatException(file, line, "Lattice must be lower-triangular (a = (ax, 0, 0), b = (bx, by, 0)); "
                        + "rotate the structure so that a lies along x and b in the xy plane");
            }
            return box;
        }
    }

    /** Writes frames in this format, with forces when the molecules have them. */
    public static void write(Path file, List<Molecule> molecules) {
        StringBuilder b = new StringBuilder();
        for (Molecule m : molecules) {
            long[] z = m.z();
            double[] pos = m.pos();
            b.append(m.atoms()).append('\n');
            b.append("Properties=species:S:1:pos:R:3").append(m.hasForces() ? ":forces:R:3" : "")
                    .append(" energy=").append(m.energy());
            if (m.charge() != 0) b.append(" total_charge=").append(m.charge());
            b.append('\n');
            for (int a = 0; a < m.atoms(); a++) {
                b.append(Elements.symbol((int) z[a]));
                for (int k = 0; k < 3; k++) b.append(' ').append(pos[3 * a + k]);
                if (m.hasForces()) for (int k = 0; k < 3; k++) b.append(' ').append(m.forces()[3 * a + k]);
                b.append('\n');
            }
        }
        try {
            Files.writeString(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
