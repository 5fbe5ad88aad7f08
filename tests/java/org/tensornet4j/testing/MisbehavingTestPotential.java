package org.tensornet4j.testing;

import java.util.Map;
import java.util.Set;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Device;
import org.tensornet4j.OptionalOutput;
import org.tensornet4j.Potential;
import org.tensornet4j.PotentialOutput;

/**
 * A potential that gets one thing wrong on purpose, chosen by the config's "misbehave": "nan_energy",
 * "nan_force" / "inf_force" (atom 1), "short_forces" (one row too few), "nan_virial" (a NaN virial entry),
 * "nan_atom_energy" (atom 2's energy) or "none" (E = 1, no forces, a zero virial, E on atom 0). The engine
 * tests use it to show that the bridge reports each as an error of the engine's own kind.
 */
public final class MisbehavingTestPotential implements Potential {
    private final String mode;

    private MisbehavingTestPotential(String mode) {
        this.mode = mode;
    }

    public static MisbehavingTestPotential fromConfig(Map<String, Object> config) {
        return new MisbehavingTestPotential(String.valueOf(config.getOrDefault("misbehave", "none")));
    }

    @Override
    public PotentialOutput compute(AtomicSystem system) {
        int rows = mode.equals("short_forces") ? system.atomCount() - 1 : system.atomCount();
        double[][] forces = new double[rows][3];
        if (mode.equals("nan_force")) forces[1][0] = Double.NaN;
        if (mode.equals("inf_force")) forces[1][2] = Double.POSITIVE_INFINITY;
        return new PotentialOutput(new double[] {mode.equals("nan_energy") ? Double.NaN : 1.0}, forces);
    }

    @Override
    public PotentialOutput compute(AtomicSystem system, Set<OptionalOutput> wanted) {
        PotentialOutput plain = compute(system);
        double[][] virial = new double[3][3];
        if (mode.equals("nan_virial")) virial[1][2] = Double.NaN;
        double[][] atomEnergies = new double[system.atomCount()][1];
        atomEnergies[0][0] = 1.0;
        if (mode.equals("nan_atom_energy")) atomEnergies[2][0] = Double.NaN;
        return new PotentialOutput(plain.energy(), plain.forces(), null, null,
                wanted.contains(OptionalOutput.ATOM_ENERGIES) ? Map.of(PotentialOutput.ATOM_ENERGIES, atomEnergies) : Map.of(),
                wanted.contains(OptionalOutput.VIRIAL) ? virial : null);
    }

    @Override
    public Device device() { return Device.CPU; }

    @Override
    public double cutoff() { return Double.POSITIVE_INFINITY; }

    @Override
    public void close() {}
}
