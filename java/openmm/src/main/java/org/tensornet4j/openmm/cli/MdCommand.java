package org.tensornet4j.openmm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tensornet4j.cli.ModelOverridesOption;
import org.tensornet4j.openmm.AtomSelection;
import org.tensornet4j.openmm.MlPotential;
import org.tensornet4j.openmm.MlSystems;
import org.tensornet4j.openmm.OpenMM;
import org.tensornet4j.openmm.ProgressReporter;
import org.tensornet4j.openmm.RunFolder;
import org.tensornet4j.openmm.Simulation;
import org.tensornet4j.openmm.Structure;
import org.tensornet4j.openmm.mapping.Integrator;
import org.tensornet4j.openmm.mapping.LangevinMiddleIntegrator;
import org.tensornet4j.openmm.mapping.MonteCarloBarostat;
import org.tensornet4j.openmm.mapping.OpenMMSystem;
import org.tensornet4j.openmm.mapping.VerletIntegrator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tn4j md}: molecular dynamics on the ML potential (whole system or ML region) with OpenMM. */
@Command(name = "md", mixinStandardHelpOptions = true,
        description = {"Molecular dynamics with OpenMM driven from Java: the whole input on the ML potential"
            + " (vacuum, or the periodic box of CRYST1), or an ML region in a classical System (--system with"
            + " --ml-atoms). Writes state.csv, trajectory.dcd, trajectory.pdb, checkpoint.chk, state.xml,"
            + " system.xml, integrator.xml and energies.png into --out. See docs/scripting.md."},
        footer = {"", "Example:", "  ./tn4j md --model examples/models/default.ckpt --energy-unit eV \\",
            "      --input examples/molecules/caffeine.pdb --steps 200 --dt 0.5 \\",
            "      --temperature 300 --out md-caffeine"})
