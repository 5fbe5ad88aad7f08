package org.tensornet4j.openmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The outputs of a run in one folder, and its restart: {@code state.csv} (StateDataReporter columns),
 * {@code trajectory.dcd}, {@code trajectory.pdb} (multi-model), {@code checkpoint.chk} + {@code state.xml}
 * (written at every report), {@code system.xml} (the System, to recognise the run on restart) and
 * {@code integrator.xml} (its settings: time step, temperature, friction, seed) and {@code energies.png}
 * (at the end). Restarting continues from the checkpoint and appends to the files,
 * after dropping whatever was written past the checkpoint's step (a run killed between a report and its
 * checkpoint), so nothing is duplicated.
 */
public final class RunFolder {
    public static final String CSV = "state.csv";
    public static final String DCD = "trajectory.dcd";
    public static final String PDB = "trajectory.pdb";
    public static final String CHECKPOINT = "checkpoint.chk";
    public static final String SYSTEM = "system.xml";
    public static final String INTEGRATOR = "integrator.xml";
    public static final String PLOT = "energies.png";

    private final Path dir;

    public RunFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * A new run: creates the folder and writes the System; refuses a folder that holds a run already.
     * A restart: checks that the folder holds a run of the same System (system.xml equal).
     */
    public void open(Simulation simulation, boolean restart) throws IOException {
        String xml = org.tensornet4j.openmm.mapping.global.OpenMM.serializeSystem(simulation.system());
        String integratorXml = org.tensornet4j.openmm.mapping.global.OpenMM.serializeIntegrator(simulation.integrator());
        Path systemFile = dir.resolve(SYSTEM);
        Path integratorFile = dir.resolve(INTEGRATOR);
        if (restart) {
            if (!Files.isRegularFile(dir.resolve(CHECKPOINT)) || !Files.isRegularFile(systemFile)) {
                throw new IllegalArgumentException(dir + " holds no run to resume (no " + CHECKPOINT + " and "
                        + SYSTEM + "): leave out --resume to start one");
            }
            if (!Files.readString(systemFile).equals(xml)) {
                throw new IllegalArgumentException(dir + " holds a run of another system (its " + SYSTEM
                        + " differs from the one these options make): resume with the options of that run, or"
                        + " use another output folder");
            }
            if (Files.isRegularFile(integratorFile) && !Files.readString(integratorFile).equals(integratorXml)) {
                throw new IllegalArgumentException(dir + " holds a run with another integrator (its " + INTEGRATOR
                        + " differs: time step, temperature, friction or seed): resume with the options of that run");
            }
            simulation.loadCheckpoint(dir);
        } else {
            if (Files.exists(dir.resolve(CHECKPOINT))) {
                throw new IllegalArgumentException(dir + " holds a run already: continue it with --resume or"
                        + " choose another output folder");
            }
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) throw new java.nio.file.AccessDeniedException(dir.toString());
            Files.writeString(systemFile, xml);
            Files.writeString(integratorFile, integratorXml);
        }
    }

    /** The standard reporters, every interval steps; appending after afterStep on a restart. */
    public void addReporters(Simulation simulation, int interval, int[] atomicNumbers, double dtPs, boolean append,
                             long afterStep) throws IOException {
        boolean periodic = simulation.system().usesPeriodicBoundaryConditions();
        simulation.addReporter(new StateDataReporter(dir.resolve(CSV), interval, append, afterStep));
        simulation.addReporter(new DcdReporter(dir.resolve(DCD), interval, atomicNumbers.length, periodic, dtPs,
                append, afterStep));
        simulation.addReporter(new PdbReporter(dir.resolve(PDB), interval, atomicNumbers, append, afterStep));
        // last: a checkpoint's step is never behind the outputs above
        simulation.addReporter(new CheckpointReporter(dir, interval));
    }

    /** At the end of a run: the final checkpoint and the plot. */
    public void finish(Simulation simulation) throws IOException {
        simulation.saveCheckpoint(dir);
        EnergyPlot.write(dir.resolve(CSV), dir.resolve(PLOT));
    }
}
