package org.tensornet4j.openmm;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tensornet4j.openmm.mapping.State;

/** A progress bar on stderr: steps done of the run's total, speed in ns/day and the time left. */
public final class ProgressReporter implements Reporter {
    private final int interval;
    private final ProgressBar bar;
    private final double dtPs;
    private long firstClock = -1;
    private long firstStep;

    public ProgressReporter(int interval, long startStep, long totalSteps, double dtPs) {
        this.interval = interval;
        this.dtPs = dtPs;
        this.bar = new ProgressBarBuilder().setTaskName("md").setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" steps", 1).showSpeed().build();
        bar.stepTo(startStep);
    }

    @Override
    public int interval() {
        return interval;
    }

    @Override
    public boolean needsEnergy() {
        return false;
    }

    @Override
    public void report(Simulation simulation, State state) {
        long step = state.getStepCount();
        long clock = System.nanoTime();
        if (firstClock < 0) {
            firstClock = clock;
            firstStep = step;
        } else if (step > firstStep) {
            double nsPerDay = (step - firstStep) * dtPs / 1000 / ((clock - firstClock) / 8.64e13);
            bar.setExtraMessage(String.format("%.3g ns/day", nsPerDay));
        }
        bar.stepTo(step);
    }

    @Override
    public void close() {
        bar.close();
    }
}