public final class MdCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "CKPT", description = "TorchMD-Net checkpoint (.ckpt)")
    Path model;

    @CommandLine.Mixin
    ModelOverridesOption overrides;

    @Option(names = "--energy-unit", required = true, paramLabel = "UNIT",
            description = "energy unit of the model: eV, kcal/mol, kJ/mol or hartree")
    String energyUnit;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "structure: .pdb (box from CRYST1), .xyz or .json")
    Path input;

    @Option(names = "--system", paramLabel = "XML",
            description = "a serialized OpenMM System of the same atoms (made by any tool); needs --ml-atoms")
    Path system;

    @Option(names = "--ml-atoms", paramLabel = "SELECTION",
            description = "atoms on the ML potential, the rest classical: 0-based indices and ranges"
                + " (0,5,7-21), resname:NAME, chain:ID, comma-separated (a PDB input for names and chains)")
    String mlAtoms;

    @Option(names = "--charge", defaultValue = "0", paramLabel = "Q",
            description = "total charge of the ML atoms, e (default: ${DEFAULT-VALUE})")
    double charge;

    @Option(names = "--steps", required = true, paramLabel = "N",
            description = "steps in total (with --resume: up to this step)")
    long steps;

    @Option(names = "--dt", required = true, paramLabel = "FS", description = "time step, fs")
    double dtFs;

    @Option(names = "--temperature", required = true, paramLabel = "K",
            description = "temperature of the thermostat and of the initial velocities, K")
    double temperature;

    @Option(names = "--friction", defaultValue = "1", paramLabel = "PS-1",
            description = "Langevin friction, 1/ps; 0 runs NVE (Verlet) (default: ${DEFAULT-VALUE})")
    double friction;

    @Option(names = "--pressure", paramLabel = "BAR",
            description = "Monte Carlo barostat at this pressure, bar (periodic systems)")
    Double pressure;

    @Option(names = "--platform", defaultValue = "CPU", paramLabel = "NAME",
            description = "OpenMM platform: Reference, CPU or OpenCL (default: ${DEFAULT-VALUE})")
    String platform;

    @Option(names = "--minimize", description = "minimise the energy before the first step")
    boolean minimize;

    @Option(names = "--report-interval", defaultValue = "100", paramLabel = "N",
            description = "steps between reports, frames and checkpoints (default: ${DEFAULT-VALUE})")
    int reportInterval;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "random seed of velocities and thermostat; 0 picks one (default: ${DEFAULT-VALUE})")
    int seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--resume", description = "continue the run in --out from its last checkpoint up to --steps,"
            + " appending to its outputs")
    boolean resume;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        try {
            return run();
        } catch (RuntimeException e) {
            // OpenMM's exceptions (OpenMMException: a setting the plugin refuses, a Java potential's error)
            // arrive from the mapping as plain RuntimeExceptions with OpenMM's message: a user error here
            if (e.getClass() == RuntimeException.class && e.getMessage() != null) {
                throw new IllegalStateException("OpenMM: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private int run() throws IOException {
        check();
        Structure structure = Structure.read(input);
        MlPotential potential = MlPotential.of(model, energyUnit).withOverrides(overrides.overrides()).withCharge(charge);
        OpenMM.loadPlugins();
        OpenMMSystem openmmSystem = buildSystem(structure, potential);
        double dtPs = dtFs / 1000;
        if (pressure != null) {
            if (!openmmSystem.usesPeriodicBoundaryConditions()) {
                openmmSystem.close();
                throw new IllegalArgumentException("--pressure needs a periodic system (a CRYST1 box or a periodic --system)");
            }
            OpenMM.addForce(openmmSystem, new MonteCarloBarostat(pressure, temperature));
        }
        Integrator integrator = friction == 0 ? new VerletIntegrator(dtPs)
                : new LangevinMiddleIntegrator(temperature, friction, dtPs);
        if (integrator instanceof LangevinMiddleIntegrator langevin) langevin.setRandomNumberSeed(seed);
        try (Simulation simulation = new Simulation(openmmSystem, integrator, OpenMM.platform(platform),
                structure.positions(), structure.box())) {
            simulation.setCheckInterval(reportInterval);
            simulation.setTemperatureLimit(Math.max(5 * temperature, 1000));
            RunFolder folder = new RunFolder(out);
            folder.open(simulation, resume);
            long start = resume ? simulation.currentStep() : 0;
            if (start >= steps) {
                System.err.println("tn4j md: " + out + " is at step " + start + ", not before --steps " + steps
                        + ": nothing to do");
                return 0;
            }
            if (!resume) {
                if (minimize) simulation.minimize(10, 0);
                simulation.setVelocitiesToTemperature(temperature, seed);
            }
            folder.addReporters(simulation, reportInterval, structure.atomicNumbers(), dtPs, resume, start);
            if (!noProgress) {
                simulation.addReporter(new ProgressReporter(Math.max(1, reportInterval / 10), start, steps, dtPs));
            }
            try {
                simulation.step(steps - start);
            } finally {
                folder.finish(simulation);
            }
            System.err.println("tn4j md: " + steps + " steps; outputs in " + out);
        }
        return 0;
    }

    private void check() {
        if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
        if (!(dtFs > 0)) throw new IllegalArgumentException("--dt must be positive (fs), got " + dtFs);
        if (!(temperature > 0)) throw new IllegalArgumentException("--temperature must be positive (K), got " + temperature);
        if (friction < 0) throw new IllegalArgumentException("--friction must be 0 (NVE) or positive, got " + friction);
        if (reportInterval < 1) throw new IllegalArgumentException("--report-interval must be at least 1, got " + reportInterval);
        if (system != null && mlAtoms == null) {
            throw new IllegalArgumentException("--system needs --ml-atoms: the atoms on the ML potential (without"
                    + " --system the whole input is on it)");
        }
        if (mlAtoms != null && system == null) {
            throw new IllegalArgumentException("--ml-atoms needs --system: the classical System of the other atoms");
        }
    }

    private OpenMMSystem buildSystem(Structure structure, MlPotential potential) throws IOException {
        if (system == null) return MlSystems.whole(structure, potential);
        try (OpenMMSystem classical = MlSystems.read(system, structure)) {
            int[] selected = AtomSelection.select(mlAtoms, input, structure.size());
            return MlSystems.mixed(classical, structure, selected, potential);
        }
    }

}
