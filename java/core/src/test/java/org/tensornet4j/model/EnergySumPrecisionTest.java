package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Device;
import org.tensornet4j.Fixtures;
import org.tensornet4j.TensorNetPotential;

/**
 * The energy sums (per-atom energies to molecules, prior pair terms) run in float64 while the model
 * runs in float32 (docs/precision.md): a float32 checkpoint's energy of a solvated system with priors
 * stays as close to the same checkpoint evaluated in float64 as its per-atom terms allow. Summed in
 * float32, as before, the 2269 atoms and the D2 prior's pairs (10 Å) lost digits in the sum.
 */
class EnergySumPrecisionTest {
    /** Relative |E32 - E64|: summed in float32 it was 1.7e-4 here (TorchMD-Net: 2.0e-4); summed in float64 it is 1.8e-7. */
    private static final double BOUND = 1e-6;

    @Test
    void float32EnergyOfASolvatedSystemWithPriorsIsCloseToFloat64() {
        AtomicSystem system = Fixtures.reference(Fixtures.tensornet().resolve("tn-priors__alanine_dipeptide_explicit_pbc.json")).system();
        double e32, e64;
        try (TensorNetPotential f32 = TensorNetPotential.load(Fixtures.checkpoint("tn-priors"));
             TensorNetPotential f64 = TensorNetPotential.load(Fixtures.checkpoint("tn-priors"), Device.CPU, Map.of("precision", 64))) {
            assertTrue(f32.precision().equals("float32") && f64.precision().equals("float64"));
            e32 = f32.compute(system).energy()[0];
            e64 = f64.compute(system).energy()[0];
        }
        double relative = Math.abs(e32 - e64) / Math.abs(e64);
        System.out.printf("tn-priors, alanine dipeptide in water (%d atoms): E32 %.10f E64 %.10f relative %.2e%n",
                system.atomCount(), e32, e64, relative);
        assertTrue(relative <= BOUND, "float32 energy " + e32 + " is " + relative + " (relative) from float64 " + e64);
    }
}
