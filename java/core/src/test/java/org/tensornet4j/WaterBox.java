package org.tensornet4j;

import java.util.Random;

/**
 * A small periodic box of water for tests that need periodic images to matter (virial, stress): one
 * water per cell of an n x n x n grid in fractional coordinates, each turned at random (fixed seed)
 * and pushed off its grid point, so that no symmetry hides an error. With a box of about 12 Å the
 * density is near liquid water's, and each atom sees its neighbours' images through every face.
 */
public final class WaterBox {
    /** Orthorhombic, every width above 2 x 6 Å (TensorNet2's Coulomb cutoff in the tests). */
    public static final double[][] ORTHORHOMBIC = {{12.4, 0, 0}, {0, 12.2, 0}, {0, 0, 12.3}};
    /** Triclinic in TorchMD-Net's reduced lower-triangular form (a_x >= 2|b_x|, 2|c_x|; b_y >= 2|c_y|). */
    public static final double[][] TRICLINIC = {{12.4, 0, 0}, {3.0, 12.2, 0}, {-2.5, 4.0, 12.3}};

    private static final double[][] WATER = {{0, 0, 0}, {0.9572, 0, 0}, {-0.2400, 0.9266, 0}};

    private WaterBox() {}

    /** n^3 waters (O, H, H each) in {@code box}, some atoms outside the box (the model wraps them). */
    public static AtomicSystem of(double[][] box, int n) {
        Random random = new Random(20261206L);
        long[] z = new long[3 * n * n * n];
        double[][] pos = new double[z.length][];
        int atom = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double[] frac = {(i + 0.5 + 0.1 * random.nextGaussian()) / n, (j + 0.5 + 0.1 * random.nextGaussian()) / n,
                            (k + 0.5 + 0.1 * random.nextGaussian()) / n};
                    double[] centre = new double[3];
                    for (int r = 0; r < 3; r++) {
                        for (int c = 0; c < 3; c++) centre[c] += frac[r] * box[r][c];
                    }
                    double[][] rotation = rotation(random);
                    for (int a = 0; a < 3; a++) {
                        z[atom] = a == 0 ? 8 : 1;
                        pos[atom] = new double[3];
                        for (int c = 0; c < 3; c++) {
                            double v = centre[c];
                            for (int d = 0; d < 3; d++) v += rotation[c][d] * WATER[a][d];
                            pos[atom][c] = v;
                        }
                        atom++;
                    }
                }
            }
        }
        return AtomicSystem.of(z, pos).withBox(box);
    }

    /** A random rotation from a random unit quaternion. */
    private static double[][] rotation(Random random) {
        double w = random.nextGaussian(), x = random.nextGaussian(), y = random.nextGaussian(), v = random.nextGaussian();
        double norm = Math.sqrt(w * w + x * x + y * y + v * v);
        w /= norm; x /= norm; y /= norm; v /= norm;
        return new double[][] {
            {1 - 2 * (y * y + v * v), 2 * (x * y - v * w), 2 * (x * v + y * w)},
            {2 * (x * y + v * w), 1 - 2 * (x * x + v * v), 2 * (y * v - x * w)},
            {2 * (x * v - y * w), 2 * (y * v + x * w), 1 - 2 * (x * x + y * y)}};
    }
}
