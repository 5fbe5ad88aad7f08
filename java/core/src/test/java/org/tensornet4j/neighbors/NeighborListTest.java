package org.tensornet4j.neighbors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * The LibTorch neighbour searches (brute force and cell list) against an independent O(N^2) search
 * over explicit periodic images.
 */
class NeighborListTest {
    static {
        Torch.init();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void nonPeriodicMatchesReference(int seed) {
        Random r = new Random(seed);
        int n = 60 + r.nextInt(60);
        double[][] pos = randomPositions(r, n, 12.0);
        long[] batch = seed % 2 == 0 ? randomBatch(r, n, 3) : null;
        double lower = seed == 3 ? 0.9 : 0.0;
        compare(pos, batch, null, lower, 4.0);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {5, 6, 7, 8})
    void periodicOrthorhombicMatchesReference(int seed) {
        Random r = new Random(seed);
        int n = 80 + r.nextInt(40);
        double[][] box = {{10.5, 0, 0}, {0, 9.0, 0}, {0, 0, 11.0}};
        // positions deliberately outside the box: they are not wrapped, the minimum image handles them
        double[][] pos = randomPositions(r, n, 25.0);
        compare(pos, seed % 2 == 0 ? randomBatch(r, n, 2) : null, box, 0.0, 4.4);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {9, 10, 11})
    void periodicTriclinicMatchesReference(int seed) {
        Random r = new Random(seed);
        int n = 90;
        double[][] box = {{10.0, 0, 0}, {3.1, 9.5, 0}, {-2.4, 4.2, 10.2}};
        double[][] pos = randomPositions(r, n, 14.0);
        compare(pos, null, box, seed == 10 ? 1.2 : 0.0, 4.5);
    }

    @ParameterizedTest
    @EnumSource(value = NeighborStrategy.class, names = {"BRUTE_FORCE", "CELL_LIST"})
    void tooManyNeighborsIsAnErrorNamingTheAtom(NeighborStrategy strategy) {
        Random r = new Random(42);
        double[][] pos = randomPositions(r, 40, 3.0);
        pos[7] = new double[] {1.5, 1.5, 1.5};
        try (PointerScope s = new PointerScope()) {
            NeighborList list = new NeighborList(0, 5.0, 8, strategy, false);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> list.build(tensor(pos), null, null));
            assertTrue(e.getMessage().contains("max_num_neighbors (8)"), e.getMessage());
            // every atom is within 5 A of every other: the most crowded one has all 40
            assertTrue(e.getMessage().matches("(?s).*atom \\d+ has 40 neighbours.*"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = NeighborStrategy.class, names = {"BRUTE_FORCE", "CELL_LIST"})
    void coincidentAtomsAreAnError(NeighborStrategy strategy) {
        double[][] pos = {{0, 0, 0}, {1, 0, 0}, {1, 0, 0}};
        try (PointerScope s = new PointerScope()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new NeighborList(0, 5.0, 64, strategy, false).build(tensor(pos), null, null));
            assertTrue(e.getMessage().contains("atoms 1 and 2 coincide") || e.getMessage().contains("atoms 2 and 1 coincide"),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = NeighborStrategy.class, names = {"BRUTE_FORCE", "CELL_LIST"})
    void periodicImagesCanCoincide(NeighborStrategy strategy) {
        double[][] box = {{10, 0, 0}, {0, 10, 0}, {0, 0, 10}};
        double[][] pos = {{0, 0, 0}, {10, 0, 0}};
        try (PointerScope s = new PointerScope()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new NeighborList(0, 4.0, 64, strategy, false).build(tensor(pos), null, tensor(box)));
            assertTrue(e.getMessage().contains("coincide"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = NeighborStrategy.class, names = {"BRUTE_FORCE", "CELL_LIST"})
    void singleAtomHasOnlyItsSelfPair(NeighborStrategy strategy) {
        try (PointerScope s = new PointerScope()) {
            NeighborPairs p = new NeighborList(0, 5.0, 64, strategy, false).build(tensor(new double[][] {{1, 2, 3}}), null, null);
            assertEquals(1, p.size());
            assertEquals(0, p.distinctPairs());
        }
    }

    @ParameterizedTest
    @EnumSource(value = NeighborStrategy.class, names = {"BRUTE_FORCE", "CELL_LIST"})
    void staticShapesPadToCapacityWithGhostPairs(NeighborStrategy strategy) {
        double[][] pos = randomPositions(new Random(21), 30, 9.0);
        try (PointerScope s = new PointerScope()) {
            NeighborPairs plain = new NeighborList(0, 4.0, 20, strategy, false).build(tensor(pos), null, null);
            NeighborPairs padded = new NeighborList(0, 4.0, 20, strategy, true).build(tensor(pos), null, null);
            assertTrue(padded.padded());
            assertEquals(20L * 30, padded.size(), "capacity max_num_neighbors x N");
            assertEquals(plain.distinctPairs(), padded.distinctPairs());
            long real = plain.size();
            long[] index = Ops.toLongs(padded.index());
            double[] distances = Ops.toDoubles(padded.distances());
            double[] vectors = Ops.toDoubles(padded.vectors());
            long[] plainIndex = Ops.toLongs(plain.index());
            for (int k = 0; k < real; k++) {
                assertEquals(plainIndex[k], index[k]);
                assertEquals(plainIndex[(int) real + k], index[(int) padded.size() + k]);
            }
            for (int k = (int) real; k < padded.size(); k++) {
                assertEquals(30, index[k], "padding receives at the ghost atom");
                assertEquals(30, index[(int) padded.size() + k], "padding sends from the ghost atom");
                assertEquals(0.0, distances[k]);
                for (int c = 0; c < 3; c++) assertEquals(0.0, vectors[3 * k + c]);
            }
        }
    }

    @Test
    void staticShapesOverflowIsAnErrorNamingTheAtom() {
        double[][] pos = randomPositions(new Random(22), 30, 4.0);
        try (PointerScope s = new PointerScope()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new NeighborList(0, 4.0, 5, NeighborStrategy.CELL_LIST, true).build(tensor(pos), null, null));
            assertTrue(e.getMessage().contains("capacity of the static-shape list"), e.getMessage());
            assertTrue(e.getMessage().matches("(?s).*atom \\d+ has \\d+ neighbours.*"), e.getMessage());
        }
    }

    @Test
    void boxValidationRejectsNonReducedBoxes() {
        assertThrows(IllegalArgumentException.class, () -> PeriodicBox.validate(new double[][] {{10, 1, 0}, {0, 10, 0}, {0, 0, 10}}, 4));
        assertThrows(IllegalArgumentException.class, () -> PeriodicBox.validate(new double[][] {{10, 0, 0}, {6, 10, 0}, {0, 0, 10}}, 4));
        assertThrows(IllegalArgumentException.class, () -> PeriodicBox.validate(new double[][] {{10, 0, 0}, {0, 10, 0}, {0, 6, 10}}, 4));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> PeriodicBox.validate(new double[][] {{10, 0, 0}, {0, 10, 0}, {0, 0, 7}}, 4));
        assertTrue(small.getMessage().contains("twice the cutoff"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeriodicBox.validate(new double[][] {{-10, 0, 0}, {0, 10, 0}, {0, 0, 10}}, 4));
        PeriodicBox.validate(new double[][] {{10, 0, 0}, {5, 10, 0}, {-5, 5, 8}}, 4);
    }

    // ----------------------------------------------------------------------------------------

    private static void compare(double[][] pos, long[] batch, double[][] box, double lower, double upper) {
        Map<Long, Double> expected = reference(pos, batch, box, lower, upper);
        compare(expected, pos, batch, box, lower, upper, NeighborStrategy.BRUTE_FORCE);
        compare(expected, pos, batch, box, lower, upper, NeighborStrategy.CELL_LIST);
    }

    private static void compare(Map<Long, Double> expected, double[][] pos, long[] batch, double[][] box, double lower,
                                double upper, NeighborStrategy strategy) {
        try (PointerScope s = new PointerScope()) {
            NeighborPairs p = new NeighborList(lower, upper, 1000, strategy, false).build(tensor(pos),
                    batch == null ? null : Tensor.create(batch), box == null ? null : tensor(box));
            int n = pos.length;
            long e = p.size();
            assertEquals(expected.size() + n, e, strategy + ": pair count (self pairs included)");
            long[] idx = Ops.toLongs(p.index());
            double[] dist = Ops.toDoubles(p.distances());
            double[] vec = Ops.toDoubles(p.vectors());
            Map<Long, Double> actual = new HashMap<>();
            for (int k = 0; k < e; k++) {
                long i = idx[k], j = idx[(int) e + k];
                if (k >= p.distinctPairs()) {
                    assertEquals(i, j, "self pairs come last");
                    assertEquals(0.0, dist[k]);
                    continue;
                }
                actual.put(i * n + j, dist[k]);
                double len = Math.sqrt(vec[3 * k] * vec[3 * k] + vec[3 * k + 1] * vec[3 * k + 1] + vec[3 * k + 2] * vec[3 * k + 2]);
                assertEquals(dist[k], len, 1e-12);
            }
            assertEquals(expected.keySet(), actual.keySet(), strategy.toString());
            for (var entry : expected.entrySet()) assertEquals(entry.getValue(), actual.get(entry.getKey()), 1e-9);
        }
    }

    /**
     * Shortest distance over explicit images (-4..4 of each box vector: enough for positions spread
     * over 2.5 box lengths), pair kept if within [lower, upper).
     */
    private static Map<Long, Double> reference(double[][] pos, long[] batch, double[][] box, double lower, double upper) {
        int n = pos.length;
        int range = box == null ? 0 : 4;
        Map<Long, Double> pairs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j || (batch != null && batch[i] != batch[j])) continue;
                double best = Double.MAX_VALUE;
                for (int a = -range; a <= range; a++) {
                    for (int b = -range; b <= range; b++) {
                        for (int c = -range; c <= range; c++) {
                            double sum = 0;
                            for (int k = 0; k < 3; k++) {
                                double d = pos[i][k] - pos[j][k];
                                if (box != null) d += a * box[0][k] + b * box[1][k] + c * box[2][k];
                                sum += d * d;
                            }
                            best = Math.min(best, Math.sqrt(sum));
                        }
                    }
                }
                if (best < upper && best >= lower) pairs.put((long) i * n + j, best);
            }
        }
        return pairs;
    }

    static double[][] randomPositions(Random r, int n, double size) {
        double[][] p = new double[n][3];
        for (double[] row : p) for (int k = 0; k < 3; k++) row[k] = size * r.nextDouble();
        return p;
    }

    private static long[] randomBatch(Random r, int n, int molecules) {
        long[] b = new long[n];
        for (int i = 0; i < n; i++) b[i] = i < molecules ? i : r.nextInt(molecules);
        java.util.Arrays.sort(b);
        return b;
    }

    static Tensor tensor(double[][] m) {
        double[] flat = new double[m.length * 3];
        for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, flat, 3 * i, 3);
        return Tensor.create(flat, m.length, 3);
    }


}
