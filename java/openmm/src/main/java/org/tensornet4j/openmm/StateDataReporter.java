package org.tensornet4j.openmm;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.tensornet4j.openmm.mapping.State;

/**
 * State data as CSV with the columns and header of OpenMM 7.7's {@code StateDataReporter} (step, time,
 * potential, kinetic and total energy, temperature, box volume, density, speed), one flushed line per
 * report. Appending (a restart) keeps the rows up to the restart step and writes no second header.
 */
public final class StateDataReporter implements Reporter {
    public static final List<String> COLUMNS = List.of("Step", "Time (ps)", "Potential Energy (kJ/mole)",
            "Kinetic Energy (kJ/mole)", "Total Energy (kJ/mole)", "Temperature (K)", "Box Volume (nm^3)",
            "Density (g/mL)", "Speed (ns/day)");
    /** g/mL per (dalton / nm^3). */
    private static final double GRAMS_PER_ML = 1.66053906660e-3;

    private final int interval;
    private final BufferedWriter out;
    private long firstClock = -1;
    private double firstTime;

    /** A new file (replacing any) when append is false; else the rows of file up to step afterStep are kept. */
    public StateDataReporter(Path file, int interval, boolean append, long afterStep) throws IOException {
        this.interval = interval;
        if (append && Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank() || Long.parseLong(line.substring(0, line.indexOf(','))) <= afterStep) {
                    kept.add(line);
                }
            }
            Files.write(file, kept, StandardCharsets.UTF_8);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } else {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write("#\"" + String.join("\",\"", COLUMNS) + "\"\n");
            out.flush();
        }
    }

    @Override
    public int interval() {
        return interval;
    }

    @Override
    public void report(Simulation simulation, State state) throws IOException {
        long clock = System.nanoTime();
        String speed = "--";
        if (firstClock < 0) {
            firstClock = clock;
            firstTime = state.getTime();
        } else {
            double days = (clock - firstClock) / 8.64e13;
            speed = String.format("%.3g", (state.getTime() - firstTime) / 1000 / days);
        }
        double potential = state.getPotentialEnergy();
        double kinetic = state.getKineticEnergy();
        double volume = state.getPeriodicBoxVolume();
        out.write(state.getStepCount() + "," + state.getTime() + "," + potential + "," + kinetic + ","
                + (potential + kinetic) + "," + simulation.temperature(state) + "," + volume + ","
                + simulation.totalMass() / volume * GRAMS_PER_ML + "," + speed + "\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
