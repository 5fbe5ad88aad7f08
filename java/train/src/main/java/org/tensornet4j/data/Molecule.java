package org.tensornet4j.data;

/**
 * One labelled conformation: atomic numbers, positions (Angstrom, flat [N*3]), energy (the dataset's
 * unit, NaN when the dataset has none), forces (energy unit per Angstrom, flat [N*3], or null) and
 * total charge.
 *
 * @param label where it came from (file, group, index), for messages
 */
public record Molecule(String label, long[] z, double[] pos, double energy, double[] forces, double charge) {
    public int atoms() { return z.length; }

    public boolean hasEnergy() { return !Double.isNaN(energy); }

    public boolean hasForces() { return forces != null; }
}
