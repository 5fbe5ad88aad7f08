package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Fixtures;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * TensorNet2 through the native kernels ({@link KernelGradient}: charge blocks, per-edge radial MLPs
 * that read the charges, the Coulomb head) gives plain autograd's energies, gradients, virial,
 * per-atom energies and charges: float64 to 1e-11, float32 within 5e-5 of float64; with total charges,
 * several molecules, static shapes, SO(3), and in a periodic box with a Coulomb cutoff (images
 * within both cutoffs).
 */
class TensorNet2KernelTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @ParameterizedTest(name = "{0} precision {1} static {2} {3}")
    @CsvSource({
        "alanine_dipeptide__q+1,                  64, false, O(3)",
        "batch_caffeine_alanine_dipeptide__q+1-1, 64, false, O(3)",
        "batch_caffeine_alanine_dipeptide__q+1-1, 64, true,  SO(3)",
        "chignolin__q-1,                          64, true,  O(3)",
        "caffeine__q0,                            64, false, SO(3)",
        "chignolin__q+1,                          32, false, O(3)",
        "batch_caffeine_alanine_dipeptide__q+1-1, 32, true,  O(3)",
    })
    void kernelsEqualPlainAutograd(String input, int precision, boolean staticShapes, String group) {
        AtomicSystem s = Fixtures.reference(Fixtures.tensornet().resolve("tn2-bench__" + input + ".json")).system();
        assertKernelsEqualPlain(s, Map.of("precision", precision, "static_shapes", staticShapes,
                "equivariance_invariance_group", group), Long.MAX_VALUE);
    }

    /**
     * The radial MLP block by block ({@link EdgeBlockWeights}: large systems), here blocks of a few
     * hundred edges and one that ends mid-way through an atom's edges.
     */
    @ParameterizedTest(name = "{0} in blocks of {1} edges")
    @CsvSource({
        "chignolin__q+1,                          1000",
        "batch_caffeine_alanine_dipeptide__q+1-1, 97",
    })
    void blocksOfEdgesEqualPlainAutograd(String input, long edgesPerBlock) {
        AtomicSystem s = Fixtures.reference(Fixtures.tensornet().resolve("tn2-bench__" + input + ".json")).system();
        assertKernelsEqualPlain(s, Map.of("precision", 64), edgesPerBlock);
    }

    /** Caffeine in a 12 Å box: pairs through the box within the network's 5 Å and the Coulomb term's 5.5 Å. */
    @ParameterizedTest(name = "periodic, precision {0}")
    @CsvSource({"64", "32"})
    void periodicWithCoulombCutoffEqualsPlainAutograd(int precision) {
        AtomicSystem caffeine = Fixtures.reference(Fixtures.tensornet().resolve("tn2-bench__caffeine__q+1.json")).system();
        AtomicSystem s = caffeine.withBox(new double[][] {{12, 0, 0}, {0, 12.5, 0}, {0, 0, 13}});
        assertKernelsEqualPlain(s, Map.of("precision", precision, "coulomb_cutoff", 5.5), Long.MAX_VALUE);
    }

    private static void assertKernelsEqualPlain(AtomicSystem s, Map<String, Object> overrides, long edgesPerBlock) {
        TorchMDNet model = ModelLoader.load(Fixtures.checkpoint("tn2-bench"), new LoadOptions(overrides, NeighborStrategy.CELL_LIST));
        try {
            // Else both evaluations below would be plain autograd.
            assertTrue(KernelArgs.supports(Tensor.create(1.0).to(model.config().dtype())));
            boolean float64 = model.config().dtype() == ScalarType.Double;
            // float32 against plain autograd in float64: the two float32 paths sum in other orders, and each
            // differs from float64 by up to ~3e-5 (charges; atom energies and forces ~5e-6 relative), so
            // comparing them with each other would see both paths' rounding at once.
            Result plain = float64 ? evaluate(model, s, Long.MAX_VALUE, false) : inFloat64(s, overrides);
            Result kernels = evaluate(model, s, edgesPerBlock, true);
            double tol = float64 ? 1e-11 : 5e-5;
            assertClose("energy", plain.energy, kernels.energy, tol);
            assertClose("gradient", plain.gradient, kernels.gradient, tol);
            assertClose("virial", plain.virial, kernels.virial, tol);
            assertClose("atom energies", plain.atomEnergies, kernels.atomEnergies, tol);
            assertClose("charges", plain.charges, kernels.charges, tol);
        } finally {
            model.close();
        }
    }

    /** Plain autograd in float64 with the same hyper-parameters otherwise. */
    private static Result inFloat64(AtomicSystem s, Map<String, Object> overrides) {
        Map<String, Object> precise = new java.util.HashMap<>(overrides);
        precise.put("precision", 64);
        TorchMDNet model = ModelLoader.load(Fixtures.checkpoint("tn2-bench"), new LoadOptions(precise, NeighborStrategy.CELL_LIST));
        try {
            return evaluate(model, s, Long.MAX_VALUE, false);
        } finally {
            model.close();
        }
    }

    private record Result(double[] energy, double[] gradient, double[] virial, double[] atomEnergies, double[] charges) {}

    /** Each compared relative to the largest magnitude of its kind (none of them all zero). */
    private static void assertClose(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double v : expected) scale = Math.max(scale, Math.abs(v));
        assertTrue(scale > 0, what + " all zero");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], tol * Math.max(1, scale), what + " " + k);
        }
    }

    private static Result evaluate(TorchMDNet model, AtomicSystem s, long edgesPerBlock, boolean kernels) {
        try (PointerScope scope = new PointerScope()) {
            ScalarType dtype = model.config().dtype();
            Tensor z = Tensor.create(s.atomicNumbers());
            Tensor pos = Tensor.create(s.flatPositions(), s.atomCount(), 3).to(dtype).requires_grad_(true);
            Tensor batch = s.batch() == null ? null : Tensor.create(s.batch());
            double[] perAtom = new double[s.atomCount()];
            for (int i = 0; i < perAtom.length; i++) perAtom[i] = s.charges()[(int) s.molecule(i)];
            Tensor charge = Tensor.create(perAtom).to(dtype);
            Tensor box = s.box() == null ? null : Ops.matrix3(s.box(), pos);
            EnergyAndGradient r = model.energyAndGradient(new ModelInputs(z, pos, batch, s.moleculeCount(), box, charge, null),
                    new ExtraOutputs(true, true), edgesPerBlock, kernels);
            assertNotNull(r.charges());
            return new Result(Ops.toDoubles(r.energy()), Ops.toDoubles(r.gradient()), Ops.toDoubles(r.virial()),
                    Ops.toDoubles(r.atomEnergies()), Ops.toDoubles(r.charges()));
        }
    }
}
