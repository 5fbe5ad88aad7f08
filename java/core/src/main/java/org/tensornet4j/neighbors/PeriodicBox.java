package org.tensornet4j.neighbors;

import java.util.Arrays;

/**
 * Validation of periodic boxes. TorchMD-Net's minimum-image convention is exact only for boxes in
 * reduced lower-triangular form whose widths are at least twice the cutoff; anything else would give
 * silently wrong neighbours, so it is refused with the rule that failed.
 */
public final class PeriodicBox {
    private PeriodicBox() {}

    /**
     * Checks that the rows a, b, c of {@code box} satisfy a_y = a_z = b_z = 0, a_x >= 2|b_x|,
     * a_x >= 2|c_x|, b_y >= 2|c_y| and a_x, b_y, c_z >= 2 cutoff.
     */
    public static void validate(double[][] box, double cutoff) {
        double ax = box[0][0], ay = box[0][1], az = box[0][2];
        double bx = box[1][0], by = box[1][1], bz = box[1][2];
        double cx = box[2][0], cy = box[2][1], cz = box[2][2];
        String shown = Arrays.deepToString(box);
        requireFinite(box);
        if (ay != 0 || az != 0 || bz != 0) {
            throw new IllegalArgumentException("box " + shown + " is not in reduced lower-triangular form: a_y, a_z and b_z"
                    + " must be 0 (rotate the box so that a lies along x and b in the xy plane)");
        }
        if (ax <= 0 || by <= 0 || cz <= 0) {
            throw new IllegalArgumentException("box " + shown + " must have positive diagonal a_x, b_y, c_z");
        }
        if (ax < 2 * Math.abs(bx) || ax < 2 * Math.abs(cx) || by < 2 * Math.abs(cy)) {
            throw new IllegalArgumentException("box " + shown + " is not reduced: need a_x >= 2|b_x|, a_x >= 2|c_x| and"
                    + " b_y >= 2|c_y| (subtract multiples of a from b and c, and of b from c)");
        }
        double min = Math.min(ax, Math.min(by, cz));
        if (min < 2 * cutoff) {
            throw new IllegalArgumentException("box " + shown + " is too small for the cutoff " + cutoff
                    + " A: a_x, b_y and c_z must be at least " + (2 * cutoff) + " A (twice the cutoff)");
        }
    }

    /**
     * Shortens b and c by whole lattice vectors so that a lower-triangular box is reduced
     * (|b_x| ≤ a_x/2, |c_x| ≤ a_x/2, |c_y| ≤ b_y/2); the lattice (and so the periodic system) is
     * unchanged. Same steps and rounding (half to even) as OpenMM's {@code computePeriodicBoxVectors}.
     */
    public static double[][] reduce(double[][] box) {
        double[] a = box[0].clone();
        double[] b = box[1].clone();
        double[] c = box[2].clone();
        subtract(c, b, Math.rint(c[1] / b[1]));
        subtract(c, a, Math.rint(c[0] / a[0]));
        subtract(b, a, Math.rint(b[0] / a[0]));
        return new double[][] {a, b, c};
    }

    private static void subtract(double[] v, double[] w, double times) {
        if (times == 0) return;
        for (int k = 0; k < 3; k++) v[k] -= times * w[k];
    }

    /**
     * A NaN or infinite component passes every comparison below (NaN compares false, infinity is
     * "large enough") and would give an energy for a box that does not exist: refused first, by name.
     */
    public static void requireFinite(double[][] box) {
        for (int r = 0; r < 3; r++) {
            for (double v : box[r]) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException(notFinite(Arrays.deepToString(box)));
            }
        }
    }

    /** The message for a box with a NaN or infinite component, shared by every surface that checks boxes. */
    public static String notFinite(String shown) {
        return "the periodic box " + shown + " is not finite (NaN or infinite component): give finite box vectors"
                + " a, b, c in Å, or no box for a non-periodic system";
    }

    /** The rows a, b, c one after the other (row-major), as {@code Tensor.create(values, 3, 3)} takes them. */
    public static double[] flatten(double[][] box) {
        double[] out = new double[9];
        for (int r = 0; r < 3; r++) System.arraycopy(box[r], 0, out, 3 * r, 3);
        return out;
    }

    /**
     * The 3x3 box (rows a, b, c) from nine numbers in row-major order (ax ay az bx by bz cx cy cz), the
     * inverse of {@link #flatten}. The one place that turns engines', tensors' and files' flat boxes
     * into rows.
     */
    public static double[][] fromFlat(double[] nine) {
        if (nine.length != 9) {
            throw new IllegalArgumentException("a periodic box needs 9 numbers (ax ay az bx by bz cx cy cz), got " + nine.length);
        }
        double[][] box = new double[3][];
        for (int r = 0; r < 3; r++) box[r] = Arrays.copyOfRange(nine, 3 * r, 3 * r + 3);
        return box;
    }
}
