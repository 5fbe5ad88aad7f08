package org.tensornet4j.cli.io;

import org.tensornet4j.neighbors.PeriodicBox;

/**
 * Periodic box vectors from crystallographic cell parameters, in the reduced lower-triangular form
 * TorchMD-Net expects: rows a = (a_x, 0, 0), b = (b_x, b_y, 0), c = (c_x, c_y, c_z) with
 * |b_x| ≤ a_x/2, |c_x| ≤ a_x/2, |c_y| ≤ b_y/2.
 */
public final class UnitCell {
    private UnitCell() {
    }

    /**
     * Box rows for edge lengths a, b, c (Å) and angles alpha (b,c), beta (a,c), gamma (a,b) in
     * degrees: a along x, b in the xy plane, then reduced (see {@link PeriodicBox#reduce}).
     *
     * @throws IllegalArgumentException when the parameters describe no cell (non-positive
     *     length, angles that do not close a parallelepiped)
     */
    public static double[][] boxVectors(double a, double b, double c, double alphaDeg, double betaDeg, double gammaDeg) {
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("cell lengths must be positive, got " + a + ", " + b + ", " + c);
        }
        double alpha = Math.toRadians(alphaDeg);
        double beta = Math.toRadians(betaDeg);
        double gamma = Math.toRadians(gammaDeg);
        double sinGamma = Math.sin(gamma);
        if (!(alphaDeg > 0 && alphaDeg < 180 && betaDeg > 0 && betaDeg < 180 && gammaDeg > 0 && gammaDeg < 180)) {
            throw new IllegalArgumentException("cell angles must lie strictly between 0 and 180 degrees, got "
                    + alphaDeg + ", " + betaDeg + ", " + gammaDeg);
        }
        double cx = c * Math.cos(beta);
        double cy = c * (Math.cos(alpha) - Math.cos(beta) * Math.cos(gamma)) / sinGamma;
        double cz2 = c * c - cx * cx - cy * cy;
        if (!(cz2 > 0)) {
            throw new IllegalArgumentException("cell angles " + alphaDeg + ", " + betaDeg + ", " + gammaDeg
                    + " do not form a parallelepiped (zero or negative volume)");
        }
        double[][] box = {
            {a, 0, 0},
            {b * Math.cos(gamma), b * sinGamma, 0},
            {cx, cy, Math.sqrt(cz2)},
        };
        // cos(90°) is 6e-17, not 0: an orthorhombic cell should give an exactly diagonal box.
        for (double[] row : box) {
            for (int k = 0; k < 3; k++) if (Math.abs(row[k]) < 1e-12 * Math.max(a, Math.max(b, c))) row[k] = 0;
        }
        return PeriodicBox.reduce(box);
    }
}
