package org.tensornet4j.priors;

import org.tensornet4j.nn.ParameterStore;

/**
 * The constructor arguments of one prior, checked and typed (parsed from a checkpoint's
 * {@code prior_model}/{@code prior_args} by {@link Priors#parse}).
 */
public sealed interface PriorSettings permits Atomref.Settings, ZBL.Settings, D2.Settings, Coulomb.Settings {
    /** TorchMD-Net's class name. */
    String name();

    /**
     * Builds the prior, reading its buffers from {@code p} under {@code prefix} (e.g. {@code prior_model.0}).
     * Missing or mis-shaped buffers are reported by the store.
     */
    Prior build(ParameterStore p, String prefix);
}
