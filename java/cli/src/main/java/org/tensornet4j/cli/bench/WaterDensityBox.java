package org.tensornet4j.cli.bench;

import java.util.Random;
import org.tensornet4j.AtomicSystem;

/**
 * Atoms at random positions in a cubic periodic box at the atom density of liquid water (0.1 atoms
 * per cubic Å), as in a solvated system: any size, the same neighbour count per atom (about 50
 * within 5 Å). For benchmarks of the neighbour search, which does not look at the elements.
 */
public final class WaterDensityBox {
    /** Atoms per cubic Å: 3 atoms per 29.9 Å^3 water molecule. */
    public static final double ATOMS_PER_A3 = 0.1003;

    private WaterDensityBox() {
    }

    public static AtomicSystem of(int atoms, long seed) {
        if (atoms < 1) throw new IllegalArgumentException("a box needs at least one atom, got " + atoms);
        double edge = Math.cbrt(atoms / ATOMS_PER_A3);
        Random random = new Random(seed);
        long[] z = new long[atoms];
        double[][] pos = new double[atoms][3];
        for (int i = 0; i < atoms; i++) {
            z[i] = i % 3 == 0 ? 8 : 1;
            for (int k = 0; k < 3; k++) pos[i][k] = edge * random.nextDouble();
        }
        return AtomicSystem.of(z, pos).withBox(new double[][] {{edge, 0, 0}, {0, edge, 0}, {0, 0, edge}});
    }
}
