package org.tensornet4j.spark;

import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Potential;
import org.tensornet4j.PotentialOutput;

/**
 * FIRE geometry relaxation (Bitzek et al., PRL 97, 170201 (2006)), with ASE's default parameters:
 * stops when the largest per-atom force norm is at most {@code fmax}, or after {@code maxSteps} force
 * evaluations. Atomic masses are taken as 1 (the path to the minimum, not the minimum, depends on them).
 */
final class Fire {
    private static final double DT_START = 0.1, DT_MAX = 1.0, MAX_MOVE = 0.2;
    private static final double F_INC = 1.1, F_DEC = 0.5, A_START = 0.1, F_A = 0.99;
    private static final int N_MIN = 5;

    private Fire() {}

    /** The relaxed positions (flat [3N], Å), their energy, the steps taken and whether fmax was reached. */
    record Result(double[] positions, double energy, int steps, boolean converged) {}

    static Result relax(Potential potential, AtomicSystem start, double fmax, int maxSteps) {
        int n = start.atomCount();
        double[] x = start.flatPositions();
        double[] v = new double[3 * n];
        double dt = DT_START, a = A_START;
        int positive = 0;
        AtomicSystem system = start;
        for (int step = 0; ; step++) {
            PotentialOutput out = potential.compute(system);
            double[] f = Scorer.flat(out.forces());
            if (Scorer.maxNorm(f) <= fmax || step == maxSteps) {
                return new Result(x, out.totalEnergy(), step, Scorer.maxNorm(f) <= fmax);
            }
            double p = dot(f, v);
            if (p > 0) {
                double vNorm = Math.sqrt(dot(v, v)), fNorm = Math.sqrt(dot(f, f));
                for (int i = 0; i < v.length; i++) v[i] = (1 - a) * v[i] + a * f[i] / fNorm * vNorm;
                if (++positive > N_MIN) {
                    dt = Math.min(dt * F_INC, DT_MAX);
                    a *= F_A;
                }
            } else {
                java.util.Arrays.fill(v, 0);
                a = A_START;
                dt *= F_DEC;
                positive = 0;
            }
            double[] dx = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                v[i] += dt * f[i];
                dx[i] = dt * v[i];
            }
            double longest = Math.sqrt(dot(dx, dx));
            double scale = longest > MAX_MOVE ? MAX_MOVE / longest : 1;
            for (int i = 0; i < x.length; i++) x[i] += scale * dx[i];
            system = system.withPositions(rows(x));
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[][] rows(double[] flat) {
        double[][] r = new double[flat.length / 3][];
        for (int i = 0; i < r.length; i++) r[i] = new double[] {flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]};
        return r;
    }
}
