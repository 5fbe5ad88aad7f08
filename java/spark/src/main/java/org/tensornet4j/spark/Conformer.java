package org.tensornet4j.spark;

import java.io.Serializable;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.data.Molecule;

/**
 * One row of the conformer table: one molecule to score.
 *
 * @param id            unique within a table; what output rows and {@code --resume} match on
 * @param atomicNumbers Z per atom
 * @param positions     flat [3N] in Å
 * @param totalCharge   total charge in e (0 for neutral)
 * @param cell          periodic box rows a, b, c flat [9] in Å, or null
 */
public record Conformer(String id, int[] atomicNumbers, double[] positions, double totalCharge, double[] cell)
        implements Serializable {

    public int atoms() { return atomicNumbers.length; }

    /** From a dataset sample (HDF5, extended XYZ); the label is not kept, the id names the row. */
    static Conformer of(String id, Molecule m) {
        AtomicSystem s = m.system();
        long[] z = s.atomicNumbers();
        int[] zi = new int[z.length];
        for (int i = 0; i < z.length; i++) zi[i] = (int) z[i];
        double[][] box = s.box();
        double[] cell = null;
        if (box != null) {
            cell = new double[9];
            for (int r = 0; r < 3; r++) System.arraycopy(box[r], 0, cell, 3 * r, 3);
        }
        return new Conformer(id, zi, s.flatPositions(), m.charge(), cell);
    }

    /**
     * The atoms as the potential takes them, after checking what the table's types cannot: 3N
     * positions, finite numbers, a 9-value cell. The model checks the rest (elements it knows,
     * neighbour counts) and its refusals become the row's status.
     */
    AtomicSystem system() {
        int n = atomicNumbers.length;
        if (n == 0) throw new IllegalArgumentException("no atoms");
        if (positions.length != 3 * n) {
            throw new IllegalArgumentException("positions has " + positions.length + " values for " + n + " atoms; expected 3N = " + 3 * n);
        }
        double[][] pos = new double[n][];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                double v = positions[3 * i + k];
                if (!Double.isFinite(v)) throw new IllegalArgumentException("position of atom " + i + " is " + v + "; positions must be finite");
            }
            pos[i] = new double[] {positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]};
        }
        AtomicSystem s = AtomicSystem.of(atomicNumbers, pos);
        if (cell != null) {
            if (cell.length != 9) throw new IllegalArgumentException("cell has " + cell.length + " values; expected 9 (rows a, b, c)");
            double[][] box = new double[3][3];
            for (int r = 0; r < 3; r++) System.arraycopy(cell, 3 * r, box[r], 0, 3);
            s = s.withBox(box);
        }
        if (!Double.isFinite(totalCharge)) throw new IllegalArgumentException("total_charge is " + totalCharge);
        return totalCharge == 0 ? s : s.withCharges(totalCharge);
    }
}
