package org.tensornet4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.tensornet4j.Device;
import org.tensornet4j.Fixtures;
import org.tensornet4j.TensorNetPotential;

/**
 * The device-buffer step (DeviceStep, behind computeOnDevice) run by the same code on the CPU: buffers wrapped
 * in place in float32 and float64, forces written over or added to the engine's, the energy handed back only
 * when asked, and the result equal to the host path's. On a GPU the same code runs on cuda:N (tests/gpu/run).
 */
class DeviceStepTest {
    private static final long[] WATER = {8, 1, 1};
    private static final double[] POS = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0};

    @Test
    void cpuRunEqualsTheHostPath() {
        try (TensorNetPotential potential = TensorNetPotential.load(Fixtures.checkpoint("tn-f64"));
             DeviceStep step = new DeviceStep(Device.CPU);
             PotentialForce host = new PotentialForce(TensorNetPotential.load(Fixtures.checkpoint("tn-f64")), WATER, null, null);
             DoublePointer p = new DoublePointer(POS); DoublePointer hostForces = new DoublePointer(9);
             DoublePointer forces = new DoublePointer(9); DoublePointer energy = new DoublePointer(1)) {
            double want = host.compute(3, p, null, hostForces);
            double[] wantForces = new double[9];
            hostForces.get(wantForces);

            // Overwrite: the engine's garbage is replaced; the energy is written where asked.
            forces.put(new double[] {9, 9, 9, 9, 9, 9, 9, 9, 9});
            double e = step.run(potential, WATER, null, 3, 1, p, null, forces, false, energy, null);
            assertEquals(want, e, 1e-12);
            assertEquals(want, energy.get(), 1e-12);
            double[] got = new double[9];
            forces.get(got);
            for (int k = 0; k < 9; k++) assertEquals(wantForces[k], got[k], 1e-12, "overwritten force " + k);

            // Add: the engine's own forces (1 everywhere) plus the potential's; no energy pointer, none written.
            forces.put(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
            energy.put(-7.0);
            step.run(potential, WATER, null, 3, 1, p, null, forces, true, null, null);
            forces.get(got);
            for (int k = 0; k < 9; k++) assertEquals(1 + wantForces[k], got[k], 1e-12, "added force " + k);
            assertEquals(-7.0, energy.get(), 0.0);
        }
    }

    @Test
    void float32BuffersAndBadPrecision() {
        try (TensorNetPotential potential = TensorNetPotential.load(Fixtures.checkpoint("tn-small"));
             DeviceStep step = new DeviceStep(Device.CPU);
             FloatPointer p = new FloatPointer(new float[] {0, 0, 0, 0.96f, 0, 0, -0.24f, 0.93f, 0});
             FloatPointer forces = new FloatPointer(9)) {
            double e = step.run(potential, WATER, null, 3, 0, p, null, forces, false, null, null);
            double want = potential.compute(org.tensornet4j.AtomicSystem.of(WATER, new double[][] {{0, 0, 0}, {0.96, 0, 0}, {-0.24, 0.93, 0}}))
                    .totalEnergy();
            assertEquals(want, e, 1e-4 * Math.max(1, Math.abs(want)));
            float[] got = new float[9];
            forces.get(got);
            boolean nonZero = false;
            for (float f : got) nonZero |= f != 0;
            assertTrue(nonZero, "forces written into the float32 buffer");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> step.run(potential, WATER, null, 3, 2, p, null, forces, false, null, null));
            assertTrue(bad.getMessage().contains("pass 0 (float32) or 1 (float64)"), bad.getMessage());
        }
    }

    @Test
    void cpuPotentialDeclinesDeviceBuffersAndOtherDevicesAreNamed() {
        try (PotentialForce force = new PotentialForce(TensorNetPotential.load(Fixtures.checkpoint("tn-small")), WATER, null, null);
             DoublePointer p = new DoublePointer(POS); DoublePointer f = new DoublePointer(9)) {
            assertFalse(force.computeOnDevice(3, 1, p, null, f, false, null, 0, null), "a CPU potential answers false");
            IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                    () -> DeviceStep.requireSameDevice(force.potential(), 1));
            assertTrue(other.getMessage().contains("buffers are on cuda:1 but this potential runs on cpu"), other.getMessage());
        }
    }
}
