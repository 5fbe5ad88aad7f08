package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * Tensors the native kernels cannot read are refused with an exception that names the problem,
 * before any native code runs (their numbers are checked against plain autograd in
 * {@link GradientPathsTest} and {@link TensorNet2KernelTest}).
 */
class NativeKernelsTest {
    private static final long F = 4, EDGES = 3, ATOMS = 2;
    private PointerScope scope;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    @BeforeEach
    void open() {
        scope = new PointerScope();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static Tensor edgeIndex() {
        return Tensor.create(new long[] {0, 1, 1});
    }

    @Test
    void acceptsWellFormedInputs() {
        Tensor out = EdgeSums.neighborSum(torch.ones(EDGES, 3 * F), null, torch.ones(ATOMS, 10, F), edgeIndex(), edgeIndex(),
                ATOMS);
        // Atom 1 receives two edges of weight 1 times values 1.
        assertTrue(Math.abs(out.select(0, 1).sum().item_double() - 2 * 10 * F) < 1e-6);
    }

    @Test
    void refusesIntegerTensors() {
        assertMessage(() -> EdgeSums.componentSum(torch.ones(EDGES, 3 * F).to(ScalarType.Int), null, torch.ones(EDGES, F),
                torch.ones(EDGES, 10), edgeIndex(), ATOMS), "CPU float32/float64");
    }

    @Test
    void refusesMixedPrecision() {
        assertMessage(() -> EdgeSums.neighborSum(torch.ones(EDGES, 3 * F), null, torch.ones(ATOMS, 10, F).to(ScalarType.Double),
                edgeIndex(), edgeIndex(), ATOMS), "Float");
    }

    @Test
    void refusesWrongShapes() {
        assertMessage(() -> EdgeSums.neighborSum(torch.ones(EDGES, 3 * F), null, torch.ones(ATOMS, 9, F), edgeIndex(),
                edgeIndex(), ATOMS), "values must have shape");
        assertMessage(() -> EdgeSums.neighborSum(torch.ones(EDGES - 1, 3 * F), null, torch.ones(ATOMS, 10, F), edgeIndex(),
                edgeIndex(), ATOMS), "weights must have shape");
        assertMessage(() -> EdgeSums.neighborSum(torch.ones(EDGES, 3 * F), null, torch.ones(ATOMS, 10, F), null,
                edgeIndex(), ATOMS), "value rows are required");
        assertMessage(() -> AtomUpdate.normalisedProducts(torch.ones(ATOMS, 10, F), torch.ones(ATOMS, 10, F - 1), null, true),
                "packed tensor must have shape");
        assertMessage(() -> EdgeSums.componentSum(torch.ones(EDGES, 3 * F + 1), null, torch.ones(EDGES, F),
                torch.ones(EDGES, 10), edgeIndex(), ATOMS), "per-part weights");
        assertMessage(() -> EdgeSums.componentSum(torch.ones(EDGES, 3 * F), null, torch.ones(EDGES, F + 1),
                torch.ones(EDGES, 10), edgeIndex(), ATOMS), "edge weights must have shape");
        assertMessage(() -> AtomUpdate.layerOutput(torch.ones(ATOMS, F, 9), torch.ones(ATOMS, 10, F), null),
                "full tensor must have shape");
        assertMessage(() -> AtomUpdate.normalisedProducts(torch.ones(ATOMS, 10, F), torch.ones(ATOMS, 10, F),
                torch.ones(ATOMS + 1), true), "charge factor");
    }

    @Test
    void coulombPairsRefuseWhatTheyCannotRead() {
        Tensor pos = torch.ones(ATOMS, 3), q = torch.ones(ATOMS, 4), w = torch.ones(4), molecule = Tensor.create(new long[] {0, 0});
        assertMessage(() -> CoulombPairs.energies(pos, q, torch.ones(5), molecule, 1, WorkerThread.inline()), "charge weights must have shape");
        assertMessage(() -> CoulombPairs.energies(pos, torch.ones(ATOMS + 1, 4), w, molecule, 1, WorkerThread.inline()), "charges must have shape");
        assertMessage(() -> CoulombPairs.energies(torch.ones(ATOMS, 2), q, w, molecule, 1, WorkerThread.inline()), "positions must have shape");
        assertMessage(() -> CoulombPairs.energies(pos, q.to(ScalarType.Double), w, molecule, 1, WorkerThread.inline()), "Float");
        assertMessage(() -> CoulombPairs.energies(pos, q, w, molecule.to(ScalarType.Int), 1, WorkerThread.inline()), "int64");
        assertMessage(() -> CoulombPairs.gradients(pos, q, w, molecule, 1, torch.ones(ATOMS + 1), WorkerThread.inline()), "energy gradient");
        assertMessage(() -> EdgeSums.neighborSumInto(torch.zeros(ATOMS, 10, F).to(ScalarType.Double), torch.ones(EDGES, 3 * F),
                null, null, torch.ones(ATOMS, 10, F), edgeIndex(), edgeIndex()), "sums must be a contiguous CPU Float");
        assertMessage(() -> EdgeSums.neighborSumInto(torch.zeros(ATOMS, 10, F), torch.ones(EDGES, 3 * F), torch.ones(EDGES + 1),
                null, torch.ones(ATOMS, 10, F), edgeIndex(), edgeIndex()), "weight scales must have shape");
    }

    /** Two unit charges 2 Å apart in one molecule, a third atom in another: k/2 (1 - damping) / r each, nothing across molecules. */
    @Test
    void coulombPairsAddHalfOfEachPairToBothAtoms() {
        Tensor pos = Tensor.create(new double[] {0, 0, 0, 2, 0, 0, 1, 0, 0}, 3, 3);
        Tensor q = torch.ones(3, 2).to(ScalarType.Double);
        Tensor energies = CoulombPairs.energies(pos, q, torch.ones(2).to(ScalarType.Double), Tensor.create(new long[] {0, 0, 1}), 1.0,
                WorkerThread.inline());
        double x = 2 / 4.6;
        double pair = (1 - Math.exp(1 / (x * x - 1)) / Math.exp(-1)) / 2;
        assertEquals(pair, energies.select(0, 0).item_double(), 1e-15);
        assertEquals(pair, energies.select(0, 1).item_double(), 1e-15);
        assertEquals(0, energies.select(0, 2).item_double(), 0);
    }

    /**
     * A system large enough for the worker to take the first rows of the pair matrix: the same energies
     * and gradients as all rows on one thread (float64: the two halves' sums added in another order).
     */
    @Test
    void coulombPairsSharedWithTheWorkerEqualOneThread() {
        long atoms = CoulombPairs.MIN_ATOMS_TO_SHARE + 37;
        torch.manual_seed(11);
        Tensor pos = torch.rand(atoms, 3).mul(Ops.scalar(30.0)).to(ScalarType.Double);
        Tensor q = torch.randn(atoms, 3).to(ScalarType.Double);
        Tensor w = torch.rand(3).add(Ops.scalar(0.5)).to(ScalarType.Double);
        // Two molecules, the second starting inside the worker's rows.
        Tensor molecule = torch.arange(Ops.scalar(atoms)).ge(Ops.integer(atoms / 5)).to(ScalarType.Long);
        Tensor g = torch.randn(atoms).to(ScalarType.Double);
        Tensor energies1 = CoulombPairs.energies(pos, q, w, molecule, 1.0, WorkerThread.inline());
        Tensor[] grads1 = CoulombPairs.gradients(pos, q, w, molecule, 1.0, g, WorkerThread.inline());
        try (WorkerThread worker = WorkerThread.forCallingThread()) {
            assertTrue(worker.concurrent(), "this test needs a second core (the build machine has two)");
            Tensor energies2 = CoulombPairs.energies(pos, q, w, molecule, 1.0, worker);
            Tensor[] grads2 = CoulombPairs.gradients(pos, q, w, molecule, 1.0, g, worker);
            assertClose(energies1, energies2, "energies");
            assertClose(grads1[0], grads2[0], "charge gradients");
            assertClose(grads1[1], grads2[1], "position gradients");
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        double scale = expected.abs().max().item_double();
        assertTrue(scale > 0, what + ": all zero");
        double error = actual.sub(expected).abs().max().item_double();
        assertTrue(error <= 1e-13 * scale, what + " off by " + error + " of " + scale);
    }

    @Test
    void refusesNonInt64Indices() {
        assertMessage(() -> EdgeSums.neighborSumScaledWeightGrads(torch.ones(ATOMS, 10, F), edgeIndex().to(ScalarType.Int),
                torch.ones(ATOMS, 10, F), edgeIndex(), torch.ones(EDGES, 3 * F), torch.ones(EDGES)), "int64");
    }

    @Test
    void acceptsBothPrecisionsThroughOneEntryPoint() {
        for (ScalarType type : new ScalarType[] {ScalarType.Float, ScalarType.Double}) {
            Tensor out = EdgeSums.neighborSum(torch.ones(EDGES, 3 * F).to(type), null, torch.ones(ATOMS, 10, F).to(type),
                    edgeIndex(), edgeIndex(), ATOMS);
            assertEquals(type, out.scalar_type().intern());
            assertEquals(2 * 10 * F, out.select(0, 1).sum().item_double(), 1e-9, type.toString());
        }
    }

    @Test
    void anUnknownDtypeCodeIsRefusedByTheNativeDispatch() {
        Tensor w = torch.ones(EDGES, 3 * F), v = torch.ones(ATOMS, 10, F), out = torch.zeros(ATOMS, 10, F);
        RuntimeException e = assertThrows(RuntimeException.class, () -> NativeKernels.neighborSum(7, EDGES, F,
                w.data_ptr(), null, null, v.data_ptr(), edgeIndex().data_ptr_long(), edgeIndex().data_ptr_long(), out.data_ptr()));
        assertTrue(e.getMessage().contains("dtype code 7"), e.getMessage());
    }

    /**
     * The distance gradient of the message sums is the weight gradient times the weights' derivatives,
     * summed per weight row: with rows shared by two edges (TensorNet's radial rows) and one row per
     * edge, 33 channels (two full lanes of 16 and a partial one), both precisions.
     */
    @Test
    void distanceGradIsTheWeightGradTimesTheDerivativesPerRow() {
        long f = 33, atoms = 4, rows = 3;
        Tensor target = Tensor.create(new long[] {0, 1, 2, 3, 1}), senders = Tensor.create(new long[] {1, 0, 3, 2, 2});
        Tensor sharedRows = Tensor.create(new long[] {0, 0, 1, 1, 2});
        torch.manual_seed(7);
        for (ScalarType type : new ScalarType[] {ScalarType.Double, ScalarType.Float}) {
            Tensor g = torch.randn(atoms, 10, f).to(type), v = torch.randn(atoms, 10, f).to(type);
            double tolerance = type == ScalarType.Double ? 1e-12 : 1e-4;
            for (Tensor wRow : new Tensor[] {sharedRows, null}) {
                long weightRows = wRow == null ? target.size(0) : rows;
                Tensor tangents = torch.randn(weightRows, 3 * f).to(type);
                Tensor expected = weightGrad(g, target, v, senders, wRow, weightRows).mul(tangents)
                        .sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
                Tensor got = torch.ones(weightRows).to(type);
                EdgeSums.neighborSumDistanceGradInto(got, g, target, v, senders, wRow, tangents);
                double err = got.sub(expected.add(torch.ones(weightRows).to(type))).abs().max().item_double();
                assertTrue(err < tolerance * expected.abs().max().item_double(), type + " rows " + (wRow != null) + ": " + err);
            }
        }
    }

    /**
     * Weights given as an MLP's output times a scale per row: the sums equal those of the product, and
     * the scaled weight gradients equal the weight gradient times the scale and its dot with the output
     * per row; both precisions, 33 channels.
     */
    @Test
    void scaledWeightsSumAndGoBackAsTheirProduct() {
        long f = 33, atoms = 4, edges = 5;
        Tensor target = Tensor.create(new long[] {0, 1, 2, 3, 1}), senders = Tensor.create(new long[] {1, 0, 3, 2, 2});
        torch.manual_seed(11);
        for (ScalarType type : new ScalarType[] {ScalarType.Double, ScalarType.Float}) {
            double tolerance = type == ScalarType.Double ? 1e-12 : 1e-5;
            Tensor m = torch.randn(edges, 3 * f).to(type), scale = torch.rand(edges).to(type);
            Tensor v = torch.randn(atoms, 10, f).to(type), g = torch.randn(atoms, 10, f).to(type);
            Tensor expected = EdgeSums.neighborSum(m.mul(scale.unsqueeze(1)), null, v, senders, target, atoms);
            Tensor got = torch.zeros(atoms, 10, f).to(type);
            EdgeSums.neighborSumInto(got, m, scale, null, v, senders, target);
            assertTrue(got.sub(expected).abs().max().item_double() < tolerance * expected.abs().max().item_double(), type + " sums");
            Tensor gw = weightGrad(g, target, v, senders, null, edges);
            Tensor[] grads = EdgeSums.neighborSumScaledWeightGrads(g, target, v, senders, m, scale);
            Tensor gm = gw.mul(scale.unsqueeze(1));
            Tensor gs = gw.mul(m).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
            assertTrue(grads[0].sub(gm).abs().max().item_double() < tolerance * gm.abs().max().item_double(), type + " output gradient");
            assertTrue(grads[1].sub(gs).abs().max().item_double() < tolerance * gs.abs().max().item_double(), type + " scale gradient");
        }
    }

    @Test
    void distanceGradRefusesAnOutputItCannotAddTo() {
        Tensor g = torch.ones(ATOMS, 10, F), v = torch.ones(ATOMS, 10, F), tangents = torch.ones(EDGES, 3 * F);
        assertMessage(() -> EdgeSums.neighborSumDistanceGradInto(torch.zeros(EDGES).to(ScalarType.Double), g, edgeIndex(), v,
                edgeIndex(), null, tangents), "contiguous CPU Float tensor, got Double");
        assertMessage(() -> EdgeSums.neighborSumDistanceGradInto(torch.zeros(EDGES + 1), g, edgeIndex(), v, edgeIndex(), null,
                tangents), "distance gradients must have shape");
    }

    /**
     * The message sums' gradient with respect to their weights [weightRows, 3 F], in LibTorch ops: per
     * edge g[target] * v[vRow], the packed numbers of each part summed (I: 1, A: 3, S: 6), added per
     * weight row (or one row per edge when {@code wRow} is null).
     */
    private static Tensor weightGrad(Tensor g, Tensor target, Tensor v, Tensor vRow, Tensor wRow, long weightRows) {
        Tensor prod = g.index_select(0, target).mul(v.index_select(0, vRow));
        org.bytedeco.pytorch.ScalarTypeOptional same = new org.bytedeco.pytorch.ScalarTypeOptional();
        Tensor perEdge = torch.cat(new org.bytedeco.pytorch.TensorVector(prod.narrow(1, 0, 1).sum(new long[] {1}, false, same),
                prod.narrow(1, 1, 3).sum(new long[] {1}, false, same), prod.narrow(1, 4, 6).sum(new long[] {1}, false, same)), 1);
        if (wRow == null) return perEdge;
        return perEdge.new_zeros(weightRows, perEdge.size(1)).index_add_(0, wRow, perEdge);
    }

    private static void assertMessage(Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
