package org.tensornet4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tensornet4j.neighbors.PeriodicBox;

/** Every bad input gets an IllegalArgumentException whose message names the problem. */
class InputValidationTest extends WaterOnTnSmall {

    @Test
    void validInputWorks() {
        PotentialOutput out = model.compute(AtomicSystem.of(Z, WATER));
        assertEquals(1, out.energy().length);
        assertEquals(3, out.forces().length);
    }

    @Test
    void atomicNumberOutOfRange() {
        expect(() -> model.compute(AtomicSystem.of(new long[] {8, 1, 500}, WATER)), "atomic number 500 of atom 2");
        expect(() -> model.compute(AtomicSystem.of(new long[] {8, -1, 1}, WATER)), "atomic number -1 of atom 1");
    }

    @Test
    void nonFinitePositions() {
        expect(() -> AtomicSystem.of(Z, new double[][] {{0, 0, 0}, {Double.NaN, 0, 0}, {1, 1, 1}}), "position of atom 1 is not finite");
        expect(() -> AtomicSystem.of(Z, new double[][] {{0, 0, 0}, {1, 0, 0}, {1, Double.POSITIVE_INFINITY, 1}}), "not finite");
    }

    @Test
    void wrongShapes() {
        expect(() -> AtomicSystem.of(Z, new double[][] {{0, 0, 0}, {1, 0, 0}}), "positions has 2 rows but there are 3");
        expect(() -> AtomicSystem.of(Z, new double[][] {{0, 0, 0}, {1, 0}, {1, 1, 1}}), "must have 3 components");
        expect(() -> AtomicSystem.of(new long[0], new double[0][]), "no atoms");
        expect(() -> AtomicSystem.of(Z, WATER).withBox(new double[][] {{10, 0, 0}, {0, 10, 0}}), "box must be 3x3");
    }

    @Test
    void batchAndChargeMismatches() {
        AtomicSystem s = AtomicSystem.of(Z, WATER);
        expect(() -> s.withBatch(new long[] {0, 0}), "batch has 2 entries but there are 3 atoms");
        expect(() -> s.withBatch(new long[] {0, 2, 2}), "batch index 1 has no atoms");
        expect(() -> s.withBatch(new long[] {0, -1, 0}), "negative");
        expect(() -> s.withCharges(0, 1), "got 2 total charges for 1 molecule");
        expect(() -> s.withBatch(new long[] {0, 1, 1}).withCharges(1.0), "got 1 total charges for 2 molecule");
        expect(() -> s.withCharges(Double.NaN), "not finite");
        expect(() -> s.withPartialCharges(0.1, -0.1), "got 2 partial charges for 3 atoms");
        expect(() -> s.withPartialCharges(0.1, Double.NaN, 0), "partial charge of atom 1 is not finite");
    }

    /** Caffeine-style shift by 1e8 Å: float32 rounds coordinates to 8 Å steps; named as lost precision, not "coincide". */
    @Test
    void hugeCoordinatesAreNamedAsLostPrecision() {
        for (double shift : new double[] {1e8, -1e5}) {
            double[][] shifted = new double[3][];
            for (int i = 0; i < 3; i++) shifted[i] = new double[] {WATER[i][0] + shift, WATER[i][1], WATER[i][2]};
            expect(() -> model.compute(AtomicSystem.of(Z, shifted)), "lose precision in float32");
            expect(() -> model.compute(AtomicSystem.of(Z, shifted)), "centre the structure");
        }
        // A shift float32 still resolves (rounding 6e-5 Å) is evaluated.
        double[][] shifted = new double[3][];
        for (int i = 0; i < 3; i++) shifted[i] = new double[] {WATER[i][0] + 1000, WATER[i][1] - 1000, WATER[i][2]};
        double energy = model.compute(AtomicSystem.of(Z, shifted)).energy()[0];
        assertEquals(model.compute(AtomicSystem.of(Z, WATER)).energy()[0], energy, 1e-3);
        // A float64 model resolves 1e6 Å to 1e-10 Å: no refusal.
        for (int i = 0; i < 3; i++) shifted[i][0] = WATER[i][0] + 1e6;
        try (TensorNetPotential f64 = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"))) {
            assertEquals(f64.compute(AtomicSystem.of(Z, WATER)).energy()[0], f64.compute(AtomicSystem.of(Z, shifted)).energy()[0], 1e-6);
        }
    }

    @Test
    void coincidentAtoms() {
        expect(() -> model.compute(AtomicSystem.of(Z, new double[][] {{0, 0, 0}, {1, 0, 0}, {1, 0, 0}})), "coincide");
    }

    @Test
    void badBoxes() {
        AtomicSystem s = AtomicSystem.of(Z, WATER);
        expect(() -> model.compute(s.withBox(new double[][] {{8, 0, 0}, {0, 8, 0}, {0, 0, 8}})), "twice the cutoff");
        expect(() -> model.compute(s.withBox(new double[][] {{20, 1, 0}, {0, 20, 0}, {0, 0, 20}})), "lower-triangular");
        for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}) {
            expect(() -> s.withBox(new double[][] {{20, 0, 0}, {0, 20, 0}, {0, 0, bad}}), "give finite box vectors");
            // the rule every engine path applies (no AtomicSystem there)
            expect(() -> PeriodicBox.validate(new double[][] {{20, 0, 0}, {0, bad, 0}, {0, 0, 20}}, 5), "is not finite");
        }
    }

    @Test
    void unknownOverrideAndDevice() {
        expect(() -> TensorNetPotential.load(Fixtures.checkpoint("tn-small"), Device.CPU, Map.of("no_such_key", 1)),
                "unknown hyper-parameter 'no_such_key'");
        expect(() -> Device.parse("tpu"), "unknown device 'tpu'");
    }

    @Test
    void closedPotentialRefuses() {
        TensorNetPotential p = TensorNetPotential.load(Fixtures.checkpoint("tn-small"));
        p.close();
        assertThrows(IllegalStateException.class, () -> p.compute(AtomicSystem.of(Z, WATER)));
    }

    private static void expect(Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
