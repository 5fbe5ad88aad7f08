package org.tensornet4j.openmm;

import java.io.IOException;
import org.tensornet4j.openmm.mapping.State;

/**
 * Something a {@link Simulation} calls every {@link #interval()} steps with the current State (energies
 * when {@link #needsEnergy()}, positions when {@link #needsPositions()}). A reporter writes what it gets at once and flushes,
 * so that an interrupted run keeps everything reported so far.
 */
public interface Reporter extends AutoCloseable {
    int interval();

    default boolean needsPositions() {
        return false;
    }

    /**
     * Whether the State must hold energies. Energies cost a force evaluation (OpenMM computes them on
     * request), so a reporter that does not read them says so.
     */
    default boolean needsEnergy() {
        return true;
    }

    void report(Simulation simulation, State state) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
