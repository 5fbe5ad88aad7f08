package org.tensornet4j.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Device;
import org.tensornet4j.OptionalOutput;
import org.tensornet4j.Potential;
import org.tensornet4j.PotentialOutput;

/**
 * A potential with a closed form, for the plugin tests of the general (class name + config) form:
 * E = k/2 * sum |r_i|^2 + charge, with k from the config's "global_parameters" (default 1). Its
 * energy therefore shows which global parameter values and charge reached Java.
 */
public final class HarmonicTestPotential implements Potential {
    private final double k;

    private HarmonicTestPotential(double k) {
        this.k = k;
    }

    public static HarmonicTestPotential fromConfig(Map<String, Object> config) {
        double k = 1.0;
        if (config.get("global_parameters") instanceof Map<?, ?> parameters && parameters.get("k") instanceof Number value) {
            k = value.doubleValue();
        }
        return new HarmonicTestPotential(k);
    }

    @Override
    public PotentialOutput compute(AtomicSystem system) {
        return compute(system, Set.of());
    }

    /**
     * Also the optional outputs, in closed form: atom i's energy is k/2 |r_i|^2 plus an equal share of the
     * charge term; the virial W_ab = -sum_i r_ia dE/dr_ib = -k sum_i r_ia r_ib (the strain derivative of a
     * one-body term: no pairs, no box dependence).
     */
    @Override
    public PotentialOutput compute(AtomicSystem system, Set<OptionalOutput> wanted) {
        double[][] r = system.positions();
        double[][] forces = new double[r.length][3];
        double[] atomEnergies = new double[r.length];
        double[][] virial = new double[3][3];
        double[] charges = system.charges();
        double chargeShare = charges == null ? 0 : charges[0] / r.length;
        double energy = 0;
        for (int i = 0; i < r.length; i++) {
            atomEnergies[i] = chargeShare;
            for (int c = 0; c < 3; c++) {
                atomEnergies[i] += 0.5 * k * r[i][c] * r[i][c];
                forces[i][c] = -k * r[i][c];
                for (int d = 0; d < 3; d++) virial[c][d] -= k * r[i][c] * r[i][d];
            }
            energy += atomEnergies[i];
        }
        Map<String, double[][]> perAtom = new HashMap<>();
        if (wanted.contains(OptionalOutput.ATOM_ENERGIES)) {
            double[][] rows = new double[r.length][];
            for (int i = 0; i < r.length; i++) rows[i] = new double[] {atomEnergies[i]};
            perAtom.put(PotentialOutput.ATOM_ENERGIES, rows);
        }
        return new PotentialOutput(new double[] {energy}, forces, null, null, perAtom,
                wanted.contains(OptionalOutput.VIRIAL) ? virial : null);
    }

    @Override
    public Device device() { return Device.CPU; }

    @Override
    public double cutoff() { return Double.POSITIVE_INFINITY; }

    @Override
    public void close() {}
}
