package org.tensornet4j;

/**
 * Result of {@link Potential#compute}: one energy per molecule (ordered by batch index) and one
 * force row per atom (input order), in the model's energy unit and energy unit per Å.
 */
public record PotentialOutput(double[] energy, double[][] forces) {

    /** Sum of the molecular energies. */
    public double totalEnergy() {
        double e = 0;
        for (double v : energy) e += v;
        return e;
    }
}
