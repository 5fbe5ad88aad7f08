package org.tensornet4j;

import java.util.Arrays;
import org.tensornet4j.neighbors.PeriodicBox;

/**
 * Input of a {@link Potential}: atomic numbers, positions (Å), and optionally a periodic box, a
 * batch index (which molecule each atom belongs to) and the total charge of each molecule.
 *
 * <p>The box rows are the lattice vectors a, b, c. Batch indices must be 0..M-1 with every
 * molecule present; charges, when given, are one per molecule. Partial charges (one per atom) are
 * an extra input that only TorchMD-Net's Coulomb prior reads (its {@code extra_args["partial_charges"]}).
 * Shape and value checks happen
 * here, model-specific checks (atomic number range, cutoff versus box) in the potential.
 */
public final class AtomicSystem {
    private final long[] z;
    private final double[][] positions;
    private final double[][] box;
    private final long[] batch;
    private final double[] charges;
    private final double[] partialCharges;
    private final int molecules;

    private AtomicSystem(long[] z, double[][] positions, double[][] box, long[] batch, double[] charges,
                         double[] partialCharges) {
        if (z == null) throw new IllegalArgumentException("atomic numbers must not be null");
        if (positions == null) throw new IllegalArgumentException("positions must not be null");
        if (z.length == 0) throw new IllegalArgumentException("the system has no atoms: give at least one atom");
        if (positions.length != z.length) {
            throw new IllegalArgumentException("positions has " + positions.length + " rows but there are "
                    + z.length + " atomic numbers: give one [x, y, z] row per atom");
        }
        for (int i = 0; i < positions.length; i++) {
            double[] p = positions[i];
            if (p == null || p.length != 3) {
                throw new IllegalArgumentException("position of atom " + i + " must have 3 components, got "
                        + (p == null ? "null" : p.length));
            }
            for (double v : p) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("position of atom " + i + " is not finite: "
                            + Arrays.toString(p) + "; check the input coordinates");
                }
            }
        }
        if (box != null) {
            if (box.length != 3) throw new IllegalArgumentException("box must be 3x3 (rows a, b, c), got " + box.length + " rows");
            for (int r = 0; r < 3; r++) {
                if (box[r] == null || box[r].length != 3) {
                    throw new IllegalArgumentException("box row " + r + " must have 3 components");
                }
            }
            PeriodicBox.requireFinite(box);
        }
        int m = 1;
        if (batch != null) {
            if (batch.length != z.length) {
                throw new IllegalArgumentException("batch has " + batch.length + " entries but there are "
                        + z.length + " atoms: give one molecule index per atom");
            }
            long max = -1;
            for (int i = 0; i < batch.length; i++) {
                if (batch[i] < 0) throw new IllegalArgumentException("batch index of atom " + i + " is negative: " + batch[i]);
                max = Math.max(max, batch[i]);
            }
            if (max >= Integer.MAX_VALUE) throw new IllegalArgumentException("batch index too large: " + max);
            boolean[] seen = new boolean[(int) max + 1];
            for (long b : batch) seen[(int) b] = true;
            for (int k = 0; k < seen.length; k++) {
                if (!seen[k]) {
                    throw new IllegalArgumentException("batch index " + k + " has no atoms; molecule indices must be 0.."
                            + max + " without gaps");
                }
            }
            m = (int) max + 1;
        }
        if (charges != null) {
            if (charges.length != m) {
                throw new IllegalArgumentException("got " + charges.length + " total charges for " + m
                        + " molecule(s): give one total charge per molecule");
            }
            for (double q : charges) {
                if (!Double.isFinite(q)) throw new IllegalArgumentException("total charge is not finite: " + q);
            }
        }
        this.z = z.clone();
        this.positions = deepCopy(positions);
        this.box = box == null ? null : deepCopy(box);
        this.batch = batch == null ? null : batch.clone();
        if (partialCharges != null) {
            if (partialCharges.length != z.length) {
                throw new IllegalArgumentException("got " + partialCharges.length + " partial charges for " + z.length
                        + " atoms: give one partial charge per atom");
            }
            for (int i = 0; i < partialCharges.length; i++) {
                if (!Double.isFinite(partialCharges[i])) {
                    throw new IllegalArgumentException("partial charge of atom " + i + " is not finite: " + partialCharges[i]);
                }
            }
        }
        this.charges = charges == null ? null : charges.clone();
        this.partialCharges = partialCharges == null ? null : partialCharges.clone();
        this.molecules = m;
    }

    /** One molecule, no box, neutral. */
    public static AtomicSystem of(long[] z, double[][] positions) {
        return new AtomicSystem(z, positions, null, null, null, null);
    }

    /** One molecule, no box, neutral. */
    public static AtomicSystem of(int[] z, double[][] positions) {
        return of(Arrays.stream(z).asLongStream().toArray(), positions);
    }

    /** Returns a copy with a periodic box (rows a, b, c in Å), or without one when {@code box} is null. */
    public AtomicSystem withBox(double[][] box) {
        return new AtomicSystem(z, positions, box, batch, charges, partialCharges);
    }

    /** Returns a copy with a batch index (molecule of each atom). */
    public AtomicSystem withBatch(long[] batch) {
        return new AtomicSystem(z, positions, box, batch, charges, partialCharges);
    }

    /** Returns a copy with one total charge per molecule (elementary charges), or none when null. */
    public AtomicSystem withCharges(double... charges) {
        return new AtomicSystem(z, positions, box, batch, charges, partialCharges);
    }

    /**
     * Returns a copy with one partial charge per atom (elementary charges), or none when null. Only
     * models with TorchMD-Net's Coulomb prior use them, and such models require them.
     */
    public AtomicSystem withPartialCharges(double... partialCharges) {
        return new AtomicSystem(z, positions, box, batch, charges, partialCharges);
    }

    /** Returns a copy with new positions (same atoms). */
    public AtomicSystem withPositions(double[][] positions) {
        return new AtomicSystem(z, positions, box, batch, charges, partialCharges);
    }

    public int atomCount() { return z.length; }
    public int moleculeCount() { return molecules; }
    public long[] atomicNumbers() { return z.clone(); }
    public double[][] positions() { return deepCopy(positions); }
    public double[][] box() { return box == null ? null : deepCopy(box); }
    public long[] batch() { return batch == null ? null : batch.clone(); }
    public double[] charges() { return charges == null ? null : charges.clone(); }
    public double[] partialCharges() { return partialCharges == null ? null : partialCharges.clone(); }
    public boolean isPeriodic() { return box != null; }

    /** Positions flattened row-major [x0, y0, z0, x1, ...]. */
    public double[] flatPositions() {
        double[] out = new double[3 * positions.length];
        for (int i = 0; i < positions.length; i++) System.arraycopy(positions[i], 0, out, 3 * i, 3);
        return out;
    }

    /** Atomic number of atom i, without copying the whole array. */
    public long atomicNumber(int i) { return z[i]; }

    /** Batch index of atom i (0 without a batch). */
    public long molecule(int i) { return batch == null ? 0 : batch[i]; }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
