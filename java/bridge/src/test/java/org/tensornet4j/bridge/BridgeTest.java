package org.tensornet4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.Test;

/**
 * The Java half of the bridge: factory, registry and the zero-copy step, called from Java here
 * (the C++ side is exercised by ctest through a native host).
 */
class BridgeTest {
    private static final Path SHARED = Path.of(System.getProperty("tn4j.shared", "../../../shared")).toAbsolutePath().normalize();
    private static final String WATER = "\"atomic_numbers\": [8, 1, 1]";

    private static String config(String extra) {
        return "{\"checkpoint\": \"" + SHARED.resolve("fixtures/tensornet/tn-small.ckpt") + "\", " + WATER + extra + "}";
    }

    @Test
    void createComputeRelease() {
        int before = Bridge.liveCount();
        long address = Bridge.create("org.tensornet4j.TensorNetPotential", config(""));
        assertEquals(before + 1, Bridge.liveCount());
        PotentialForce force = find(address);
        double[] pos = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0};
        try (DoublePointer p = new DoublePointer(pos); DoublePointer f = new DoublePointer(9)) {
            double e = force.compute(3, p, null, f);
            double[] forces = new double[9];
            f.get(forces);
            var reference = force.potential().compute(org.tensornet4j.AtomicSystem.of(new long[] {8, 1, 1},
                    new double[][] {{0, 0, 0}, {0.96, 0, 0}, {-0.24, 0.93, 0}}));
            assertEquals(reference.energy()[0], e, 1e-6);
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 3; k++) assertEquals(reference.forces()[i][k], forces[3 * i + k], 1e-5);
            }
        }
        Bridge.release(address);
        Bridge.release(address);
        assertEquals(before, Bridge.liveCount());
    }

    @Test
    void chargeChangesTheResultAndBadConfigsAreRefused() {
        long neutral = Bridge.create("org.tensornet4j.TensorNetPotential", config(""));
        long charged = Bridge.create("org.tensornet4j.TensorNetPotential", config(", \"charge\": 1"));
        double[] pos = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0};
        try (DoublePointer p = new DoublePointer(pos); DoublePointer f = new DoublePointer(9)) {
            double e0 = find(neutral).compute(3, p, null, f);
            double e1 = find(charged).compute(3, p, null, f);
            assertTrue(e0 != e1, "a total charge must change the energy");
        } finally {
            Bridge.release(neutral);
            Bridge.release(charged);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bridge.create("org.tensornet4j.TensorNetPotential", "[1]"))
                .getMessage().contains("JSON object"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Bridge.create("org.tensornet4j.TensorNetPotential", "{\"checkpoint\": \"x\"}")).getMessage().contains("atomic_numbers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bridge.create("java.lang.String", config("")))
                .getMessage().contains("does not implement"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bridge.create("org.tensornet4j.TensorNetPotential",
                config(", \"charge\": \"one\""))).getMessage().contains("\"charge\" must be a number"));
    }

    private static PotentialForce find(long address) {
        return Bridge.live(address);
    }
}
