package org.tensornet4j;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Forces equal central finite differences of the energy (float64 model), also with charge and a periodic box. */
class FiniteDifferenceTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "charged", "periodic", "so3", "lower-cutoff"})
    void forcesAreMinusTheEnergyGradient(String variant) {
        Map<String, Object> overrides = switch (variant) {
            case "so3" -> Map.of("equivariance_invariance_group", "SO(3)");
            case "lower-cutoff" -> Map.of("cutoff_lower", 1.3);
            default -> Map.of();
        };
        try (TensorNetPotential model = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"), Device.CPU, overrides)) {
            AtomicSystem s = Fixtures.reference(Fixtures.tensornet().resolve("tn-f64__alanine_dipeptide.json")).system();
            if (variant.equals("charged")) s = s.withCharges(-1.0);
            if (variant.equals("periodic")) {
                // a box barely larger than twice the cutoff, so periodic images interact
                s = s.withBox(new double[][] {{10.5, 0, 0}, {1.0, 10.2, 0}, {-0.5, 2.0, 10.4}});
            }
            ForceChecks.assertForcesMatchFiniteDifferences(model, s, 5);
        }
    }
}
