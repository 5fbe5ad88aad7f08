// ML/MM from Java: alanine dipeptide (22 atoms) on the shipped model (eV), TIP3P water on Amber14 with PME,
// the classical System made by OpenMM's Python app (solvate.py), the mixed System by the plugin's
// createMixedSystem (openmm-ml's mechanical embedding):
//   ./tn4j run examples/scripting/MlmmSolvated.java [STEPS] [OUT]
// Langevin MD at 300 K (1 fs, CPU platform) after a short minimisation; state.csv and trajectory.dcd in OUT
// (default md-mlmm). The shipped model knows gas-phase molecules only: this shows the plumbing.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.tensornet4j.openmm.*;
import org.tensornet4j.openmm.mapping.*;

public class MlmmSolvated {
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path out = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "md-mlmm"));
        Path pdb = out.resolve("solvated.pdb"), xml = out.resolve("amber14-tip3p.xml");
        Process python = new ProcessBuilder("/usr/bin/python3", "examples/scripting/solvate.py", pdb.toString(),
                xml.toString()).inheritIO().start();
        if (python.waitFor() != 0) throw new IllegalStateException("solvate.py failed");

        Structure structure = Structure.read(pdb);
        int[] solute = IntStream.range(0, 22).toArray();  // the first residues: ACE ALA NME
        MlPotential model = MlPotential.of(Path.of("examples/models/default.ckpt"), "eV").withCharge(0);
        OpenMM.loadPlugins();
        OpenMMSystem system;
        try (OpenMMSystem classical = MlSystems.read(xml, structure)) {
            system = MlSystems.mixed(classical, structure, solute, model);
        }
        Integrator integrator = new LangevinMiddleIntegrator(300, 1, 0.001);
        try (Simulation simulation = new Simulation(system, integrator, OpenMM.platform("CPU"),
                structure.positions(), structure.box())) {
            simulation.minimize(10, 200);
            simulation.setVelocitiesToTemperature(300, 1);
            simulation.addReporter(new StateDataReporter(out.resolve("state.csv"), 10, false, 0));
            simulation.addReporter(new DcdReporter(out.resolve("trajectory.dcd"), 10, structure.size(), true,
                    0.001, false, 0));
            simulation.step(steps);
            try (State state = simulation.state(State.Energy)) {
                System.out.printf("%d atoms (%d on the ML potential), step %d: potential %.1f kJ/mol, %.1f K%n",
                        structure.size(), solute.length, state.getStepCount(), state.getPotentialEnergy(),
                        simulation.temperature(state));
            }
        }
    }
}
