package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensornet4j.torch.Torch;

/**
 * TensorNet2 (random float64 weights, {@link RandomTensorNet2}): symmetries, the total charge,
 * batching, static shapes, forces against finite differences (Coulomb head with and without
 * cutoff, periodic), and the Coulomb head against a hand computation from the predicted charges.
 */
class TensorNet2Test {
    private static TensorNetPotential model;
    private static AtomicSystem caffeine;
    private static AtomicSystem alanine;

    @BeforeAll
    static void load() {
        Torch.init();
        model = RandomTensorNet2.potential(1);
        caffeine = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__caffeine.json")).system().withCharges(0.0);
        alanine = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__alanine_dipeptide.json")).system().withCharges(0.0);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void energyIsInvariantForcesRotateChargesStay() {
        AtomicSystem s = caffeine.withCharges(1.0);
        PotentialOutput ref = model.compute(s);
        double[][] rot = rotation(0.3, -1.1, 2.0);
        double[][] pos = s.positions();
        double[][] moved = new double[pos.length][];
        for (int i = 0; i < pos.length; i++) {
            moved[i] = times(rot, pos[i]);
            moved[i][0] += 3.1;
            moved[i][1] -= 7.0;
            moved[i][2] += 0.4;
        }
        PotentialOutput out = model.compute(s.withPositions(moved));
        assertEquals(ref.energy()[0], out.energy()[0], 1e-10 * Math.max(1, Math.abs(ref.energy()[0])));
        for (int i = 0; i < pos.length; i++) {
            assertArrayEquals(times(rot, ref.forces()[i]), out.forces()[i], 1e-9, "force on atom " + i);
        }
        assertArrayEquals(ref.charges(), out.charges(), 1e-10);
    }

    @Test
    void totalChargeChangesTheEnergyAndThePredictedChargesAddUpToIt() {
        AtomicSystem batch = batch(caffeine, alanine).withCharges(1.0, -2.0);
        PotentialOutput charged = model.compute(batch);
        PotentialOutput neutral = model.compute(batch.withCharges(0.0, 0.0));
        assertNotEquals(neutral.energy()[0], charged.energy()[0], 1e-6);
        assertNotEquals(neutral.energy()[1], charged.energy()[1], 1e-6);
        double[] target = {1.0, -2.0};
        double[][] channels = charged.perAtom().get(PotentialOutput.CHARGE_CHANNELS);
        assertEquals((RandomTensorNet2.LAYERS + 1) * RandomTensorNet2.Q, channels[0].length);
        for (int m = 0; m < 2; m++) {
            double total = 0;
            double[] perChannel = new double[channels[0].length];
            for (int i = 0; i < batch.atomCount(); i++) {
                if (batch.molecule(i) != m) continue;
                total += charged.charges()[i];
                for (int c = 0; c < perChannel.length; c++) perChannel[c] += channels[i][c];
            }
            // Each channel is equilibrated to Q up to the 1e-6 regulariser of the weights: the sum misses
            // (Q - raw sum) 1e-6 / (sum of f^2 + 1e-6), up to ~1e-4 here where random weights give small f.
            assertEquals(target[m], total, 1e-3, "molecule " + m);
            for (int c = 0; c < perChannel.length; c++) assertEquals(target[m], perChannel[c], 1e-3, "molecule " + m + " channel " + c);
        }
    }

    @Test
    void aBatchGivesWhatSeparateCallsGive() {
        AtomicSystem a = caffeine.withCharges(1.0), b = alanine.withCharges(-1.0);
        PotentialOutput together = model.compute(batch(a, b).withCharges(1.0, -1.0));
        PotentialOutput first = model.compute(a), second = model.compute(b);
        assertEquals(first.energy()[0], together.energy()[0], 1e-9);
        assertEquals(second.energy()[0], together.energy()[1], 1e-9);
        int n = a.atomCount();
        for (int i = 0; i < together.forces().length; i++) {
            double[] f = i < n ? first.forces()[i] : second.forces()[i - n];
            double q = i < n ? first.charges()[i] : second.charges()[i - n];
            assertArrayEquals(f, together.forces()[i], 1e-9, "atom " + i);
            assertEquals(q, together.charges()[i], 1e-10, "charge of atom " + i);
        }
    }

