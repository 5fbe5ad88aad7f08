package org.tensornet4j.openmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;
import org.tensornet4j.openmm.mapping.Context;
import org.tensornet4j.openmm.mapping.HarmonicBondForce;
import org.tensornet4j.openmm.mapping.OpenMMSystem;
import org.tensornet4j.openmm.mapping.State;
import org.tensornet4j.openmm.mapping.TensorNetForce;
import org.tensornet4j.openmm.mapping.VerletIntegrator;
import org.tensornet4j.openmm.mapping.global.OpenMM;

/** The generated mapping against OpenMM 7.7 and the plugin, driven from this JVM. */
class MappingTest {

    /** A TensorNetForce in a Context created from Java: the fixture energy and forces of caffeine. */
    @Test
    void tensorNetForceInAJavaContextGivesTheFixtureEnergy() {
        Fixtures.Reference reference = Fixtures.reference(Fixtures.referenceFile("tn-f64__caffeine"));
        int[] z = java.util.Arrays.stream(reference.system().atomicNumbers()).mapToInt(Math::toIntExact).toArray();
        double[][] angstrom = reference.system().positions();
        double[] nm = new double[3 * z.length];
        for (int i = 0; i < nm.length; i++) nm[i] = angstrom[i / 3][i % 3] / 10;

        org.tensornet4j.openmm.OpenMM.loadPlugins();
        try (OpenMMSystem system = new OpenMMSystem();
             VerletIntegrator integrator = new VerletIntegrator(0.0005)) {
            for (int i = 0; i < z.length; i++) system.addParticle(1.0);
            TensorNetForce force = new TensorNetForce(reference.checkpoint().toString(),
                    org.tensornet4j.openmm.OpenMM.intVector(z));
            force.setEnergyUnit("kJ/mol"); // model units reported as they are
            org.tensornet4j.openmm.OpenMM.addForce(system, force);
            try (Context context = new Context(system, integrator,
                    org.tensornet4j.openmm.OpenMM.platform("Reference"))) {
                org.tensornet4j.openmm.OpenMM.setPositions(context, nm);
                try (State state = context.getState(State.Energy | State.Forces)) {
                    assertEquals(reference.energy()[0], state.getPotentialEnergy(), 1e-9 * Math.abs(reference.energy()[0]));
                    double[] forces = org.tensornet4j.openmm.OpenMM.forces(state);
                    double[][] expected = reference.forces();
                    for (int i = 0; i < forces.length; i++) {
                        assertEquals(expected[i / 3][i % 3] * 10, forces[i], 1e-7, "force component " + i); // per Å -> per nm
                    }
                }
            }
        }
    }

    /** XML round trip, file checkpoints, and OpenMM's exceptions arriving as Java exceptions. */
    @Test
    void serializationCheckpointsAndErrors(@TempDir Path dir) throws Exception {
        org.tensornet4j.openmm.OpenMM.loadPlugins();
        try (OpenMMSystem system = new OpenMMSystem();
             VerletIntegrator integrator = new VerletIntegrator(0.001)) {
            system.addParticle(12.0);
            system.addParticle(16.0);
            HarmonicBondForce bond = new HarmonicBondForce();
            bond.addBond(0, 1, 0.12, 50000.0);
            org.tensornet4j.openmm.OpenMM.addForce(system, bond);
            String xml = OpenMM.serializeSystem(system);
            assertTrue(xml.contains("HarmonicBondForce"), xml);
            try (OpenMMSystem copy = OpenMM.deserializeSystem(xml)) {
                assertEquals(xml, OpenMM.serializeSystem(copy));
            }
            try (Context context = new Context(system, integrator, org.tensornet4j.openmm.OpenMM.platform("Reference"))) {
                org.tensornet4j.openmm.OpenMM.setPositions(context, new double[] {0, 0, 0, 0.13, 0, 0});
                Path checkpoint = dir.resolve("state.chk");
                OpenMM.saveCheckpoint(context, checkpoint.toString());
                integrator.step(10);
                double moved = org.tensornet4j.openmm.OpenMM.positions(context.getState(State.Positions))[3];
                OpenMM.loadCheckpoint(context, checkpoint.toString());
                assertEquals(0.13, org.tensornet4j.openmm.OpenMM.positions(context.getState(State.Positions))[3], 0);
                integrator.step(10);
                assertEquals(moved, org.tensornet4j.openmm.OpenMM.positions(context.getState(State.Positions))[3], 0);
                assertTrue(Files.size(checkpoint) > 0);
                RuntimeException error = assertThrows(RuntimeException.class, () -> bond.getBondParameters(5, new int[1], new int[1], new double[1], new double[1]));
                assertTrue(error.getMessage() != null, "OpenMMException's message");
            }
        }
    }
}
