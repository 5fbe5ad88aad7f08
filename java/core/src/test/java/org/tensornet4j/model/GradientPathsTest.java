package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Fixtures;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * The three ways to TensorNet's gradient give the energies and gradients of plain autograd: the
 * chunked evaluation (forward without autograd, backward recomputed edge chunk by edge chunk) and
 * the native kernels ({@link KernelGradient}). With several molecules, total charges, static shapes,
 * periodic boxes and SO(3), chunks that split the self pairs and the padding, and in float64 to 1e-11.
 */
class GradientPathsTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @ParameterizedTest(name = "{0} {1} chunk {2} static {3}")
    @CsvSource({
        "tn-f64,   batch_caffeine_alanine_dipeptide, 97,   false, O(3)",
        "tn-f64,   batch_caffeine_alanine_dipeptide, 500,  true,  O(3)",
        "tn-f64,   chignolin,                        1000, false, SO(3)",
        "tn-f64,   caffeine,                         64,   true,  SO(3)",
        "tn-small, chignolin,                        700,  true,  O(3)",
    })
    void chunkedEqualsPlainAutograd(String checkpoint, String input, long edgesPerChunk, boolean staticShapes, String group) {
        AtomicSystem s = Fixtures.reference(Fixtures.tensornet().resolve(checkpoint + "__" + input + ".json")).system();
        if (s.moleculeCount() > 1) s = s.withCharges(1.0, -2.0);
        TorchMDNet model = ModelLoader.load(Fixtures.checkpoint(checkpoint), new LoadOptions(
                Map.of("static_shapes", staticShapes, "equivariance_invariance_group", group), NeighborStrategy.CELL_LIST));
        double[][] plain = evaluate(model, s, Long.MAX_VALUE, false);
        assertSame(plain, evaluate(model, s, edgesPerChunk, false), model);
        model.close();
    }

    @ParameterizedTest(name = "{0} {1} static {2} {3}")
    @CsvSource({
        "tn-f64,   batch_caffeine_alanine_dipeptide, false, O(3)",
        "tn-f64,   batch_caffeine_alanine_dipeptide, true,  SO(3)",
        "tn-f64,   alanine_dipeptide_explicit_pbc,   false, O(3)",
        "tn-f64,   chignolin,                        true,  O(3)",
        "tn-bench, chignolin,                        false, O(3)",
        "tn-bench, alanine_dipeptide_explicit_pbc,   false, SO(3)",
        "tn-small, batch_caffeine_alanine_dipeptide, true,  O(3)",
    })
    void nativeKernelsEqualPlainAutograd(String checkpoint, String input, boolean staticShapes, String group) {
        AtomicSystem s = Fixtures.reference(Fixtures.tensornet().resolve(checkpoint + "__" + input + ".json")).system();
        if (s.moleculeCount() > 1) s = s.withCharges(1.0, -2.0);
        TorchMDNet model = ModelLoader.load(Fixtures.checkpoint(checkpoint), new LoadOptions(
                Map.of("static_shapes", staticShapes, "equivariance_invariance_group", group), NeighborStrategy.CELL_LIST));
        // Else both evaluations below would be plain autograd.
        assertTrue(KernelArgs.supports(Tensor.create(1.0).to(model.config().dtype())));
        double[][] plain = evaluate(model, s, Long.MAX_VALUE, false);
        assertSame(plain, evaluate(model, s, Long.MAX_VALUE, true), model);
        model.close();
    }

    /**
     * On a machine with two cores the radial MLPs run on the worker thread (WorkerThread),
     * concurrently with the rest: same numbers, step after step, whatever the caller's LibTorch
     * thread count, which is restored afterwards.
     */
    @ParameterizedTest(name = "{0} {1} on the worker thread")
    @CsvSource({
        "tn-f64,   batch_caffeine_alanine_dipeptide",
        "tn-bench, chignolin",
    })
    void nativeKernelsWithWorkerThreadEqualPlainAutograd(String checkpoint, String input) {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "the worker thread needs a second core");
        AtomicSystem s = Fixtures.reference(Fixtures.tensornet().resolve(checkpoint + "__" + input + ".json")).system();
        if (s.moleculeCount() > 1) s = s.withCharges(1.0, -2.0);
        TorchMDNet model = ModelLoader.load(Fixtures.checkpoint(checkpoint), LoadOptions.DEFAULT.withNeighbors(NeighborStrategy.CELL_LIST));
        int threads = torch.get_num_threads();
        try {
            double[][] plain = evaluate(model, s, Long.MAX_VALUE, false);
            for (int callerThreads : new int[] {1, 2}) {
                torch.set_num_threads(callerThreads);
                try (WorkerThread worker = WorkerThread.forCallingThread()) {
                    assertTrue(worker.concurrent(), "a machine with two cores uses the worker");
                    assertEquals(1, torch.get_num_threads());
                }
                assertEquals(callerThreads, torch.get_num_threads(), "thread count restored");
                for (int step = 0; step < 3; step++) assertSame(plain, evaluate(model, s, Long.MAX_VALUE, true), model);
                assertEquals(callerThreads, torch.get_num_threads(), "thread count restored");
            }
        } finally {
            torch.set_num_threads(threads);
            model.close();
        }
    }

    private static void assertSame(double[][] plain, double[][] other, TorchMDNet model) {
        double tol = model.config().dtype() == ScalarType.Double ? 1e-11 : 2e-6;
        for (int m = 0; m < plain[0].length; m++) {
            assertEquals(plain[0][m], other[0][m], tol * Math.max(1, Math.abs(plain[0][m])), "energy " + m);
        }
        double scale = 0;
        for (double g : plain[1]) scale = Math.max(scale, Math.abs(g));
        for (int k = 0; k < plain[1].length; k++) {
            assertEquals(plain[1][k], other[1][k], tol * Math.max(1, scale), "gradient " + k);
        }
        assertTrue(scale > 0);
    }

    /** {energies, flattened gradient}. */
    private static double[][] evaluate(TorchMDNet model, AtomicSystem s, long edgesPerChunk, boolean kernels) {
        try (PointerScope scope = new PointerScope()) {
            ScalarType dtype = model.config().dtype();
            Tensor z = Tensor.create(s.atomicNumbers());
            Tensor pos = Tensor.create(s.flatPositions(), s.atomCount(), 3).to(dtype).requires_grad_(true);
            Tensor batch = s.batch() == null ? null : Tensor.create(s.batch());
            Tensor charge = null;
            if (s.charges() != null) {
                double[] perAtom = new double[s.atomCount()];
                for (int i = 0; i < perAtom.length; i++) perAtom[i] = s.charges()[(int) s.molecule(i)];
                charge = Tensor.create(perAtom).to(dtype);
            }
            Tensor box = s.box() == null ? null : Ops.matrix3(s.box(), pos);
            EnergyAndGradient r = model.energyAndGradient(new ModelInputs(z, pos, batch, s.moleculeCount(), box, charge, null),
                    edgesPerChunk, kernels);
            return new double[][] {Ops.toDoubles(r.energy()), Ops.toDoubles(r.gradient())};
        }
    }
}
