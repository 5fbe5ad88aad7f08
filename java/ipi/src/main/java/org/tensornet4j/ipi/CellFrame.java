package org.tensornet4j.ipi;

import java.util.Arrays;
import org.tensornet4j.neighbors.PeriodicBox;

/**
 * A periodic cell as the model needs it, TorchMD-Net's reduced lower-triangular box (rows a, b, c
 * with a along x and b in the xy plane), and the rotation Q from the engine's frame into it:
 * positions go in as Q r, forces come back as Qᵀ F and the virial as Qᵀ W Q. A cell already in
 * lower-triangular form keeps its frame (Q is the identity, no rounding). A left-handed cell (negative
 * determinant) is made right-handed by flipping c, a vector of the same lattice, so that Q is a
 * rotation and not a reflection.
 *
 * @param box      the reduced box rows in Å
 * @param rotation Q (rows: the engine-frame unit vectors of the model's x, y, z), or null for identity
 */
record CellFrame(double[][] box, double[][] rotation) {

    /**
     * The frame of the cell with lattice vectors {@code rows} (Å).
     *
     * @throws IllegalArgumentException for a cell of zero volume or with a non-finite component
     */
    static CellFrame of(double[][] rows) {
        PeriodicBox.requireFinite(rows);
        double[] a = rows[0].clone(), b = rows[1].clone(), c = rows[2].clone();
        double det = dot(a, cross(b, c));
        double scale = norm(a) * norm(b) * norm(c);
        if (!(Math.abs(det) > 1e-12 * scale)) {
            throw new IllegalArgumentException("the cell " + Arrays.deepToString(rows) + " has zero volume: the server must send"
                    + " three independent lattice vectors, or an all-zero cell for a non-periodic system (see also --ignore-cell)");
        }
        if (det < 0) {
            for (int k = 0; k < 3; k++) c[k] = -c[k];
        }
        if (a[1] == 0 && a[2] == 0 && b[2] == 0 && a[0] > 0 && b[1] > 0 && c[2] > 0) {
            return new CellFrame(PeriodicBox.reduce(new double[][] {a, b, c}), null);
        }
        double[] x = scaled(a, 1 / norm(a));
        double[] yRaw = b.clone();
        double bx = dot(b, x);
        for (int k = 0; k < 3; k++) yRaw[k] -= bx * x[k];
        double[] y = scaled(yRaw, 1 / norm(yRaw));
        double[] z = cross(x, y);
        double[][] q = {x, y, z};
        double[][] box = {apply(q, a), apply(q, b), apply(q, c)};
        // Exact zeros above the diagonal: the model checks a_y = a_z = b_z = 0 literally.
        box[0][1] = 0;
        box[0][2] = 0;
        box[1][2] = 0;
        return new CellFrame(PeriodicBox.reduce(box), q);
    }

    /** Q v: a vector from the engine's frame into the model's. */
    double[] toModel(double[] v) {
        return rotation == null ? v : apply(rotation, v);
    }

    /** Qᵀ v: a vector (a force) from the model's frame back into the engine's. */
    double[] toEngine(double[] v) {
        if (rotation == null) return v;
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) out[i] += rotation[k][i] * v[k];
        }
        return out;
    }

    /** Qᵀ W Q: a virial from the model's frame back into the engine's. */
    double[][] virialToEngine(double[][] w) {
        if (rotation == null) return w;
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    for (int l = 0; l < 3; l++) s += rotation[k][i] * w[k][l] * rotation[l][j];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    private static double[] apply(double[][] m, double[] v) {
        return new double[] {dot(m[0], v), dot(m[1], v), dot(m[2], v)};
    }

    private static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    private static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double[] scaled(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }
}
