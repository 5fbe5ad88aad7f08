package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Forces against central finite differences of a potential's energy (float64 models). */
final class ForceChecks {
    private static final double H = 1e-5;

    private ForceChecks() {}

    /**
     * Every component of every {@code stride}-th atom: -(E(x + h) - E(x - h)) / 2h must equal the
     * force within 1e-6 relative (molecule 0's energy, the only one of a single-molecule input).
     */
    static void assertForcesMatchFiniteDifferences(Potential model, AtomicSystem s, int stride) {
        PotentialOutput out = model.compute(s);
        double[][] pos = s.positions();
        for (int i = 0; i < pos.length; i += stride) {
            for (int k = 0; k < 3; k++) {
                double keep = pos[i][k];
                pos[i][k] = keep + H;
                double ePlus = model.compute(s.withPositions(pos)).energy()[0];
                pos[i][k] = keep - H;
                double eMinus = model.compute(s.withPositions(pos)).energy()[0];
                pos[i][k] = keep;
                double fd = -(ePlus - eMinus) / (2 * H);
                assertEquals(fd, out.forces()[i][k], 1e-6 * Math.max(1, Math.abs(fd)), "atom " + i + " axis " + k);
            }
        }
    }
}
