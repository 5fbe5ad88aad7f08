package org.tensornet4j.openmm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.tensornet4j.openmm.mapping.Context;
import org.tensornet4j.openmm.mapping.Integrator;
import org.tensornet4j.openmm.mapping.LocalEnergyMinimizer;
import org.tensornet4j.openmm.mapping.OpenMMSystem;
import org.tensornet4j.openmm.mapping.Platform;
import org.tensornet4j.openmm.mapping.State;

/**
 * A System, an Integrator and the Context that runs them, with reporters, in the spirit of OpenMM's
 * {@code app.Simulation}. The Simulation owns the System and the Integrator it is given and frees them,
 * after the Context, in {@link #close()}.
 *
 * <p>Every {@link #step} checks the state at each step where a reporter reads energies, and at least
 * every {@link #setCheckInterval check interval} steps (energies cost one force evaluation): a NaN or infinite energy, or a temperature above {@link #temperatureLimit}, stops the run with a
 * {@link SimulationFailure} naming the step and the cause; the reporters keep what they wrote.
 */
public final class Simulation implements AutoCloseable {
    /** Molar gas constant, kJ/(mol K): OpenMM's MOLAR_GAS_CONSTANT_R / 1000. */
    public static final double GAS_CONSTANT = 8.31446261815324e-3;

    private final OpenMMSystem system;
    private final Integrator integrator;
    private final Context context;
    private final List<Reporter> reporters = new ArrayList<>();
    private final int degreesOfFreedom;
    private final double totalMass;
    private int checkInterval = 100;
    private double temperatureLimit = Double.POSITIVE_INFINITY;

    /** Takes over system and integrator; positions (nm) as x0 y0 z0 x1 ...; box (9 doubles, nm) or null. */
    public Simulation(OpenMMSystem system, Integrator integrator, Platform platform, double[] positions, double[] box) {
        this.system = system;
        this.integrator = integrator;
        int n = system.getNumParticles();
        if (positions.length != 3 * n) {
            throw new IllegalArgumentException("the System has " + n + " particles but " + positions.length / 3
                    + " positions were given: the structure and the System do not match");
        }
        if (box != null) OpenMM.setDefaultBox(system, box);
        this.context = new Context(system, integrator, platform);
        OpenMM.setPositions(context, positions);
        if (box != null) OpenMM.setBox(context, box);
        this.degreesOfFreedom = degreesOfFreedom(system);
        double mass = 0;
        for (int i = 0; i < n; i++) mass += system.getParticleMass(i);
        this.totalMass = mass;
    }

    /** As OpenMM's StateDataReporter counts them: 3 per massive particle, minus constraints and CM motion. */
    private static int degreesOfFreedom(OpenMMSystem system) {
        int dof = 0;
        for (int i = 0; i < system.getNumParticles(); i++) if (system.getParticleMass(i) > 0) dof += 3;
        for (int i = 0; i < system.getNumConstraints(); i++) {
            int[] p1 = new int[1], p2 = new int[1];
            double[] d = new double[1];
            system.getConstraintParameters(i, p1, p2, d);
            if (system.getParticleMass(p1[0]) > 0 || system.getParticleMass(p2[0]) > 0) dof -= 1;
        }
        if (org.tensornet4j.openmm.mapping.global.OpenMM.hasCMMotionRemover(system)) dof -= 3;
        return dof;
    }

    public OpenMMSystem system() {
        return system;
    }

    public Integrator integrator() {
        return integrator;
    }

    public Context context() {
        return context;
    }

    public int degreesOfFreedom() {
        return degreesOfFreedom;
    }

    /** Total mass, daltons. */
    public double totalMass() {
        return totalMass;
    }

    public void setCheckInterval(int steps) {
        if (steps < 1) throw new IllegalArgumentException("check interval must be at least 1 step, got " + steps);
        checkInterval = steps;
    }

    /** A temperature (K) above which the run is taken to have blown up. */
    public void setTemperatureLimit(double kelvin) {
        temperatureLimit = kelvin;
    }

    public void addReporter(Reporter reporter) {
        reporters.add(reporter);
    }

    public long currentStep() {
        try (State state = context.getState(0)) {
            return state.getStepCount();
        }
    }

    /** A snapshot; the caller owns (closes) it. */
    public State state(int types) {
        return context.getState(types);
    }

