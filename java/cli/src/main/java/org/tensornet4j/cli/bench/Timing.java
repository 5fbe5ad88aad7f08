package org.tensornet4j.cli.bench;

import java.util.Arrays;

/**
 * Wall-clock times of the timed calls of one system, in milliseconds, and why the loop stopped
 * early when it did (null when it ran all repeats).
 */
public record Timing(double[] millis, String note) {

    public Timing {
        if (millis.length == 0) throw new IllegalArgumentException("a timing needs at least one call");
        millis = millis.clone();
    }

    public int repeats() {
        return millis.length;
    }

    public double median() {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double min() {
        return Arrays.stream(millis).min().orElseThrow();
    }

    public double max() {
        return Arrays.stream(millis).max().orElseThrow();
    }
}
