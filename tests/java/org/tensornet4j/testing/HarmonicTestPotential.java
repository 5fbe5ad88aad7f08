package org.tensornet4j.testing;

import java.util.Map;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Device;
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
        double[][] r = system.positions();
        double[][] forces = new double[r.length][3];
        double energy = 0;
        for (int i = 0; i < r.length; i++) {
            for (int c = 0; c < 3; c++) {
                energy += 0.5 * k * r[i][c] * r[i][c];
                forces[i][c] = -k * r[i][c];
            }
        }
        double[] charges = system.charges();
        if (charges != null) energy += charges[0];
        return new PotentialOutput(new double[] {energy}, forces);
    }

    @Override
    public Device device() { return Device.CPU; }

    @Override
    public double cutoff() { return Double.POSITIVE_INFINITY; }

    @Override
    public void close() {}
}