    @Test
    void staticShapesGiveTheSameResults() {
        try (TensorNetPotential padded = RandomTensorNet2.potential(1, "static_shapes", true)) {
            AtomicSystem s = batch(caffeine, alanine).withCharges(1.0, 0.0);
            PotentialOutput a = model.compute(s), b = padded.compute(s);
            assertArrayEquals(a.energy(), b.energy(), 1e-10);
            for (int i = 0; i < s.atomCount(); i++) assertArrayEquals(a.forces()[i], b.forces()[i], 1e-10);
            assertArrayEquals(a.charges(), b.charges(), 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"all-pairs", "charged", "cutoff", "periodic-cutoff", "scalar-head"})
    void forcesAreMinusTheEnergyGradient(String variant) {
        Object[] hp = switch (variant) {
            case "cutoff" -> new Object[] {"coulomb_cutoff", 6.0};
            case "periodic-cutoff" -> new Object[] {"coulomb_cutoff", 5.5, "coulomb_max_num_neighbors", 64L};
            case "scalar-head" -> new Object[] {"output_model", "Scalar"};
            default -> new Object[0];
        };
        AtomicSystem s = switch (variant) {
            case "periodic-cutoff" -> periodicGas();
            case "charged" -> alanine.withCharges(-1.0);
            default -> alanine;
        };
        try (TensorNetPotential m = RandomTensorNet2.potential(2, hp)) {
            ForceChecks.assertForcesMatchFiniteDifferences(m, s, s.atomCount() / 4 + 1);
        }
    }

    /**
     * The Coulomb head's energy, model with it minus the same model with the Scalar head (their
     * representations and MLPs are identical), against the sum over pairs computed here from the
     * predicted charge channels: all pairs, and reaction field within a cutoff through a periodic box.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"all-pairs", "periodic-reaction-field"})
    void coulombHeadMatchesAHandComputation(String variant) {
        boolean periodic = variant.startsWith("periodic");
        Double cutoff = periodic ? 5.5 : null;
        AtomicSystem s = periodic ? periodicGas() : caffeine.withCharges(1.0);
        Object[] hp = periodic ? new Object[] {"coulomb_cutoff", cutoff} : new Object[0];
        try (TensorNetPotential coulomb = RandomTensorNet2.potential(3, hp);
             TensorNetPotential scalar = TensorNetPotential.fromStateDict(RandomTensorNet2.hyperParameters("output_model", "Scalar"),
                     RandomTensorNet2.stateDict(3, false), Device.CPU)) {
            PotentialOutput withHead = coulomb.compute(s);
            double difference = withHead.energy()[0] - scalar.compute(s).energy()[0];
            double[][] q = withHead.perAtom().get(PotentialOutput.CHARGE_CHANNELS);
            double[] w = new double[q[0].length];
            double[] blocks = {1.0, 0.5, 2.0};
            double wSum = 0;
            for (int c = 0; c < w.length; c++) wSum += w[c] = blocks[c / RandomTensorNet2.Q];
            double k = 27.211386024367243 * 0.5291772105638411;
            double eps = 78.3;
            double[][] pos = s.positions();
            double expected = 0;
            for (int i = 0; i < pos.length; i++) {
                for (int j = i + 1; j < pos.length; j++) {
                    double[] d = new double[3];
                    for (int a = 0; a < 3; a++) d[a] = pos[i][a] - pos[j][a];
                    if (periodic) minimumImage(d, s.box());
                    double r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                    double kernel = 1 / r;
                    if (cutoff != null) {
                        if (r >= cutoff) continue;
                        kernel += (eps - 1) / (2 * eps + 1) / Math.pow(cutoff, 3) * r * r - 3 * eps / (2 * eps + 1) / cutoff;
                    }
                    double x = Math.min(r / 4.6, 1 - 1e-6);
                    double damping = 1 - Math.exp(-1 / (1 - x * x)) / Math.exp(-1);
                    double qq = 0;
                    for (int c = 0; c < w.length; c++) qq += w[c] * q[i][c] * q[j][c];
                    expected += k * damping * kernel * qq / wSum;
                }
            }
            // TorchMD-Net scales the head's per-atom output by std (1.7 in these models)
            assertEquals(1.7 * expected, difference, 1e-10 * Math.max(1, Math.abs(expected)));
            assertTrue(Math.abs(expected) > 1e-4, "the Coulomb term is not negligible: " + expected);
        }
    }

    @Test
    void aVeryLargeCoulombCutoffApproachesAllPairs() {
        try (TensorNetPotential far = RandomTensorNet2.potential(1, "coulomb_cutoff", 1e6)) {
            assertEquals(model.compute(caffeine).energy()[0], far.compute(caffeine).energy()[0], 1e-5);
        }
    }

    /**
     * TorchMD-Net's AceFF-2 test runs caffeine (24 atoms, 276 pairs) with coulomb_max_num_neighbors 20:
     * the Coulomb list's capacity counts unordered pairs (552 directed pairs would exceed 20 x 24).
     */
    @Test
    void coulombCapacityCountsUnorderedPairs() {
        try (TensorNetPotential fits = RandomTensorNet2.potential(1, "coulomb_cutoff", 1e6, "coulomb_max_num_neighbors", 20L);
             TensorNetPotential tooSmall = RandomTensorNet2.potential(1, "coulomb_cutoff", 1e6, "coulomb_max_num_neighbors", 11L)) {
            assertEquals(model.compute(caffeine).energy()[0], fits.compute(caffeine).energy()[0], 1e-5);
            // 276 unordered pairs > 11 x 24 = 264
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tooSmall.compute(caffeine));
            assertTrue(e.getMessage().contains("276 pairs"), e.getMessage());
        }
    }

