package org.tensornet4j.openmm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.openmm.mapping.OpenMMSystem;
import org.tensornet4j.openmm.mapping.State;
import org.tensornet4j.openmm.mapping.VerletIntegrator;

/**
 * Energy conservation (NVE, velocity Verlet) through the Java API, judged against the same integrator, time
 * step, start and length on a classical force field of the same molecule (alanine dipeptide, Amber14 in
 * vacuum, made by OpenMM's Python app). Verlet's energy error grows with dt² times the square of the
 * fastest vibration; both potentials hold the same C–H, N–H and C=O stretches, so at 0.5 fs the ML run's
 * total-energy fluctuation and drift must be of the classical run's order. The bound allows 5× the
 * classical value (the ML potential's float32 arithmetic adds noise, and its stretches may be stiffer)
 * plus 0.05 kJ/mol; a wrong force (not −dE/dx), a wrong unit conversion or lost momentum gives a drift
 * of kJ/mol within these 200 steps.
 */
class NveTest {
    static final Path ROOT = org.tensornet4j.Fixtures.root().getParent().getParent();
    static final Path PDB = ROOT.resolve("examples/molecules/alanine_dipeptide.pdb");
    static final int STEPS = 200;
    static final double DT = 0.0005;

    /** {fluctuation (standard deviation), drift (last minus first)} of the total energy, kJ/mol. */
    static double[] nve(OpenMMSystem system, Structure structure) throws IOException {
        try (Simulation simulation = new Simulation(system, new VerletIntegrator(DT), OpenMM.platform("Reference"),
                structure.positions(), null)) {
            simulation.minimize(1, 0);
            simulation.setVelocitiesToTemperature(300, 7);
            // the CMMotionRemover (both Systems have one) takes out the random velocities' drift of the centre
            // of mass at the first step: measure from there
            simulation.step(1);
            double[] total = new double[STEPS / 10 + 1];
            for (int i = 0; i < total.length; i++) {
                if (i > 0) simulation.step(10);
                try (State state = simulation.state(State.Energy)) {
                    total[i] = state.getPotentialEnergy() + state.getKineticEnergy();
                }
            }
            double mean = java.util.Arrays.stream(total).average().orElseThrow();
            double var = java.util.Arrays.stream(total).map(e -> (e - mean) * (e - mean)).sum() / total.length;
            return new double[] {Math.sqrt(var), Math.abs(total[total.length - 1] - total[0])};
        }
    }

    @Test
    void verletConservesTheMlEnergyAsWellAsAClassicalForceField(@TempDir Path tmp) throws Exception {
        Path xml = tmp.resolve("amber.xml");
        AmberSystems.write(PDB, xml);
        OpenMM.loadPlugins();
        Structure structure = Structure.read(PDB);
        double[] classical = nve(MlSystems.read(xml, structure), structure);
        MlPotential model = MlPotential.of(ROOT.resolve("examples/models/default.ckpt"), "eV");
        double[] ml = nve(MlSystems.whole(structure, model), structure);
        String numbers = String.format("total energy over %d steps of %.1f fs: classical fluctuation %.4f drift %.4f,"
                + " ML fluctuation %.4f drift %.4f (kJ/mol)", STEPS, DT * 1000, classical[0], classical[1], ml[0], ml[1]);
        System.out.println(numbers);
        assertTrue(ml[0] <= 5 * classical[0] + 0.05, numbers);
        assertTrue(ml[1] <= 5 * classical[1] + 0.05, numbers);
        assertTrue(Files.size(xml) > 0);
    }
}
