package org.tensornet4j;

import java.util.List;
import java.util.Map;

/**
 * How a value read from JSON or YAML is named in an error message: with its type, so that a number
 * written as a string ({@code "0.47"}) is not reported as "must be a number, got 0.47", which
 * reads like a contradiction.
 */
public final class JsonValues {
    private JsonValues() {}

    /** E.g. {@code the string "0.47"}, {@code the number 1.5}, {@code true (a boolean)}, {@code a list of 3}, {@code null}. */
    public static String describe(Object value) {
        if (value == null) return "null";
        if (value instanceof CharSequence s) return "the string \"" + s + "\"";
        if (value instanceof Boolean b) return b + " (a boolean)";
        if (value instanceof Number n) return "the number " + n;
        if (value instanceof List<?> l) return "a list of " + l.size();
        if (value instanceof Map<?, ?>) return "an object";
        return value.getClass().getSimpleName() + " " + value;
    }
}
