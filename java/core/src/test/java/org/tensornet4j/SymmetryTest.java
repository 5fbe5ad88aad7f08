package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Physical symmetries: energies invariant and forces covariant under rotations and translations;
 * O(3) models are also invariant under reflections, SO(3) models are not (they see chirality).
 */
class SymmetryTest {
    private static TensorNetPotential o3;
    private static TensorNetPotential so3;
    private static AtomicSystem caffeine;

    @BeforeAll
    static void load() {
        o3 = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"));
        so3 = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"), Device.CPU,
                Map.of("equivariance_invariance_group", "SO(3)"));
        caffeine = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__caffeine.json")).system();
    }

    @AfterAll
    static void close() {
        o3.close();
        so3.close();
    }

    @Test
    void rotationAndTranslationInvariance() {
        for (TensorNetPotential model : new TensorNetPotential[] {o3, so3}) {
            PotentialOutput ref = model.compute(caffeine);
            double[][] rot = randomRotation(new Random(7));
            double[] shift = {3.2, -1.7, 12.5};
            PotentialOutput moved = model.compute(caffeine.withPositions(transform(caffeine.positions(), rot, shift)));
            assertEquals(ref.energy()[0], moved.energy()[0], 1e-9 * Math.abs(ref.energy()[0]));
            double[][] expectedForces = transform(ref.forces(), rot, new double[3]);
            for (int i = 0; i < expectedForces.length; i++) {
                for (int k = 0; k < 3; k++) assertEquals(expectedForces[i][k], moved.forces()[i][k], 1e-9);
            }
        }
    }

    @Test
    void o3IsReflectionInvariantAndSo3IsNot() {
        double[][] mirror = {{-1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] reflected = transform(caffeine.positions(), mirror, new double[3]);
        double e = o3.compute(caffeine).energy()[0];
        assertEquals(e, o3.compute(caffeine.withPositions(reflected)).energy()[0], 1e-9 * Math.abs(e));
        // Caffeine is planar, so a mirror through its plane is a rotation in disguise; use a bent copy.
        double[][] bent = caffeine.positions();
        for (int i = 0; i < bent.length; i++) bent[i][2] += 0.3 * Math.sin(1.7 * i);
        double[][] bentMirror = transform(bent, mirror, new double[3]);
        double eBent = so3.compute(caffeine.withPositions(bent)).energy()[0];
        double eBentMirror = so3.compute(caffeine.withPositions(bentMirror)).energy()[0];
        assertTrue(Math.abs(eBent - eBentMirror) > 1e-6, "SO(3) energy should change under reflection: " + eBent + " vs " + eBentMirror);
        double oBent = o3.compute(caffeine.withPositions(bent)).energy()[0];
        assertEquals(oBent, o3.compute(caffeine.withPositions(bentMirror)).energy()[0], 1e-9 * Math.abs(oBent));
    }

    static double[][] transform(double[][] p, double[][] r, double[] t) {
        double[][] out = new double[p.length][3];
        for (int i = 0; i < p.length; i++) {
            for (int a = 0; a < 3; a++) {
                double s = t[a];
                for (int b = 0; b < 3; b++) s += r[a][b] * p[i][b];
                out[i][a] = s;
            }
        }
        return out;
    }

    /** A uniformly random proper rotation from a random unit quaternion. */
    static double[][] randomRotation(Random rnd) {
        double[] q = new double[4];
        double n = 0;
        for (int i = 0; i < 4; i++) { q[i] = rnd.nextGaussian(); n += q[i] * q[i]; }
        n = Math.sqrt(n);
        double w = q[0] / n, x = q[1] / n, y = q[2] / n, z = q[3] / n;
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)},
            {2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)},
            {2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)}};
    }
}
