package org.tensornet4j.data;

import java.util.regex.Pattern;

/**
 * Plain decimal numbers as structure files write them ("-1.5", "2", "3.2e-4"). Stricter than
 * {@link Double#parseDouble}, which also takes "NaN", "Infinity", hexadecimal and a trailing
 * "d"/"f": none of those is a coordinate a user meant.
 */
public final class DecimalNumbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private DecimalNumbers() {
    }

    /** The value of {@code text} (already trimmed); NumberFormatException when it is not a plain decimal. */
    public static double parse(String text) {
        if (!DECIMAL.matcher(text).matches()) throw new NumberFormatException(text);
        return Double.parseDouble(text);
    }
}
