package org.tensornet4j.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tensornet4j.JsonValues;
import org.tensornet4j.Potential;

/**
 * What native hosts call through JNI: create a Java potential for an engine context, and release it.
 * The registry keeps each instance strongly reachable until it is released, so the C++ pointer the
 * engine holds never dangles because the garbage collector ran.
 *
 * <p>Configuration (JSON object): {@code atomic_numbers} (required, one per particle), {@code charge}
 * (total charge, optional); every other key is for the potential class, which is created by its
 * static {@code fromConfig(Map)} or {@code fromConfig(String)}, or a public constructor taking a
 * {@code Map} or a {@code String}.
 */
public final class Bridge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Long, PotentialForce> LIVE = new ConcurrentHashMap<>();
    private static final String EXAMPLE = "{\"checkpoint\": \"model.ckpt\", \"atomic_numbers\": [8, 1, 1]}";

    private Bridge() {}

    /** @return the address of the C++ {@code tensornet4j::ForceComputation} */
    public static long create(String className, String config) {
        Map<String, Object> map = parse(config);
        long[] z = atomicNumbers(map.get("atomic_numbers"));
        Object q = map.get("charge");
        if (q != null && !(q instanceof Number)) {
            throw new IllegalArgumentException("\"charge\" (the total charge in elementary charges) must be a JSON number, got "
                    + JsonValues.describe(q) + (q instanceof String ? ": write the number without quotes" : ""));
        }
        Potential potential = instantiate(className, config, map);
        PotentialForce force = new PotentialForce(potential, z, q == null ? null : ((Number) q).doubleValue());
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

    static Map<String, Object> parse(String config) {
        if (config == null || config.isBlank()) {
            throw new IllegalArgumentException("the configuration is " + (config == null ? "null" : "empty")
                    + ": pass a JSON object such as " + EXAMPLE);
        }
        try {
            Object value = JSON.readValue(config, Object.class);
            if (value instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) m;
                return typed;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration is not valid JSON (" + e.getOriginalMessage() + "): " + config);
        }
        throw new IllegalArgumentException("configuration must be a JSON object such as " + EXAMPLE + ", got: " + config);
    }

    private static long[] atomicNumbers(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("configuration needs \"atomic_numbers\": a JSON list with one atomic number per particle"
                    + (value == null ? "" : ", got " + JsonValues.describe(value)));
        }
        long[] z = new long[list.size()];
        for (int i = 0; i < z.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("atomic_numbers[" + i + "] must be a JSON integer, got " + JsonValues.describe(list.get(i)));
            }
            z[i] = n.longValue();
        }
        return z;
    }

    private static Potential instantiate(String className, String config, Map<String, Object> map) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("potential class " + className + " not found on the class path");
        }
        if (!Potential.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement " + Potential.class.getName());
        }
        try {
            for (Object argument : new Object[] {map, config}) {
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
