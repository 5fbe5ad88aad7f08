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
 *                  models without such outputs; {@value #ATOM_ENERGIES} ([N][1]) when asked for
 *                  ({@link OptionalOutput#ATOM_ENERGIES})
 * @param virial    the virial of the whole input, 3x3 in the energy unit ({@link OptionalOutput#VIRIAL}),
 *                  or null when not asked for
 */
public record PotentialOutput(double[] energy, double[][] forces, double[] energyStd, double[][] forcesStd,
                              Map<String, double[][]> perAtom, double[][] virial) {
    public static final String CHARGES = "charges";
    public static final String CHARGE_CHANNELS = "charge_channels";
    /** Each atom's energy, adding up to its molecule's ({@link OptionalOutput#ATOM_ENERGIES}). */
    public static final String ATOM_ENERGIES = "energies";

    public PotentialOutput {
        perAtom = perAtom == null ? Map.of() : Map.copyOf(perAtom);
    }

    /** Without a virial. */
    public PotentialOutput(double[] energy, double[][] forces, double[] energyStd, double[][] forcesStd,
                           Map<String, double[][]> perAtom) {
        this(energy, forces, energyStd, forcesStd, perAtom, null);
    }

    /** Energies and forces only. */
    public PotentialOutput(double[] energy, double[][] forces) {
        this(energy, forces, null, null, Map.of());
    }

    /**
     * Checks that a potential's output has one energy per molecule and one [fx, fy, fz] row per atom:
     * a potential written by a user may get this wrong, and a bare index error deep in an engine
     * adapter would name neither the potential nor the shapes.
     *
     * @param source the potential's class, named in the message
     */
    public static void requireShape(PotentialOutput out, int molecules, int atoms, Class<?> source) {
        String who = source.getName() + ".compute";
        if (out == null) throw new IllegalStateException(who + " returned null: it must return a PotentialOutput");
        if (out.energy() == null || out.energy().length != molecules) {
            throw new IllegalStateException(who + " returned " + (out.energy() == null ? "no energies" : out.energy().length + " energies")
                    + " for " + molecules + " molecule(s): expected energy[" + molecules + "], one per molecule");
        }
        double[][] f = out.forces();
        if (f == null || f.length != atoms) {
            throw new IllegalStateException(who + " returned " + (f == null ? "no forces" : "forces of shape [" + f.length + "][...]")
                    + " for " + atoms + " atoms: expected forces[" + atoms + "][3], one [fx, fy, fz] row per atom");
        }
        for (int i = 0; i < atoms; i++) {
            if (f[i] == null || f[i].length != 3) {
                throw new IllegalStateException(who + " returned a force row of " + (f[i] == null ? "null" : f[i].length + " components")
                        + " for atom " + i + ": expected forces[" + atoms + "][3], one [fx, fy, fz] row per atom");
            }
        }
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

    /** Each atom's energy ({@link OptionalOutput#ATOM_ENERGIES}), or null when not asked for. */
    public double[] atomEnergies() {
        double[][] rows = perAtom.get(ATOM_ENERGIES);
        if (rows == null) return null;
        double[] e = new double[rows.length];
        for (int i = 0; i < e.length; i++) e[i] = rows[i][0];
        return e;
    }

    /**
     * The stress tensor -W / V for a periodic input (energy unit per Å³; positive under tension, as
     * ASE reports it), from the virial and the box rows; null without a virial.
     */
    public double[][] stress(double[][] box) {
        if (virial == null) return null;
        double volume = Math.abs(box[0][0] * (box[1][1] * box[2][2] - box[1][2] * box[2][1])
                - box[0][1] * (box[1][0] * box[2][2] - box[1][2] * box[2][0])
                + box[0][2] * (box[1][0] * box[2][1] - box[1][1] * box[2][0]));
        double[][] s = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) s[i][j] = -virial[i][j] / volume;
        }
        return s;
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
