package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with every TorchMD-Net reference in the fixtures, discovered from the files (there are more
 * reference cases than the public ones). Tolerances from DESIGN.md: float32 |dE| <= 1e-5 max(1,|E|),
 * max|dF| <= 1e-4 max(1, max|F|); float64 1e-9 for both. One exception, decided by numbers and not
 * by name: a float32 reference energy that is itself farther than the tolerance from the float64
 * energy of the same checkpoint (TorchMD-Net sums in float32; tn-priors on the 2269-atom solvated box
 * is 2e-4 off) is replaced by that float64 energy.
 */
class FixtureParityTest {
    private static final Map<Path, TensorNetPotential> MODELS = new HashMap<>();

    /** The same checkpoints loaded with precision 64 (TorchMD-Net's load_model(ckpt, precision=64)). */
    private static final Map<Path, TensorNetPotential> FLOAT64 = new HashMap<>();

    static Stream<Path> references() {
        return Fixtures.references().stream();
    }

    @AfterAll
    static void close() {
        MODELS.values().forEach(TensorNetPotential::close);
        FLOAT64.values().forEach(TensorNetPotential::close);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void reproducesTorchMdNet(Path file) {
        Fixtures.Reference ref = Fixtures.reference(file);
        TensorNetPotential model = MODELS.computeIfAbsent(ref.checkpoint(), TensorNetPotential::load);
        assertEquals(ref.dtype(), model.precision());
        PotentialOutput out = model.compute(ref.system());
        boolean f64 = ref.dtype().equals("float64");
        assertTrue(f64 || ref.dtype().equals("float32"), "unknown dtype " + ref.dtype());
        double tol = f64 ? 1e-9 : 1e-5;
        double forceTol = f64 ? 1e-9 : 1e-4;
        assertEquals(ref.energy().length, out.energy().length, "molecules");
        double worstEnergy = 0;
        for (int m = 0; m < ref.energy().length; m++) {
            double e = ref.energy()[m];
            worstEnergy = Math.max(worstEnergy, Math.abs(e - out.energy()[m]) / Math.max(1, Math.abs(e)));
            double energyTol = tol * Math.max(1, Math.abs(e));
            if (f64 || Math.abs(e - out.energy()[m]) <= energyTol) continue;
            // tn4j sums energies in float64 (docs/precision.md); TorchMD-Net adds the terms one by one
            // in float32. Where that makes its own reference miss the exact value (the same checkpoint
            // in float64) by more than the tolerance, the exact value is the arbiter.
            double exact = FLOAT64.computeIfAbsent(ref.checkpoint(), c -> TensorNetPotential.load(c, Device.CPU,
                    Map.of("precision", 64))).compute(ref.system()).energy()[m];
            assertTrue(Math.abs(e - exact) > energyTol, "energy of molecule " + m + ": " + out.energy()[m] + " but TorchMD-Net gives "
                    + e + ", within tolerance of the float64 energy " + exact);
            assertEquals(exact, out.energy()[m], tol * Math.max(1, Math.abs(exact)), "energy of molecule " + m
                    + " against the float64 energy of the same checkpoint (TorchMD-Net's float32 sum gives " + e + ")");
            System.out.printf("parity %s: TorchMD-Net's float32 energy %.6f is %.1e (relative) from float64 %.6f; tn4j's %.6f is %.1e%n",
                    ref.name(), e, Math.abs(e - exact) / Math.abs(exact), exact, out.energy()[m],
                    Math.abs(out.energy()[m] - exact) / Math.abs(exact));
        }
        double maxF = 0;
        for (double[] f : ref.forces()) for (double v : f) maxF = Math.max(maxF, Math.abs(v));
        double ftol = forceTol * Math.max(1, maxF);
        double worst = 0;
        for (int i = 0; i < ref.forces().length; i++) {
            for (int k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(ref.forces()[i][k] - out.forces()[i][k]));
        }
        System.out.printf("parity %s: |dE|/max(1,|E|) = %.2e, max|dF| = %.2e (max|F| = %.3g)%n", ref.name(), worstEnergy, worst, maxF);
        assertTrue(worst <= ftol, "max force deviation " + worst + " > " + ftol);
    }
}
