package org.tensornet4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.tensornet4j.PotentialOutput;

/**
 * {@code tn4j eval --stress}: the virial W of the whole input and the stress -W / V (energy unit per
 * Å³, positive under tension as ASE reports it), and the stress in GPa when the model names an energy
 * unit this knows.
 */
final class StressReport {
    /** GPa per (energy unit / Å³): 1 Å³ = 1e-30 m³; eV and kJ/mol (per mole: / N_A) in J. */
    private static final Map<String, Double> GPA_PER_UNIT_PER_CUBIC_ANGSTROM = Map.of(
            "eV", 1.602176634e-19 / 1e-30 / 1e9,
            "kJ/mol", 1e3 / 6.02214076e23 / 1e-30 / 1e9,
            "kcal/mol", 4.184e3 / 6.02214076e23 / 1e-30 / 1e9);

    private final double[][] virial;
    private final double[][] stress;
    private final Double toGpa;

    /** @param energyUnit the model's energy unit, or null when it names none */
    StressReport(PotentialOutput out, double[][] box, String energyUnit) {
        this.virial = out.virial();
        this.stress = out.stress(box);
        this.toGpa = energyUnit == null ? null : GPA_PER_UNIT_PER_CUBIC_ANGSTROM.get(energyUnit);
    }

    /** The refusal of --stress for an input without a box, with the ways to give one. */
    static IllegalArgumentException noBox(Object input) {
        return new IllegalArgumentException("--stress needs a periodic box, and " + input + " has none: give one with a"
                + " CRYST1 record (.pdb), Lattice=\"...\" (.xyz), \"box\" (.json) or --box ax ay az bx by bz cx cy cz");
    }

    void addTo(ObjectNode root, ObjectNode units, String energyUnit) {
        matrix(root.putArray("virial"), virial);
        matrix(root.putArray("stress"), stress);
        units.put("virial", energyUnit);
        units.put("stress", energyUnit + " / angstrom^3");
        if (toGpa != null) {
            matrix(root.putArray("stress_gpa"), scaled(stress, toGpa));
            units.put("stress_gpa", "GPa");
        }
    }

    /** The virial and the stress as 3x3 tables. */
    String text() {
        StringBuilder s = new StringBuilder();
        table(s, "virial (E)", virial);
        table(s, "stress (E/Å³, -virial / volume)", stress);
        if (toGpa != null) table(s, "stress (GPa)", scaled(stress, toGpa));
        return s.toString();
    }

    private static void table(StringBuilder s, String title, double[][] m) {
        s.append('\n').append(title).append('\n');
        for (double[] row : m) s.append(String.format(Locale.ROOT, "%16.8g %16.8g %16.8g%n", row[0], row[1], row[2]));
    }

    private static void matrix(ArrayNode node, double[][] m) {
        for (double[] row : m) node.addArray().add(row[0]).add(row[1]).add(row[2]);
    }

    private static double[][] scaled(double[][] m, double factor) {
        double[][] out = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) out[a][b] = m[a][b] * factor;
        }
        return out;
    }
}
