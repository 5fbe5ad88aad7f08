package org.tensornet4j.openmm;

/** A run stopped because its state became unphysical (NaN energy, temperature blow-up): names step and cause. */
public final class SimulationFailure extends IllegalStateException {
    private final long step;

    public SimulationFailure(long step, String cause) {
        super("the simulation stopped at step " + step + ": " + cause);
        this.step = step;
    }

    public long step() {
        return step;
    }
}
