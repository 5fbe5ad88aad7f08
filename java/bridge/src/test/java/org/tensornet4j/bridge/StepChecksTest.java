package org.tensornet4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;
import org.tensornet4j.Fixtures;
import org.tensornet4j.testing.MisbehavingTestPotential;

/**
 * What the bridge refuses on every step whatever the potential: a box that is not finite, a
 * non-finite energy or force, wrongly shaped forces. The engines take a returned energy as a success,
 * so each of these must be an exception here. (The C ABI and OpenMM see the same through ctest.)
 */
class StepChecksTest {
    private static final double[] WATER = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0};

    @Test
    void nonFiniteBoxIsRefusedForTheModelAndForAnyPotential() {
        String model = "{\"checkpoint\": \"" + Fixtures.checkpoint("tn-small") + "\", \"atomic_numbers\": [8, 1, 1]}";
        for (String[] created : new String[][] {{"org.tensornet4j.TensorNetPotential", model},
                                                {MisbehavingTestPotential.class.getName(), config("none")}}) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
                String message = stepError(created[0], created[1], new double[] {30, 0, 0, 0, 30, 0, 0, 0, bad});
                assertTrue(message.contains("periodic box") && message.contains("not finite") && message.contains("give finite box vectors"),
                        created[0] + ": " + message);
            }
        }
    }

    @Test
    void nonFiniteResultsAreErrorsNamingThePotential() {
        String energy = stepError(MisbehavingTestPotential.class.getName(), config("nan_energy"), null);
        assertTrue(energy.contains(MisbehavingTestPotential.class.getName()) && energy.contains("non-finite energy (NaN)"), energy);
        String force = stepError(MisbehavingTestPotential.class.getName(), config("inf_force"), null);
        assertTrue(force.contains(MisbehavingTestPotential.class.getName()) && force.contains("non-finite force on atom 1"), force);
    }

    @Test
    void wronglyShapedForcesNameTheClassAndTheShapes() {
        String message = stepError(MisbehavingTestPotential.class.getName(), config("short_forces"), null);
        assertTrue(message.contains(MisbehavingTestPotential.class.getName() + ".compute") && message.contains("forces of shape [2][...] for 3 atoms")
                && message.contains("expected forces[3][3]"), message);
    }

    @Test
    void aWellBehavedPotentialPasses() {
        long address = Bridge.create(MisbehavingTestPotential.class.getName(), config("none"));
        try (DoublePointer p = new DoublePointer(WATER); DoublePointer f = new DoublePointer(9)) {
            assertEquals(1.0, Bridge.live(address).compute(3, p, null, f));
        } finally {
            Bridge.release(address);
        }
    }

    private static String config(String mode) {
        return "{\"atomic_numbers\": [8, 1, 1], \"misbehave\": \"" + mode + "\"}";
    }

    /** The message of one step's exception (the potential is released afterwards). */
    private static String stepError(String className, String config, double[] box) {
        long address = Bridge.create(className, config);
        try (DoublePointer p = new DoublePointer(WATER); DoublePointer f = new DoublePointer(9);
             DoublePointer b = box == null ? null : new DoublePointer(box)) {
            return assertThrows(RuntimeException.class, () -> Bridge.live(address).compute(3, p, b, f)).getMessage();
        } finally {
            Bridge.release(address);
        }
    }
}
