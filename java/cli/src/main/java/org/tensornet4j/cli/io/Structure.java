package org.tensornet4j.cli.io;

import org.tensornet4j.AtomicSystem;

/**
 * Atoms read from a structure file, before any command-line override: atomic numbers, positions
 * (Å), and optionally a periodic box (rows a, b, c), a molecule index per atom and a total charge
 * per molecule. Arrays are held as given (a record of arrays compares by identity); validation of
 * shapes and values is {@link AtomicSystem}'s job, see {@link #toAtomicSystem()}.
 */
public record Structure(long[] z, double[][] pos, double[][] box, long[] batch, double[] charges) {

    public int atomCount() {
        return z.length;
    }

    /** The potential's input; throws IllegalArgumentException when shapes or values are inconsistent. */
    public AtomicSystem toAtomicSystem() {
        AtomicSystem system = AtomicSystem.of(z, pos);
        if (batch != null) system = system.withBatch(batch);
        if (box != null) system = system.withBox(box);
        if (charges != null) system = system.withCharges(charges);
        return system;
    }
}
