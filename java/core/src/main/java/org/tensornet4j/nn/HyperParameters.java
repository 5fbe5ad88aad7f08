package org.tensornet4j.nn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, error-reporting access to a checkpoint's {@code hyper_parameters} map. The static
 * {@code as...} conversions are shared with other readers of Python values (the priors' arguments):
 * they return null for a value of another type, and the caller words the error.
 */
public final class HyperParameters {
    private final Map<String, Object> map;
    /** Every key asked for, in order: the keys this model reads, which a load-time override may set. */
    private final Set<String> asked = new LinkedHashSet<>();

    public HyperParameters(Map<String, Object> map) {
        this.map = map;
    }

    /** The keys read so far (asked for, present or not). */
    public Set<String> keysRead() { return asked; }

    /**
     * Whether the stored map holds the key, without counting it as read: only {@code check_errors} is
     * tested this way, and TorchMD-Net looks for it in the file, never in the overrides.
     */
    public boolean has(String key) { return map.containsKey(key); }

    public Object raw(String key) { return get(key); }

    private Object get(String key) {
        asked.add(key);
        return map.get(key);
    }

    public String string(String key, String fallback) {
        Object v = get(key);
        if (v == null) return fallback;
        if (v instanceof String s) return s;
        throw wrongType(key, v, "a string");
    }

    public long integer(String key, Long fallback) {
        Object v = get(key);
        if (v == null) {
            if (fallback == null) throw missing(key);
            return fallback;
        }
        Long n = asInteger(v);
        if (n == null) throw wrongType(key, v, "an integer");
        return n;
    }

    public double real(String key, Double fallback) {
        Object v = get(key);
        if (v == null) {
            if (fallback == null) throw missing(key);
            return fallback;
        }
        if (v instanceof Number n) return n.doubleValue();
        throw wrongType(key, v, "a number");
    }

    public boolean bool(String key, boolean fallback) {
        Object v = get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        throw wrongType(key, v, "true or false");
    }

    /** A 3x3 matrix given as nested lists (rows), or null when absent. */
    public double[][] matrix3(String key) {
        Object v = get(key);
        if (v == null) return null;
        double[][] m = asMatrix3(v);
        if (m == null) throw wrongType(key, v, "a 3x3 matrix (list of 3 rows)");
        return m;
    }

    public IllegalArgumentException missing(String key) {
        return new IllegalArgumentException("hyper-parameter '" + key + "' is missing; add it to the hyper-parameters");
    }

    private IllegalArgumentException wrongType(String key, Object v, String expected) {
        return new IllegalArgumentException("hyper-parameter '" + key + "' is " + v + " but must be " + expected);
    }

    /** An integral number, or a string holding one; null otherwise. */
    public static Long asInteger(Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A number, or a string holding one (YAML reads 1e-10 as a string); null otherwise. */
    public static Double asReal(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Three rows of three numbers (nested lists); null otherwise. */
    public static double[][] asMatrix3(Object v) {
        if (!(v instanceof List<?> rows) || rows.size() != 3) return null;
        double[][] m = new double[3][3];
        for (int r = 0; r < 3; r++) {
            if (!(rows.get(r) instanceof List<?> row) || row.size() != 3) return null;
            for (int c = 0; c < 3; c++) {
                if (!(row.get(c) instanceof Number n)) return null;
                m[r][c] = n.doubleValue();
            }
        }
        return m;
    }
}
