package org.tensornet4j.openmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.openmm.mapping.CustomExternalForce;
import org.tensornet4j.openmm.mapping.DoubleVector;
import org.tensornet4j.openmm.mapping.OpenMMSystem;
import org.tensornet4j.openmm.mapping.VerletIntegrator;

/** The Simulation's checks and reporters on a one-particle System whose energy turns NaN. */
class SimulationTest {
    /**
     * E = sqrt(1 - x) pushes a particle starting at x = 0 with 1 nm/ps towards x = 1, beyond which E is NaN:
     * the run stops at the first check past it, names the step and the NaN, and keeps the CSV rows before.
     */
    @Test
    void aNanEnergyStopsTheRunNamingTheStep(@TempDir Path dir) throws Exception {
        OpenMM.loadPlugins();
        OpenMMSystem system = new OpenMMSystem();
        system.addParticle(1.0);
        CustomExternalForce force = new CustomExternalForce("sqrt(1 - x)");
        force.addParticle(0, new DoubleVector());
        OpenMM.addForce(system, force);
        Path csv = dir.resolve("state.csv");
        try (Simulation simulation = new Simulation(system, new VerletIntegrator(0.01), OpenMM.platform("Reference"),
                new double[] {0, 0, 0}, null)) {
            OpenMM.setVelocities(simulation.context(), new double[] {1, 0, 0});
            simulation.addReporter(new StateDataReporter(csv, 10, false, 0));
            SimulationFailure failure = assertThrows(SimulationFailure.class, () -> simulation.step(1000));
            assertTrue(failure.getMessage().contains("the potential energy is NaN"), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("the simulation stopped at step " + failure.step() + ":"));
            assertTrue(failure.step() > 10 && failure.step() < 100, failure.getMessage());
            assertEquals(failure.step() / 10 - 1, Files.readAllLines(csv).size() - 1, "rows up to the failure");
        }
    }

    /** A structure whose atom count differs from the System's is refused with both counts. */
    @Test
    void positionsMustMatchTheSystem() {
        OpenMM.loadPlugins();
        OpenMMSystem system = new OpenMMSystem();
        system.addParticle(1.0);
        VerletIntegrator integrator = new VerletIntegrator(0.001);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Simulation(system,
                integrator, OpenMM.platform("Reference"), new double[6], null));
        assertTrue(e.getMessage().contains("1 particles but 2 positions"), e.getMessage());
        integrator.close();
        system.close();
    }
}
