package org.tensornet4j.data;

import org.tensornet4j.AtomicSystem;

/**
 * One labelled conformation: the atoms ({@link AtomicSystem}, one molecule: atomic numbers,
 * positions in Angstrom, box and total charge when the file gives them), its energy (the dataset's
 * unit, NaN when the dataset has none) and forces (energy unit per Angstrom, flat [N*3], or null).
 * The atoms type is the potential's input, so a sample goes to a potential as it is.
 *
 * @param label where it came from (file, group, index), for messages
 */
public record Molecule(String label, AtomicSystem system, double energy, double[] forces) {
    public Molecule {
        if (system.moleculeCount() != 1) {
            throw new IllegalArgumentException(label + ": a labelled sample holds one molecule, got " + system.moleculeCount());
        }
    }

    /** A sample of one molecule from flat positions [N*3]; a total charge of 0 is left out, as a neutral file does. */
    public static Molecule of(String label, long[] z, double[] pos, double energy, double[] forces, double charge) {
        double[][] rows = new double[z.length][];
        for (int a = 0; a < z.length; a++) rows[a] = new double[] {pos[3 * a], pos[3 * a + 1], pos[3 * a + 2]};
        AtomicSystem system = AtomicSystem.of(z, rows);
        return new Molecule(label, charge == 0 ? system : system.withCharges(charge), energy, forces);
    }

    public int atoms() { return system.atomCount(); }

    /** Atomic numbers (a copy). */
    public long[] z() { return system.atomicNumbers(); }

    /** Positions flattened [x0, y0, z0, x1, ...] (a copy). */
    public double[] pos() { return system.flatPositions(); }

    /** The total charge, 0 when the file gives none. */
    public double charge() {
        double[] q = system.charges();
        return q == null ? 0 : q[0];
    }

    public boolean hasEnergy() { return !Double.isNaN(energy); }

    public boolean hasForces() { return forces != null; }
}
