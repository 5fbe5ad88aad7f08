// Vacuum MD of caffeine on the shipped default model (eV), scripted in Java through OpenMM:
//   ./tn4j run examples/scripting/VacuumMd.java [STEPS] [OUT]
// Langevin dynamics at 300 K on the Reference platform, a CSV energy log, a DCD trajectory and a checkpoint
// in OUT (default md-vacuum). See docs/scripting.md.
import java.nio.file.Path;
import org.tensornet4j.openmm.*;
import org.tensornet4j.openmm.mapping.*;

public class VacuumMd {
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path out = Path.of(args.length > 1 ? args[1] : "md-vacuum");
        Structure caffeine = Structure.read(Path.of("examples/molecules/caffeine.pdb"));
        MlPotential model = MlPotential.of(Path.of("examples/models/default.ckpt"), "eV");

        OpenMM.loadPlugins();
        OpenMMSystem system = MlSystems.whole(caffeine, model);           // owned by the Simulation
        Integrator integrator = new LangevinMiddleIntegrator(300, 1, 0.0005);  // K, 1/ps, ps
        try (Simulation simulation = new Simulation(system, integrator, OpenMM.platform("Reference"),
                caffeine.positions(), caffeine.box())) {
            simulation.minimize(10, 0);
            simulation.setVelocitiesToTemperature(300, 42);
            java.nio.file.Files.createDirectories(out);
            simulation.addReporter(new StateDataReporter(out.resolve("state.csv"), 20, false, 0));
            simulation.addReporter(new DcdReporter(out.resolve("trajectory.dcd"), 20, caffeine.size(), false,
                    0.0005, false, 0));
            simulation.step(steps);
            simulation.saveCheckpoint(out);
            try (State state = simulation.state(State.Energy)) {
                System.out.printf("step %d: potential %.3f kJ/mol, temperature %.1f K; outputs in %s%n",
                        state.getStepCount(), state.getPotentialEnergy(), simulation.temperature(state), out);
            }
        }
    }
}
