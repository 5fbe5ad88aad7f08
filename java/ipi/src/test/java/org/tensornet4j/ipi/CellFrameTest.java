package org.tensornet4j.ipi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensornet4j.neighbors.PeriodicBox;

class CellFrameTest {
    private static final double[][] LOWER = {{11, 0, 0}, {-2, 11.3, 0}, {-1, 1.9, 11.8}};

    @Test
    void aLowerTriangularCellKeepsItsFrame() {
        CellFrame frame = CellFrame.of(LOWER);
        assertNull(frame.rotation());
        assertArrayEquals(LOWER[2], frame.box()[2]);
        double[] v = {1, 2, 3};
        assertArrayEquals(v, frame.toModel(v));
    }

    @Test
    void aRotatedCellComesBackLowerTriangularWithTheSameShape() {
        double[][] q = rotation(new double[] {1, -2, 0.5}, 0.7);
        double[][] rotated = {times(q, LOWER[0]), times(q, LOWER[1]), times(q, LOWER[2])};
        CellFrame frame = CellFrame.of(rotated);
        PeriodicBox.validate(frame.box(), 5.0); // the model's own check
        for (int r = 0; r < 3; r++) assertArrayEquals(LOWER[r], frame.box()[r], 1e-12);
        // A vector goes into the model's frame and comes back; the virial transforms as a tensor.
        double[] v = {0.3, -1.2, 2.5};
        assertArrayEquals(LOWER[1], frame.toModel(rotated[1]), 1e-12);
        assertArrayEquals(v, frame.toEngine(frame.toModel(v)), 1e-14);
        double[][] w = {{1, 2, 3}, {2, 5, 6}, {3, 6, 9}};
        double[][] back = frame.virialToEngine(w);
        double[] x = {0.1, 0.2, 0.3};
        // xᵀ W_engine x = (Qx)ᵀ W_model (Qx): the same quadratic form in either frame.
        assertEquals(dot(frame.toModel(x), times(w, frame.toModel(x))), dot(x, times(back, x)), 1e-12);
    }

    @Test
    void aLeftHandedCellIsTheSameLatticeRightHanded() {
        double[][] left = {LOWER[0], LOWER[1], {1, -1.9, -11.8}};
        CellFrame frame = CellFrame.of(left);
        assertNull(frame.rotation());
        for (int r = 0; r < 3; r++) assertArrayEquals(LOWER[r], frame.box()[r], 1e-12);
    }

    @Test
    void anUnreducedCellIsReduced() {
        double[][] skewed = {LOWER[0], {LOWER[1][0] + 11, LOWER[1][1], 0}, LOWER[2]};
        for (int r = 0; r < 3; r++) assertArrayEquals(LOWER[r], CellFrame.of(skewed).box()[r], 1e-12);
    }

    @Test
    void aFlatCellIsRefused() {
        double[][] flat = {{10, 0, 0}, {0, 10, 0}, {5, 5, 0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CellFrame.of(flat));
        assertTrue(e.getMessage().contains("has zero volume") && e.getMessage().contains("--ignore-cell"), e.getMessage());
    }

    private static double[][] rotation(double[] axis, double angle) {
        double n = Math.sqrt(dot(axis, axis));
        double x = axis[0] / n, y = axis[1] / n, z = axis[2] / n, c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
        return new double[][] {
            {t * x * x + c, t * x * y - s * z, t * x * z + s * y},
            {t * x * y + s * z, t * y * y + c, t * y * z - s * x},
            {t * x * z - s * y, t * y * z + s * x, t * z * z + c},
        };
    }

    private static double[] times(double[][] m, double[] v) {
        return new double[] {dot(m[0], v), dot(m[1], v), dot(m[2], v)};
    }

    private static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }
}
