package org.tensornet4j;

import java.util.Map;

/**
 * Result of {@link Potential#compute}: one energy per molecule (ordered by batch index) and one
 * force row per atom (input order), in the model's energy unit and energy unit per Å.
 *
 * @param energy    energy per molecule
 * @param forces    [N][3]
 * @param energyStd an ensemble's standard deviation of each molecule's energy over its members, or null
 * @param forcesStd an ensemble's standard deviation of each force component, [N][3], or null
 * @param perAtom   other per-atom outputs of the model by name, one row per atom: {@value #CHARGES}
 *                  ([N][1], TensorNet2's predicted charges, adding up to each molecule's total charge)
 *                  and {@value #CHARGE_CHANNELS} ([N][C], every charge channel it predicts); empty for
 *                  models without such outputs
 */
public record PotentialOutput(double[] energy, double[][] forces, double[] energyStd, double[][] forcesStd,
                              Map<String, double[][]> perAtom) {
    public static final String CHARGES = "charges";
    public static final String CHARGE_CHANNELS = "charge_channels";

    public PotentialOutput {
        perAtom = perAtom == null ? Map.of() : Map.copyOf(perAtom);
    }

    /** Energies and forces only. */
    public PotentialOutput(double[] energy, double[][] forces) {
        this(energy, forces, null, null, Map.of());
    }

    /** Sum of the molecular energies. */
    public double totalEnergy() {
        double e = 0;
        for (double v : energy) e += v;
        return e;
    }

    /** Whether this is an ensemble's output with standard deviations. */
    public boolean hasUncertainty() {
        return energyStd != null;
    }

    /** The predicted charge of each atom, or null when the model predicts none. */
    public double[] charges() {
        double[][] rows = perAtom.get(CHARGES);
        if (rows == null) return null;
        double[] q = new double[rows.length];
        for (int i = 0; i < q.length; i++) q[i] = rows[i][0];
        return q;
    }
}
