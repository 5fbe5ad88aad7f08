package org.tensornet4j.bridge;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tensornet4j.Ensemble;
import org.tensornet4j.Potential;
import org.tensornet4j.TensorNetPotential;

/**
 * What native hosts call through JNI: create a Java potential for an engine context, and release it.
 * The registry keeps each instance strongly reachable until it is released, so the C++ pointer the
 * engine holds never dangles because the garbage collector ran.
 *
 * <p>Configuration (JSON object, read by {@link EngineConfig}): {@code atomic_numbers} (one per particle;
 * optional when the engine passes them per call), {@code charge} (total charge, optional),
 * {@code energy_unit} (overrides the model's, optional); {@link TensorNetPotential} and {@link Ensemble} are
 * loaded from their keys there; any other potential class is created by its static
 * {@code fromConfig(Map)} or {@code fromConfig(String)}, or a public constructor taking a {@code Map}
 * or a {@code String}, and reads its own keys.
 */
public final class Bridge {
    private static final Map<Long, PotentialForce> LIVE = new ConcurrentHashMap<>();

    private Bridge() {}

    /** @return the address of the C++ {@code tensornet4j::ForceComputation} */
    public static long create(String className, String config) {
        EngineConfig parsed = EngineConfig.parse(config);
        long[] z = parsed.atomicNumbers();
        Double charge = parsed.charge();
        String energyUnit = parsed.energyUnit();
        Potential potential = instantiate(className, parsed);
        PotentialForce force;
        try {
            force = new PotentialForce(potential, z, charge, energyUnit);
        } catch (RuntimeException e) {
            potential.close();
            throw e;
        }
        LIVE.put(force.address(), force);
        return force.address();
    }

    /** Releases what {@link #create} made; unknown addresses are ignored (double release is harmless). */
    public static void release(long address) {
        PotentialForce force = LIVE.remove(address);
        if (force != null) force.close();
    }

    /**
     * {steps, nanoseconds spent inside the Java potential} of a live instance (zeros when unknown):
     * what a benchmark subtracts from the engine's step time to get the bridge and engine overhead.
     */
    public static long[] timing(long address) {
        PotentialForce force = LIVE.get(address);
        return force == null ? new long[2] : force.timing();
    }

    /** {cutoff, receptive field} in Å of a live instance (tn4j_cutoff, tn4j_receptive_field). */
    public static double[] lengths(long address) {
        return find(address).lengths();
    }

    /** The energy unit of a live instance: the configuration's "energy_unit", else the model's, else "". */
    public static String energyUnit(long address) {
        return find(address).energyUnit();
    }

    private static PotentialForce find(long address) {
        PotentialForce force = LIVE.get(address);
        if (force == null) {
            throw new IllegalArgumentException("no live potential at this address: it was released, or not made by tn4j_create");
        }
        return force;
    }

    /** {steps, nanoseconds inside the Java potentials} summed over every live instance of this JVM. */
    public static long[] totalTiming() {
        long steps = 0, nanos = 0;
        for (PotentialForce force : LIVE.values()) {
            long[] t = force.timing();
            steps += t[0];
            nanos += t[1];
        }
        return new long[] {steps, nanos};
    }

    /** The live instance at {@code address}, or null (for tests). */
    static PotentialForce live(long address) { return LIVE.get(address); }

    /** Number of live instances (for tests and leak checks). */
    public static int liveCount() { return LIVE.size(); }

    private static Potential instantiate(String className, EngineConfig config) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("potential class " + className + " not found on the class path");
        }
        if (!Potential.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement " + Potential.class.getName());
        }
        // tensornet4j's own potentials: their keys are read with the engine's, in EngineConfig
        if (type == TensorNetPotential.class) return config.tensorNet();
        if (type == Ensemble.class) return config.ensemble();
        try {
            for (Object argument : new Object[] {config.map(), config.json()}) {
                Class<?> parameter = argument instanceof Map ? Map.class : String.class;
                try {
                    Method factory = type.getMethod("fromConfig", parameter);
                    if (Modifier.isStatic(factory.getModifiers())) return (Potential) factory.invoke(null, argument);
                } catch (NoSuchMethodException e) {
                    // try the next form
                }
                try {
                    return (Potential) type.getConstructor(parameter).newInstance(argument);
                } catch (NoSuchMethodException e) {
                    // try the next form
                }
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            throw new IllegalStateException(className + " could not be created: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " could not be created: " + e, e);
        }
        throw new IllegalArgumentException(className + " has no public static fromConfig(Map) / fromConfig(String)"
                + " or public constructor taking a Map or a String");
    }
}
