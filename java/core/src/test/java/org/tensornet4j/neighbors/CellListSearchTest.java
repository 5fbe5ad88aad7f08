package org.tensornet4j.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Fixtures;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * The cell list returns exactly the brute-force pairs, in the same order, with the same distances:
 * on random and fixture systems and at the edges of the binning (atoms at the cutoff or on cell
 * boundaries, boxes with one or two cells per axis, far-away atoms, batches, many blocks).
 */
class CellListSearchTest {
    static {
        Torch.init();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3})
    void randomPeriodicBoxesWithSeveralCellsPerAxis(int seed) {
        Random r = new Random(seed);
        double[][] box = seed == 1 ? new double[][] {{21.0, 0, 0}, {0, 17.5, 0}, {0, 0, 23.0}}
                : new double[][] {{21.0, 0, 0}, {6.5, 18.0, 0}, {-7.0, 5.5, 19.0}};
        double[][] pos = NeighborListTest.randomPositions(r, 900, 30.0); // partly outside the box: not wrapped
        for (ScalarType dtype : new ScalarType[] {ScalarType.Double, ScalarType.Float}) {
            assertSamePairs(pos, null, box, seed == 3 ? 1.1 : 0.0, 4.5, dtype);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {4, 5})
    void randomNonPeriodicBatches(int seed) {
        Random r = new Random(seed);
        int n = 700;
        double[][] pos = NeighborListTest.randomPositions(r, n, 25.0);
        long[] batch = new long[n];
        for (int i = 0; i < n; i++) batch[i] = (long) i * 4 / n; // four molecules spread over the same space
        assertSamePairs(pos, batch, null, 0.0, 5.0, ScalarType.Float);
        assertSamePairs(pos, batch, null, 0.0, 5.0, ScalarType.Double);
    }

    @Test
    void atomsExactlyAtTheCutoffsAndOnCellBoundaries() {
        // Integer lattice points: many distances are exactly 1 (the lower cutoff, kept) and exactly 5
        // (the upper cutoff, dropped); with cutoff 4.9 the 20 A box has cells 5 A wide, so every
        // coordinate that is a multiple of 5 lies on a cell boundary.
        Random r = new Random(11);
        double[][] pos = new double[500][];
        for (int i = 0; i < pos.length; i++) pos[i] = new double[] {r.nextInt(20), r.nextInt(20), r.nextInt(20)};
        pos = distinctRows(pos);
        double[][] box = {{20, 0, 0}, {0, 20, 0}, {0, 0, 20}};
        for (ScalarType dtype : new ScalarType[] {ScalarType.Double, ScalarType.Float}) {
            assertSamePairs(pos, null, box, 1.0, 5.0, dtype);
            assertSamePairs(pos, null, box, 0.0, 4.9, dtype);
            assertSamePairs(pos, null, null, 1.0, 5.0, dtype);
            assertSamePairs(pos, null, null, 0.0, 4.9, dtype);
        }
    }

    @Test
    void boxesWithOneTwoAndThreeCellsPerAxis() {
        Random r = new Random(12);
        double[][] pos = NeighborListTest.randomPositions(r, 300, 16.0);
        // just above twice the cutoff: two cells per axis, where -1 and +1 name the same neighbour cell
        assertSamePairs(pos, null, new double[][] {{10.001, 0, 0}, {0, 10.001, 0}, {0, 0, 10.001}}, 0.0, 5.0, ScalarType.Double);
        // exactly twice the cutoff: one cell
        assertSamePairs(pos, null, new double[][] {{10, 0, 0}, {0, 10, 0}, {0, 0, 10}}, 0.0, 5.0, ScalarType.Double);
        // three, two and one cells
        assertSamePairs(pos, null, new double[][] {{15.5, 0, 0}, {0, 10.2, 0}, {0, 0, 10}}, 0.0, 5.0, ScalarType.Double);
        // the most skewed reduced box: its widths across the faces are well below the diagonal
        assertSamePairs(pos, null, new double[][] {{10.5, 0, 0}, {5.25, 10.5, 0}, {-5.25, 5.25, 10.5}}, 0.0, 5.0, ScalarType.Double);
        assertEquals(2, grid(new double[][] {{10.001, 0, 0}, {0, 10.001, 0}, {0, 0, 10.001}}, 5.0)[0]);
    }

    @Test
    void cellWidthsAreTheDistancesBetweenOppositeFaces() {
        double[][] box = {{10, 0, 0}, {5, 10, 0}, {-5, 5, 8}};
        double volume = 10 * 10 * 8;
        assertEquals(8.0, CellGrid.planeDistance(box, 2), 1e-12);
        assertEquals(volume / (10 * Math.hypot(5, 8)), CellGrid.planeDistance(box, 1), 1e-12);
        assertTrue(CellGrid.planeDistance(box, 0) < 10);
    }

    @Test
    void singleAtomAndIsolatedMolecules() {
        assertSamePairs(new double[][] {{1, 2, 3}}, null, null, 0.0, 5.0, ScalarType.Float);
        assertSamePairs(new double[][] {{1, 2, 3}}, null, new double[][] {{12, 0, 0}, {0, 12, 0}, {0, 0, 12}}, 0.0, 5.0, ScalarType.Float);
        // three molecules on top of each other and one atom, its own molecule, 1000 A away: it has no neighbours
        Random r = new Random(13);
        double[][] cluster = NeighborListTest.randomPositions(r, 60, 8.0);
        double[][] pos = new double[3 * cluster.length + 1][];
        long[] batch = new long[pos.length];
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < cluster.length; i++) {
                double[] p = cluster[i].clone();
                p[0] += 0.01 * m;
                pos[m * cluster.length + i] = p;
                batch[m * cluster.length + i] = m;
            }
        }
        pos[pos.length - 1] = new double[] {1000, 1000, 1000};
        batch[pos.length - 1] = 3;
        long[] index = assertSamePairs(pos, batch, null, 0.0, 5.0, ScalarType.Float);
        long isolated = java.util.Arrays.stream(index).filter(atom -> atom == pos.length - 1).count();
        assertEquals(2, isolated, "the isolated atom has only its self pair");
    }

    @Test
    void manySmallBlocksGiveTheSamePairs() {
        Random r = new Random(14);
        double[][] pos = NeighborListTest.randomPositions(r, 400, 18.0);
        double[][] box = {{18, 0, 0}, {0, 18, 0}, {0, 0, 18}};
        try (PointerScope s = new PointerScope()) {
            Tensor p = NeighborListTest.tensor(pos);
            Tensor b = NeighborListTest.tensor(box);
            long[] brute = Ops.toLongs(new BruteForceSearch(0.0, 4.5).find(p, null, b));
            long[] blocks = Ops.toLongs(new CellListSearch(0.0, 4.5, 50).find(p, null, b));
            assertArrayEquals(brute, blocks);
        }
    }

    @Test
    void chignolinFixture() {
        AtomicSystem s = Fixtures.reference(Fixtures.tensornet().resolve("tn-small__chignolin.json")).system();
        assertSamePairs(s.positions(), null, null, 0.0, 5.0, ScalarType.Float);
    }

    @ParameterizedTest(name = "cutoff {0}")
    @ValueSource(doubles = {5.0, 10.0})
    void solvatedPeriodicFixture(double cutoff) {
        AtomicSystem s = Fixtures.reference(Fixtures.tensornet().resolve("tn-small__alanine_dipeptide_explicit_pbc.json")).system();
        assertSamePairs(s.positions(), null, s.box(), 0.0, cutoff, ScalarType.Float);
    }

    // ----------------------------------------------------------------------------------------

    /** Builds the list with both searches and checks they are identical; returns the pair index. */
    private static long[] assertSamePairs(double[][] pos, long[] batch, double[][] box, double lower, double upper,
                                          ScalarType dtype) {
        try (PointerScope s = new PointerScope()) {
            Tensor p = NeighborListTest.tensor(pos).to(dtype);
            Tensor b = batch == null ? null : Tensor.create(batch);
            Tensor bx = box == null ? null : NeighborListTest.tensor(box).to(dtype);
            NeighborPairs brute = new NeighborList(lower, upper, 100000, NeighborStrategy.BRUTE_FORCE, false).build(p, b, bx);
            NeighborPairs cell = new NeighborList(lower, upper, 100000, NeighborStrategy.CELL_LIST, false).build(p, b, bx);
            long[] index = Ops.toLongs(brute.index());
            assertEquals(brute.distinctPairs(), cell.distinctPairs(), "pairs");
            assertArrayEquals(index, Ops.toLongs(cell.index()), "pair index");
            assertArrayEquals(Ops.toDoubles(brute.distances()), Ops.toDoubles(cell.distances()), "distances");
            assertArrayEquals(Ops.toDoubles(brute.vectors()), Ops.toDoubles(cell.vectors()), "vectors");
            return index;
        }
    }

    private static long[] grid(double[][] box, double cutoff) {
        try (PointerScope s = new PointerScope()) {
            return CellGrid.periodic(Tensor.create(new double[] {0, 0, 0}, 1, 3), box, cutoff * 1.0001, 1).dims();
        }
    }

    private static double[][] distinctRows(double[][] rows) {
        return java.util.Arrays.stream(rows).map(java.util.Arrays::toString).distinct()
                .map(t -> java.util.Arrays.stream(t.substring(1, t.length() - 1).split(", ")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }
}
