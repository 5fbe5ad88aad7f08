package org.tensornet4j.cli.bench;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Times repeated calls: some warm-up calls (untimed; the first calls allocate and tune), then up
 * to {@code repeats} timed calls. A time budget per system keeps large systems from running for
 * hours: once the timed calls together exceed it, the loop stops, but only after at least three
 * calls (a median of fewer means little) unless a single call already exceeded the budget.
 * Warm-up stops early under the same budget, after at least one call.
 */
public final class TimingLoop {
    static final int MIN_REPEATS = 3;

    private final int warmup;
    private final int repeats;
    private final double maxSeconds;
    private final LongSupplier nanoClock;

    public TimingLoop(int warmup, int repeats, double maxSeconds) {
        this(warmup, repeats, maxSeconds, System::nanoTime);
    }

    /** With a given clock, so that tests can run the stopping rules without waiting. */
    TimingLoop(int warmup, int repeats, double maxSeconds, LongSupplier nanoClock) {
        if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        if (!(maxSeconds > 0)) throw new IllegalArgumentException("--max-seconds must be > 0, got " + maxSeconds);
        this.warmup = warmup;
        this.repeats = repeats;
        this.maxSeconds = maxSeconds;
        this.nanoClock = nanoClock;
    }

    public Timing run(Runnable call) {
        long budget = (long) (maxSeconds * 1e9);
        long warmupStart = nanoClock.getAsLong();
        for (int i = 0; i < warmup && nanoClock.getAsLong() - warmupStart <= budget; i++) call.run();

        double[] millis = new double[repeats];
        long spent = 0;
        int n = 0;
        String note = null;
        while (n < repeats) {
            long start = nanoClock.getAsLong();
            call.run();
            long took = nanoClock.getAsLong() - start;
            millis[n++] = took / 1e6;
            spent += took;
            if (n == 1 && took > budget && n < repeats) {
                note = String.format("one call took %.1f s, more than --max-seconds %s: timed once", took / 1e9, seconds());
                break;
            }
            if (spent > budget && n >= MIN_REPEATS && n < repeats) {
                note = String.format("stopped after %d of %d repeats: --max-seconds %s reached", n, repeats, seconds());
                break;
            }
        }
        return new Timing(Arrays.copyOf(millis, n), note);
    }

    private String seconds() {
        return maxSeconds == Math.rint(maxSeconds) ? String.valueOf((long) maxSeconds) : String.valueOf(maxSeconds);
    }
}
