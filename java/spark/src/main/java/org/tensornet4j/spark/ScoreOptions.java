package org.tensornet4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scoring job does, shipped to every task.
 *
 * @param models        the checkpoints (several: an ensemble, mean and spread)
 * @param overrides     hyper-parameter overrides (TorchMD-Net's load_model kwargs)
 * @param device        "cpu" (CUDA is not in this build)
 * @param forces        write the forces (3N per row) besides max_force
 * @param batchAtoms    atoms per batched evaluation; conformers are grouped up to this many atoms
 * @param failFast      a bad conformer fails the job instead of getting a status
 * @param relax         relax each conformer (FIRE) and write the relaxed positions and energy
 * @param relaxFmax     relaxation force tolerance (energy unit / Å)
 * @param relaxSteps    relaxation step limit
 */
public record ScoreOptions(List<ModelFile> models, Map<String, Object> overrides, String device, boolean forces,
        int batchAtoms, boolean failFast, boolean relax, double relaxFmax, int relaxSteps) implements Serializable {

    public static final int DEFAULT_BATCH_ATOMS = 2048;
    public static final double DEFAULT_RELAX_FMAX = 0.05;
    public static final int DEFAULT_RELAX_STEPS = 500;

    public ScoreOptions {
        if (models.isEmpty()) throw new IllegalArgumentException("give at least one model");
        if (batchAtoms < 1) throw new IllegalArgumentException("--batch-atoms must be >= 1, got " + batchAtoms);
        if (relaxFmax <= 0) throw new IllegalArgumentException("the relaxation force tolerance must be > 0, got " + relaxFmax);
        if (relaxSteps < 1) throw new IllegalArgumentException("the relaxation step limit must be >= 1, got " + relaxSteps);
        models = List.copyOf(models);
        overrides = new LinkedHashMap<>(overrides); // serializable, order kept
    }

    public boolean ensemble() { return models.size() > 1; }
}
