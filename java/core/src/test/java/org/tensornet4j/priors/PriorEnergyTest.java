package org.tensornet4j.priors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensornet4j.priors.PriorHarness.doubles;
import static org.tensornet4j.priors.PriorHarness.energiesAndForces;
import static org.tensornet4j.priors.PriorHarness.energy;
import static org.tensornet4j.priors.PriorHarness.longs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.torch.Torch;

/**
 * Each prior alone on a few atoms, against the formula evaluated here in plain double arithmetic
 * (written from the published formulas, not from the implementation), and forces against central
 * finite differences. Lengths in Å; ZBL/D2/Coulomb energies in eV (distance_scale 1e-10 m,
 * energy_scale 1 eV in J), as in the tn-priors checkpoint.
 */
class PriorEnergyTest {
    private static final double EV = 1.602176634e-19;
    private static final double ANGSTROM = 1e-10;
    private static final double AVOGADRO = 6.02214076e23;
    /** Atom types 1, 2, 3 are H, C, O. */
    private static final long[] TYPE_TO_Z = {0, 1, 6, 8};

    @BeforeAll
    static void init() {
        Torch.init();
    }

    // ---- ZBL --------------------------------------------------------------------------------

    /** The arguments of ZBL and D2, in Å and eV. */
    private static Map<String, Object> pairArgs(double cutoff, long maxNeighbors, List<Long> atomicNumber) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("cutoff_distance", cutoff);
        args.put("max_num_neighbors", maxNeighbors);
        args.put("atomic_number", atomicNumber);
        args.put("distance_scale", ANGSTROM);
        args.put("energy_scale", EV);
        return args;
    }

    private static Prior zbl(double cutoff, int maxNeighbors) {
        return PriorHarness.build("ZBL", pairArgs(cutoff, maxNeighbors, List.of(0L, 1L, 6L, 8L)), Map.of("atomic_number", longs(TYPE_TO_Z), "distance.box", doubles(new double[9]).reshape(3, 3)));
    }

    /** ZBL energy of one unordered pair (eV): screened Coulomb repulsion of the nuclei, cosine switched. */
    private static double zblPair(long zi, long zj, double r, double cutoff) {
        if (r >= cutoff) return 0;
        double bohr = 5.29177210903e-11;
        double a = 0.8854 * bohr / (Math.pow(zi, 0.23) + Math.pow(zj, 0.23));
        double x = r * ANGSTROM / a;
        double phi = 0.1818 * Math.exp(-3.2 * x) + 0.5099 * Math.exp(-0.9423 * x) + 0.2802 * Math.exp(-0.4029 * x)
                + 0.02817 * Math.exp(-0.2016 * x);
        double switching = 0.5 * (Math.cos(Math.PI * r / cutoff) + 1);
        double coulomb = 2.30707755e-28 / (r * ANGSTROM) / EV; // e^2 / (4 pi eps0 r) in eV
        return coulomb * zi * zj * phi * switching;
    }

    private static final double[][] HCO = {{0, 0, 0}, {0.9, 0.2, 0}, {0.3, 1.4, 0.5}};

    @Test
    void zblMatchesTheFormula() {
        AtomicSystem s = AtomicSystem.of(new long[] {1, 2, 3}, HCO);
        double expected = sumOverPairs(HCO, (i, j, r) -> zblPair(TYPE_TO_Z[i + 1], TYPE_TO_Z[j + 1], r, 4.0));
        assertEquals(expected, energy(zbl(4.0, 64), s), 1e-6 * expected);
        assertTrue(expected > 1, "a strongly repulsive configuration: " + expected);
    }

    @Test
    void zblForcesAreTheNegativeGradient() {
        PriorHarness.assertForcesMatchFiniteDifferences(zbl(4.0, 64), AtomicSystem.of(new long[] {1, 2, 3}, HCO));
    }

    @Test
    void zblIsZeroBeyondItsCutoffAndSmoothAtIt() {
        double[][] pos = {{0, 0, 0}, {3.999, 0, 0}};
        double near = energy(zbl(4.0, 64), AtomicSystem.of(new long[] {2, 3}, pos));
        assertEquals(zblPair(6, 8, 3.999, 4.0), near, 1e-6 * Math.abs(near) + 1e-15);
        assertTrue(near < 1e-8, "switched off at the cutoff: " + near);
        pos[1][0] = 4.0;
        assertEquals(0, energy(zbl(4.0, 64), AtomicSystem.of(new long[] {2, 3}, pos)));
    }

    /** A 9 Å cubic box with C and O 7.5 Å apart directly but 1.5 Å apart through the boundary. */
    private static final double[][] BOX = {{9, 0, 0}, {0, 9, 0}, {0, 0, 9}};
    private static final double[][] ACROSS_BOUNDARY = {{0.5, 1, 1}, {8.0, 1, 1}};

    @Test
    void zblUsesThePeriodicBox() {
        AtomicSystem open = AtomicSystem.of(new long[] {2, 3}, ACROSS_BOUNDARY);
        AtomicSystem periodic = open.withBox(BOX);
        assertEquals(0, energy(zbl(4.0, 64), open));
        double expected = zblPair(6, 8, 1.5, 4.0);
        assertEquals(expected, energy(zbl(4.0, 64), periodic), 1e-6 * expected);
        PriorHarness.assertForcesMatchFiniteDifferences(zbl(4.0, 64), periodic);
    }

    @Test
    void zblRefusesABoxSmallerThanTwiceItsCutoff() {
        AtomicSystem s = AtomicSystem.of(new long[] {2, 3}, ACROSS_BOUNDARY).withBox(BOX);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> energy(zbl(5.0, 64), s));
        assertTrue(e.getMessage().contains("too small for the cutoff 5.0"), e.getMessage());
    }

    @Test
    void moleculesOfABatchDoNotInteract() {
        double[][] two = new double[6][];
        for (int i = 0; i < 3; i++) {
            two[i] = HCO[i].clone();
            two[i + 3] = new double[] {HCO[i][0] + 0.7, HCO[i][1], HCO[i][2] + 0.9};
        }
        AtomicSystem batch = AtomicSystem.of(new long[] {1, 2, 3, 1, 2, 3}, two).withBatch(new long[] {0, 0, 0, 1, 1, 1});
        double single = energy(zbl(4.0, 64), AtomicSystem.of(new long[] {1, 2, 3}, HCO));
        double[] both = energiesAndForces(zbl(4.0, 64), batch);
        assertEquals(single, both[0], 1e-12 * single);
        assertEquals(single, both[1], 1e-12 * single);
        PriorHarness.assertForcesMatchFiniteDifferences(zbl(4.0, 64), batch);
    }

    @Test
    void tooManyPairsIsAnErrorAndSelfPairsDoNotCount() {
        // 2 atoms: 2 directed pairs <= 1 x 2 (TorchMD-Net's loop=False list has no self pairs)
        assertTrue(energy(zbl(4.0, 1), AtomicSystem.of(new long[] {2, 3}, new double[][] {{0, 0, 0}, {1.2, 0, 0}})) > 0);
        // 3 atoms: 6 pairs > 1 x 3
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> energy(zbl(4.0, 1), AtomicSystem.of(new long[] {1, 2, 3}, HCO)));
        assertTrue(e.getMessage().startsWith("prior ZBL (prior_model.0): too many neighbours: 6 pairs"), e.getMessage());
        assertTrue(e.getMessage().contains("max_num_neighbors (1)"), e.getMessage());
    }

    @Test
    void atomTypesOutsideTheZblTableAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> energy(zbl(4.0, 64), AtomicSystem.of(new long[] {1, 4}, new double[][] {{0, 0, 0}, {1, 0, 0}})));
        assertTrue(e.getMessage().contains("atom type 4 of atom 1 is not in the ZBL prior's atomic_number table (4 types)"), e.getMessage());
    }

    // ---- D2 ---------------------------------------------------------------------------------

    /** Grimme's table for H, C, O: C6 in J nm^6 / mol, van der Waals radius in nm. */
    private static final double[][] GRIMME = {{1, 0.14, 0.1001}, {6, 1.75, 0.1452}, {8, 0.70, 0.1342}};

    private static Prior d2(double cutoff) {
        double[] c6 = new double[55];
        double[] rr = new double[55];
        Arrays.fill(c6, Double.NaN);
        Arrays.fill(rr, Double.NaN);
        for (double[] row : GRIMME) {
            c6[(int) row[0]] = row[1];
            rr[(int) row[0]] = row[2];
        }
        Map<String, Object> args = pairArgs(cutoff, 32, List.of(0L, 1L, 6L, 8L));
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        buffers.put("Z_map", longs(TYPE_TO_Z));
        buffers.put("C_6", doubles(c6));
        buffers.put("R_r", doubles(rr));
        return PriorHarness.build("D2", args, buffers);
    }

    /** DFT-D2 dispersion of one unordered pair (eV), s6 = 1, damping steepness 20. */
    private static double d2Pair(long zi, long zj, double r) {
        double[] pi = grimme(zi);
        double[] pj = grimme(zj);
        double rNm = r * 0.1;
        double c6 = Math.sqrt(pi[1] * pj[1]);
        double damping = 1 / (1 + Math.exp(-20 * (rNm / (pi[2] + pj[2]) - 1)));
        double jPerMol = -c6 / Math.pow(rNm, 6) * damping;
        return jPerMol / AVOGADRO / EV;
    }

    private static double[] grimme(long z) {
        for (double[] row : GRIMME) if (row[0] == z) return row;
        throw new AssertionError(z);
    }

    private static final double[][] HCO_WIDE = {{0, 0, 0}, {1.9, 0.4, 0}, {0.5, 2.6, 1.1}};

    @Test
    void d2MatchesTheFormula() {
        AtomicSystem s = AtomicSystem.of(new long[] {1, 2, 3}, HCO_WIDE);
        double expected = sumOverPairs(HCO_WIDE, (i, j, r) -> d2Pair(TYPE_TO_Z[i + 1], TYPE_TO_Z[j + 1], r));
        assertEquals(expected, energy(d2(10.0), s), 1e-9 * Math.abs(expected));
        assertTrue(expected < 0, "dispersion attracts: " + expected);
        PriorHarness.assertForcesMatchFiniteDifferences(d2(10.0), s);
    }

    @Test
    void d2IgnoresThePeriodicBox() {
        AtomicSystem open = AtomicSystem.of(new long[] {2, 3}, ACROSS_BOUNDARY);
        AtomicSystem periodic = open.withBox(BOX);
        double direct = d2Pair(6, 8, 7.5);
        assertEquals(direct, energy(d2(10.0), open), 1e-9 * Math.abs(direct));
        assertEquals(direct, energy(d2(10.0), periodic), 1e-9 * Math.abs(direct));
        double image = d2Pair(6, 8, 1.5);
        assertTrue(Math.abs(image - direct) > 1e-3 * Math.abs(direct), "the image would give another energy");
        // cutoff 10 A > half the 9 A box: fine for D2, which never applies the box
        assertArrayEquals(energiesAndForces(d2(10.0), open), energiesAndForces(d2(10.0), periodic), 0);
    }

    @Test
    void d2RefusesAtomicNumbersBeyondItsTable() {
        Map<String, Object> args = pairArgs(10.0, 32, List.of(0L, 60L));
        Prior p = PriorHarness.build("D2", args, Map.of("Z_map", longs(0, 60), "C_6", doubles(new double[55]), "R_r", doubles(new double[55])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> energy(p, AtomicSystem.of(new long[] {1, 1}, new double[][] {{0, 0, 0}, {3, 0, 0}})));
        assertTrue(e.getMessage().contains("atomic number 60, which the D2 prior has no parameters for"), e.getMessage());
    }

    // ---- Atomref ----------------------------------------------------------------------------

    private static Prior atomref(boolean enable) {
        return PriorHarness.build("Atomref", Map.of("max_z", 4L, "enable", enable), Map.of(
                "initial_atomref", doubles(0, 0, 0, 0).reshape(4, 1),
                "atomref.weight", doubles(0.5, -1.25, 2.0, 3.5).reshape(4, 1)));
    }

    @Test
    void atomrefAddsTheReferenceOfEachAtomWhenEnabled() {
        AtomicSystem s = AtomicSystem.of(new long[] {1, 2, 2, 3}, new double[][] {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}})
                .withBatch(new long[] {0, 0, 1, 1});
        double[] enabled = energiesAndForces(atomref(true), s);
        assertEquals(-1.25 + 2.0, enabled[0], 1e-15);
        assertEquals(2.0 + 3.5, enabled[1], 1e-15);
        for (int i = 2; i < enabled.length; i++) assertEquals(0, enabled[i], 0.0, "no forces");
        double[] disabled = energiesAndForces(atomref(false), s);
        assertEquals(0, disabled[0]);
        assertEquals(0, disabled[1]);
    }

    // ---- Coulomb ----------------------------------------------------------------------------

    private static Prior coulomb() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("lower_switch_distance", 0.1);
        args.put("upper_switch_distance", 0.3);
        args.put("max_num_neighbors", 8L);
        args.put("distance_scale", ANGSTROM);
        args.put("energy_scale", EV);
        return PriorHarness.build("Coulomb", args, Map.of());
    }

    private static final double[][] FOUR = {{0, 0, 0}, {0.8, 0, 0}, {0, 2.0, 0}, {3.5, 0, 0}};
    private static final double[] CHARGES = {0.4, -0.3, -0.2, 0.1};

    @Test
    void coulombMatchesTheFormula() {
        // TorchMD-Net's Coulomb prior works on positions converted to nm: the switching distances are in nm
        // and the pair term is q_i q_j / r_nm times 2.30707e-28 / energy_scale / distance_scale.
        double expected = sumOverPairs(FOUR, (i, j, r) -> {
            double rNm = r * ANGSTROM * 1e9;
            double phase = (Math.max(0.1, Math.min(0.3, rNm)) - 0.1) / (0.3 - 0.1);
            double switching = 0.5 - 0.5 * Math.cos(Math.PI * phase);
            return 2.30707e-28 / EV / ANGSTROM * switching * CHARGES[i] * CHARGES[j] / rNm;
        });
        AtomicSystem s = AtomicSystem.of(new long[] {1, 2, 3, 1}, FOUR).withPartialCharges(CHARGES);
        assertEquals(expected, energy(coulomb(), s), 1e-6 * Math.abs(expected));
        PriorHarness.assertForcesMatchFiniteDifferences(coulomb(), s);
    }

    @Test
    void coulombNeedsPartialCharges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> energy(coulomb(), AtomicSystem.of(new long[] {1, 2, 3, 1}, FOUR)));
        assertTrue(e.getMessage().contains("withPartialCharges"), e.getMessage());
    }

    interface PairTerm {
        double energy(int i, int j, double r);
    }

    /** Sum of a pair term over the unordered pairs i < j (no periodic images). */
    private static double sumOverPairs(double[][] pos, PairTerm term) {
        double sum = 0;
        for (int i = 0; i < pos.length; i++) {
            for (int j = i + 1; j < pos.length; j++) {
                double r2 = 0;
                for (int k = 0; k < 3; k++) r2 += (pos[i][k] - pos[j][k]) * (pos[i][k] - pos[j][k]);
                sum += term.energy(i, j, Math.sqrt(r2));
            }
        }
        return sum;
    }
}