    /** The instantaneous temperature (K) of a State holding energies. */
    public double temperature(State state) {
        return 2 * state.getKineticEnergy() / (degreesOfFreedom * GAS_CONSTANT);
    }

    /** Random velocities for a temperature (K), reproducible for a seed. */
    public void setVelocitiesToTemperature(double kelvin, int seed) {
        context.setVelocitiesToTemperature(kelvin, seed);
    }

    /** OpenMM's LocalEnergyMinimizer: tolerance in kJ/mol/nm, maxIterations 0 for no limit. */
    public void minimize(double tolerance, int maxIterations) {
        LocalEnergyMinimizer.minimize(context, tolerance, maxIterations);
        check(currentStep());
    }

    /** Runs steps, calling the reporters at their intervals (counted from step 0 of the run, not of this call). */
    public void step(long steps) throws IOException {
        long step = currentStep();
        long end = step + steps;
        while (step < end) {
            long next = Math.min(end, nextMultiple(step, checkInterval));
            for (Reporter r : reporters) next = Math.min(next, nextMultiple(step, r.interval()));
            integrator.step(Math.toIntExact(next - step));
            step = next;
            report(step);
        }
    }

    private static long nextMultiple(long step, long interval) {
        return (step / interval + 1) * interval;
    }

    private void report(long step) throws IOException {
        List<Reporter> due = new ArrayList<>();
        boolean positions = false;
        boolean energy = step % checkInterval == 0;
        for (Reporter r : reporters) {
            if (step % r.interval() == 0) {
                due.add(r);
                positions |= r.needsPositions();
                energy |= r.needsEnergy();
            }
        }
        int types = (energy ? State.Energy : 0) | (positions ? State.Positions : 0);
        try (State state = context.getState(types)) {
            if (energy) check(step, state);
            for (Reporter r : due) r.report(this, state);
        }
    }

    private void check(long step) {
        try (State state = context.getState(State.Energy)) {
            check(step, state);
        }
    }

    private void check(long step, State state) {
        double potential = state.getPotentialEnergy();
        if (!Double.isFinite(potential)) {
            throw new SimulationFailure(step, "the potential energy is " + potential
                    + " (a NaN or infinite force: atoms too close, a time step too long, or a model outside its data)");
        }
        double temperature = temperature(state);
        if (!Double.isFinite(temperature) || temperature > temperatureLimit) {
            throw new SimulationFailure(step, String.format("the temperature is %.4g K, above the limit of %.4g K"
                    + " (the run blew up: try a shorter time step, minimise first, or more friction)", temperature,
                    temperatureLimit));
        }
    }

    /**
     * Writes the Context checkpoint (checkpoint.chk: exact restart on the same platform, RNG included)
     * and the State as XML (state.xml: portable) into dir, each replaced whole so that a kill while
     * writing leaves the previous one.
     */
    public void saveCheckpoint(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path chk = dir.resolve("checkpoint.chk");
        Path tmp = dir.resolve("checkpoint.chk.tmp");
        org.tensornet4j.openmm.mapping.global.OpenMM.saveCheckpoint(context, tmp.toString());
        Files.move(tmp, chk, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        String xml;
        // No State.Energy: it would cost one more force evaluation per checkpoint, and a restart needs none.
        try (State state = context.getState(State.Positions | State.Velocities | State.Parameters)) {
            xml = org.tensornet4j.openmm.mapping.global.OpenMM.serializeState(state);
        }
        Path stateTmp = dir.resolve("state.xml.tmp");
        Files.writeString(stateTmp, xml);
        Files.move(stateTmp, dir.resolve("state.xml"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Continues from dir's checkpoint.chk (same System, same platform). */
    public void loadCheckpoint(Path dir) throws IOException {
        Path chk = dir.resolve("checkpoint.chk");
        if (!Files.isRegularFile(chk)) throw new java.nio.file.NoSuchFileException(chk.toString());
        try {
            org.tensornet4j.openmm.mapping.global.OpenMM.loadCheckpoint(context, chk.toString());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot restart from " + chk + ": " + e.getMessage()
                    + " (a checkpoint loads only into the same System on the same platform)", e);
        }
    }

    /** Closes the reporters, then the Context, the Integrator and the System. */
    @Override
    public void close() {
        IOException first = null;
        for (Reporter r : reporters) {
            try {
                r.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        context.close();
        integrator.close();
        system.close();
        if (first != null) throw new UncheckedIOException(first);
    }
}
