package org.tensornet4j.openmm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensornet4j.openmm.mapping.Context;
import org.tensornet4j.openmm.mapping.Force;
import org.tensornet4j.openmm.mapping.IntVector;
import org.tensornet4j.openmm.mapping.OpenMMSystem;
import org.tensornet4j.openmm.mapping.Platform;
import org.tensornet4j.openmm.mapping.State;
import org.tensornet4j.openmm.mapping.StringVector;
import org.tensornet4j.openmm.presets.PluginLibrary;

/**
 * The thin, Java-shaped layer over the generated mapping: plugin loading, ownership transfer, and
 * positions, velocities, forces and boxes as bulk {@code double[]} arrays (x0, y0, z0, x1, ... in nm,
 * kJ/mol/nm and nm/ps; a box is the three vectors a, b, c as 9 doubles).
 */
public final class OpenMM {
    private static List<String> pluginFailures;

    private OpenMM() {
    }

    /**
     * Loads OpenMM's plugins (CPU, OpenCL, ...) from its default directory and the tensornet4j kernels
     * (Reference, CPU, OpenCL) from the plugin's build, once. Returns the load failures OpenMM reported
     * (an OpenCL platform without a driver fails to load, which is not an error here).
     */
    public static synchronized List<String> loadPlugins() {
        if (pluginFailures != null) return pluginFailures;
        Platform.loadPluginsFromDirectory(Platform.getDefaultPluginsDirectory());
        List<String> failures = new ArrayList<>(strings(Platform.getPluginLoadFailures()));
        PluginLibrary.loadGlobal();
        Path kernels = PluginLibrary.kernelDirectory();
        Platform.loadPluginsFromDirectory(kernels.toString());
        failures.addAll(strings(Platform.getPluginLoadFailures()));
        pluginFailures = List.copyOf(failures);
        return pluginFailures;
    }

    /** The names of the platforms available now (after {@link #loadPlugins}). */
    public static List<String> platformNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Platform.getNumPlatforms(); i++) names.add(Platform.getPlatform(i).getName());
        return names;
    }

    /** The platform of that name; an IllegalArgumentException listing the available ones otherwise. */
    public static Platform platform(String name) {
        loadPlugins();
        List<String> names = platformNames();
        if (!names.contains(name)) {
            throw new IllegalArgumentException("unknown OpenMM platform '" + name + "': available here: "
                    + String.join(", ", names));
        }
        return Platform.getPlatform(name);
    }

    /** system.addForce(force), after which the System owns the force: Java no longer frees it. */
    public static int addForce(OpenMMSystem system, Force force) {
        int index = system.addForce(force);
        force.deallocate(false);
        return index;
    }

    public static IntVector intVector(int[] values) {
        IntVector vector = new IntVector(values.length);
        for (int i = 0; i < values.length; i++) vector.put(i, values[i]);
        return vector;
    }

    public static double[] positions(State state) {
        double[] xyz = new double[Math.toIntExact(3 * state.getPositions().size())];
        org.tensornet4j.openmm.mapping.global.OpenMM.getPositions(state, xyz);
        return xyz;
    }

    public static double[] velocities(State state) {
        double[] xyz = new double[Math.toIntExact(3 * state.getVelocities().size())];
        org.tensornet4j.openmm.mapping.global.OpenMM.getVelocities(state, xyz);
        return xyz;
    }

    public static double[] forces(State state) {
        double[] xyz = new double[Math.toIntExact(3 * state.getForces().size())];
        org.tensornet4j.openmm.mapping.global.OpenMM.getForces(state, xyz);
        return xyz;
    }

    public static double[] box(State state) {
        double[] box = new double[9];
        org.tensornet4j.openmm.mapping.global.OpenMM.getBox(state, box);
        return box;
    }

    public static void setPositions(Context context, double[] xyz) {
        org.tensornet4j.openmm.mapping.global.OpenMM.setPositions(context, xyz, atoms(xyz));
    }

    public static void setVelocities(Context context, double[] xyz) {
        org.tensornet4j.openmm.mapping.global.OpenMM.setVelocities(context, xyz, atoms(xyz));
    }

    public static void setBox(Context context, double[] box) {
        org.tensornet4j.openmm.mapping.global.OpenMM.setBox(context, box);
    }

    public static void setDefaultBox(OpenMMSystem system, double[] box) {
        org.tensornet4j.openmm.mapping.global.OpenMM.setDefaultBox(system, box);
    }

    private static int atoms(double[] xyz) {
        if (xyz.length % 3 != 0) throw new IllegalArgumentException("a vector array holds 3 doubles per particle, got " + xyz.length);
        return xyz.length / 3;
    }

    private static List<String> strings(StringVector vector) {
        List<String> list = new ArrayList<>();
        for (long i = 0; i < vector.size(); i++) list.add(vector.get(i));
        return list;
    }
}
