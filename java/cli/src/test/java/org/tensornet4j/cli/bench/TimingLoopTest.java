package org.tensornet4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stopping rules, on a fake clock that each call advances by a fixed time. */
class TimingLoopTest {

    /** A clock and a "computation" that takes {@code seconds} per call on it; counts calls. */
    static final class FakeWork {
        long now;
        int calls;
        final long perCall;

        FakeWork(double seconds) {
            perCall = (long) (seconds * 1e9);
        }

        void call() {
            now += perCall;
            calls++;
        }
    }

    @Test
    void fastCallsRunAllRepeats() {
        FakeWork w = new FakeWork(0.010);
        Timing t = new TimingLoop(3, 20, 120, () -> w.now).run(w::call);
        assertEquals(20, t.repeats());
        assertEquals(23, w.calls);
        assertEquals(10.0, t.median(), 1e-9);
        assertNull(t.note());
    }

    @Test
    void slowCallsStopAfterTheBudgetButNotBeforeThreeRepeats() {
        FakeWork w = new FakeWork(50);
        Timing t = new TimingLoop(3, 20, 120, () -> w.now).run(w::call);
        assertEquals(3, t.repeats(), "50 + 50 + 50 s > 120 s, and never fewer than 3");
        assertEquals(3 + 3, w.calls, "warm-up: 0, 50, 100 s spent before each call, all within 120 s");
        assertTrue(t.note().contains("stopped after 3 of 20"), t.note());
    }

    @Test
    void aSingleCallOverTheBudgetIsTimedOnce() {
        FakeWork w = new FakeWork(200);
        Timing t = new TimingLoop(3, 20, 120, () -> w.now).run(w::call);
        assertEquals(1, t.repeats());
        assertEquals(1 + 1, w.calls, "one warm-up call, then the budget is spent");
        assertEquals(200_000, t.min(), 1e-6);
        assertTrue(t.note().contains("timed once"), t.note());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        Timing t = new Timing(new double[] {4, 1, 3, 2}, null);
        assertEquals(2.5, t.median());
        assertEquals(1, t.min());
        assertEquals(4, t.max());
    }

    @Test
    void rejectsMeaninglessSettings() {
        assertThrows(IllegalArgumentException.class, () -> new TimingLoop(-1, 20, 120));
        assertThrows(IllegalArgumentException.class, () -> new TimingLoop(3, 0, 120));
        assertThrows(IllegalArgumentException.class, () -> new TimingLoop(3, 20, 0));
    }
}
