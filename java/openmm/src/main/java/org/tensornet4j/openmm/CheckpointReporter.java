package org.tensornet4j.openmm;

import java.io.IOException;
import java.nio.file.Path;
import org.tensornet4j.openmm.mapping.State;

/** Saves the run's checkpoint ({@link Simulation#saveCheckpoint}) into a folder every interval steps. */
public record CheckpointReporter(Path dir, int interval) implements Reporter {
    @Override
    public void report(Simulation simulation, State state) throws IOException {
        simulation.saveCheckpoint(dir);
    }
}