    @Test
    void theTotalChargeIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compute(caffeine.withCharges((double[]) null)));
        assertTrue(e.getMessage().contains("needs the total charge of each molecule") && e.getMessage().contains("withCharges"), e.getMessage());
        org.bytedeco.pytorch.Tensor pos = org.bytedeco.pytorch.Tensor.create(caffeine.flatPositions(), caffeine.atomCount(), 3);
        org.bytedeco.pytorch.Tensor forces = pos.new_zeros(caffeine.atomCount(), 3);
        e = assertThrows(IllegalArgumentException.class, () -> model.computeInto(caffeine.atomicNumbers(), pos, null, null, forces));
        assertTrue(e.getMessage().contains("\"charge\""), e.getMessage());
        double engine = model.computeInto(caffeine.atomicNumbers(), pos, null, 0.0, forces);
        assertEquals(model.compute(caffeine).energy()[0], engine, 1e-10);
    }

    @Test
    void theCoulombCutoffMustFitTheBox() {
        try (TensorNetPotential m = RandomTensorNet2.potential(1, "coulomb_cutoff", 9.0)) {
            AtomicSystem boxed = periodicGas();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.compute(boxed));
            assertNotNull(e.getMessage());
        }
    }

    @Test
    void tooManyCoulombPairsNameTheHyperParameter() {
        try (TensorNetPotential m = RandomTensorNet2.potential(1, "coulomb_cutoff", 8.0, "coulomb_max_num_neighbors", 2L)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.compute(caffeine));
            assertTrue(e.getMessage().contains("coulomb_max_num_neighbors"), e.getMessage());
        }
    }

    @Test
    void cutoffIsTheCoulombRange() {
        assertEquals(Double.POSITIVE_INFINITY, model.cutoff());
        try (TensorNetPotential m = RandomTensorNet2.potential(1, "coulomb_cutoff", 9.0)) {
            assertEquals(9.0, m.cutoff());
        }
    }

    /** 40 atoms (H, C, N, O) at random in a 12 Å cubic box, at least 1.1 Å apart through the box. */
    static AtomicSystem periodicGas() {
        Random r = new Random(5);
        double l = 12.0;
        double[][] box = {{l, 0, 0}, {0, l, 0}, {0, 0, l}};
        long[] kinds = {1, 6, 7, 8};
        int n = 40;
        double[][] pos = new double[n][];
        long[] z = new long[n];
        for (int i = 0; i < n; i++) {
            placing:
            while (true) {
                double[] p = {r.nextDouble() * l, r.nextDouble() * l, r.nextDouble() * l};
                for (int j = 0; j < i; j++) {
                    double[] d = {p[0] - pos[j][0], p[1] - pos[j][1], p[2] - pos[j][2]};
                    minimumImage(d, box);
                    if (Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) < 1.1) continue placing;
                }
                pos[i] = p;
                break;
            }
            z[i] = kinds[i % kinds.length];
        }
        return AtomicSystem.of(z, pos).withBox(box).withCharges(0.0);
    }

    /** Minimum image for a box with orthogonal axes. */
    private static void minimumImage(double[] d, double[][] box) {
        for (int a = 0; a < 3; a++) d[a] -= box[a][a] * Math.rint(d[a] / box[a][a]);
    }

    static AtomicSystem batch(AtomicSystem a, AtomicSystem b) {
        int n = a.atomCount(), m = b.atomCount();
        long[] z = new long[n + m];
        double[][] pos = new double[n + m][];
        long[] batch = new long[n + m];
        for (int i = 0; i < n; i++) {
            z[i] = a.atomicNumber(i);
            pos[i] = a.positions()[i];
        }
        for (int i = 0; i < m; i++) {
            z[n + i] = b.atomicNumber(i);
            // far from the first molecule, so that the cutoff does not matter
            pos[n + i] = b.positions()[i];
            pos[n + i][0] += 40;
            batch[n + i] = 1;
        }
        return AtomicSystem.of(z, pos).withBatch(batch).withCharges(0.0, 0.0);
    }

    static double[][] rotation(double a, double b, double c) {
        double[][] x = {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
        double[][] y = {{Math.cos(b), 0, Math.sin(b)}, {0, 1, 0}, {-Math.sin(b), 0, Math.cos(b)}};
        double[][] zr = {{Math.cos(c), -Math.sin(c), 0}, {Math.sin(c), Math.cos(c), 0}, {0, 0, 1}};
        return mul(zr, mul(y, x));
    }

    private static double[][] mul(double[][] p, double[][] q) {
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) out[i][j] += p[i][k] * q[k][j];
        return out;
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) for (int k = 0; k < 3; k++) out[i] += m[i][k] * v[k];
        return out;
    }
}
