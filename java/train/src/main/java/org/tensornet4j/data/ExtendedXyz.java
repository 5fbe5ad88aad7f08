package org.tensornet4j.data;

import org.tensornet4j.Elements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extended XYZ frames: a count line, a comment line with {@code energy=<value>} (and optionally
 * {@code total_charge=} or {@code charge=}) and {@code Properties=species:S:1:pos:R:3[:forces:R:3]},
 * then one line per atom. Positions in Angstrom; energy and forces in the dataset's unit.
 * Without a Properties key the atom lines are "symbol x y z [fx fy fz]".
 */
public final class ExtendedXyz {
    private static final Pattern ENERGY = Pattern.compile("(?:^|\\s)energy=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARGE = Pattern.compile("(?:^|\\s)(?:total_charge|charge)=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROPERTIES = Pattern.compile("(?:^|\\s)Properties=(\\S+)", Pattern.CASE_INSENSITIVE);

    private ExtendedXyz() {}

    public static List<Molecule> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + file + ": " + e.getMessage(), e);
        }
        List<Molecule> out = new ArrayList<>();
        int line = 0;
        while (line < lines.size()) {
            if (lines.get(line).isBlank()) {
                line++;
                continue;
            }
            String label = "frame " + out.size() + " (line " + (line + 1) + ")";
            int n;
            try {
                n = Integer.parseInt(lines.get(line).trim());
            } catch (NumberFormatException e) {
                throw new DatasetException(file, label + ": expected the atom count, found '" + lines.get(line).trim() + "'");
            }
            if (n <= 0) throw new DatasetException(file, label + ": atom count " + n + " must be positive");
            if (line + 2 + n > lines.size()) {
                throw new DatasetException(file, label + ": truncated: " + n + " atoms announced but the file ends after "
                        + Math.max(0, lines.size() - line - 2) + " atom lines");
            }
            String comment = lines.get(line + 1);
            int forceColumn = forceColumn(file, label, comment);
            double energy = number(file, label, ENERGY, comment, Double.NaN, "energy");
            double charge = number(file, label, CHARGE, comment, 0, "total charge");
            long[] z = new long[n];
            double[] pos = new double[3 * n];
            double[] forces = forceColumn < 0 ? null : new double[3 * n];
            for (int a = 0; a < n; a++) {
                String[] f = lines.get(line + 2 + a).trim().split("\\s+");
                int need = forceColumn < 0 ? 4 : forceColumn + 3;
                if (f.length < need) {
                    throw new DatasetException(file, label + ": atom line " + (line + 3 + a) + " has " + f.length + " columns, expected "
                            + need + " (symbol, x, y, z" + (forceColumn < 0 ? "" : ", fx, fy, fz") + ")");
                }
                java.util.OptionalInt zi = Elements.atomicNumber(f[0]);
                if (zi.isEmpty()) {
                    throw new DatasetException(file, label + ": unknown element '" + f[0] + "' on line " + (line + 3 + a)
                            + "; use element symbols such as H, C, O");
                }
                z[a] = zi.getAsInt();
                for (int k = 0; k < 3; k++) {
                    pos[3 * a + k] = parse(file, label, f[1 + k], line + 3 + a);
                    if (forces != null) forces[3 * a + k] = parse(file, label, f[forceColumn + k], line + 3 + a);
                }
            }
            Molecule m = new Molecule(label, z, pos, energy, forces, charge);
            Datasets.validate(file, m);
            out.add(m);
            line += n + 2;
        }
        return out;
    }

    /** The first column of the forces in an atom line, or -1 when the frame has none. */
    private static int forceColumn(Path file, String label, String comment) {
        Matcher p = PROPERTIES.matcher(comment);
        if (!p.find()) return -1;
        String[] parts = p.group(1).split(":");
        if (parts.length % 3 != 0) throw new DatasetException(file, label + ": malformed Properties=" + p.group(1));
        int column = 0;
        boolean species = false;
        boolean positions = false;
        for (int i = 0; i < parts.length; i += 3) {
            String name = parts[i].toLowerCase(Locale.ROOT);
            int width = Integer.parseInt(parts[i + 2]);
            if (name.equals("species")) species = column == 0;
            if (name.equals("pos")) positions = column == 1;
            if (name.equals("forces") || name.equals("force")) return column;
            column += width;
        }
        if (!species || !positions) {
            throw new DatasetException(file, label + ": Properties must start with species:S:1:pos:R:3, got " + p.group(1));
        }
        return -1;
    }

    private static double number(Path file, String label, Pattern key, String comment, double fallback, String what) {
        Matcher m = key.matcher(comment);
        if (!m.find()) return fallback;
        try {
            double v = Double.parseDouble(m.group(1).replace("\"", ""));
            if (Double.isNaN(v)) throw new DatasetException(file, label + ": " + what + " is NaN; remove the frame or fix its label");
            return v;
        } catch (NumberFormatException e) {
            throw new DatasetException(file, label + ": " + what + " '" + m.group(1) + "' is not a number");
        }
    }

    private static double parse(Path file, String label, String s, int line) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DatasetException(file, label + ": '" + s + "' on line " + line + " is not a number");
        }
    }

    /** Writes frames in this format, with forces when the molecules have them. */
    public static void write(Path file, List<Molecule> molecules) {
        StringBuilder b = new StringBuilder();
        for (Molecule m : molecules) {
            b.append(m.atoms()).append('\n');
            b.append("Properties=species:S:1:pos:R:3").append(m.hasForces() ? ":forces:R:3" : "")
                    .append(" energy=").append(m.energy());
            if (m.charge() != 0) b.append(" total_charge=").append(m.charge());
            b.append('\n');
            for (int a = 0; a < m.atoms(); a++) {
                b.append(Elements.symbol((int) m.z()[a]));
                for (int k = 0; k < 3; k++) b.append(' ').append(m.pos()[3 * a + k]);
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
