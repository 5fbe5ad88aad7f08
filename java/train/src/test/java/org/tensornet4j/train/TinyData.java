package org.tensornet4j.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Fixtures;
import org.tensornet4j.PotentialOutput;
import org.tensornet4j.TensorNetPotential;
import org.tensornet4j.data.Molecule;

/**
 * Small labelled datasets for tests: random H/C/N/O clusters of a few atoms, labelled with the
 * energies and forces of a fixture checkpoint (a smooth, learnable target).
 */
final class TinyData {
    private static final long[] TYPES = {1, 6, 7, 8};

    private TinyData() {}

    /** {@code count} molecules of 3..6 atoms; the same seed gives the same molecules. */
    static List<Molecule> molecules(int count, long seed) {
        Random r = new Random(seed);
        List<Molecule> out = new ArrayList<>();
        try (TensorNetPotential teacher = TensorNetPotential.load(Fixtures.checkpoint("tn-small"))) {
            for (int i = 0; i < count; i++) {
                int n = 3 + r.nextInt(4);
                long[] z = new long[n];
                double[][] pos = new double[n][];
                for (int a = 0; a < n; a++) {
                    z[a] = TYPES[r.nextInt(TYPES.length)];
                    pos[a] = place(r, pos, a);
                }
                PotentialOutput o = teacher.compute(AtomicSystem.of(z, pos));
                double[] flat = new double[3 * n];
                double[] forces = new double[3 * n];
                for (int a = 0; a < n; a++) {
                    for (int k = 0; k < 3; k++) {
                        flat[3 * a + k] = pos[a][k];
                        forces[3 * a + k] = o.forces()[a][k];
                    }
                }
                out.add(Molecule.of("tiny " + i, z, flat, o.energy()[0], forces, 0));
            }
        }
        return out;
    }

    /** A position at least 0.9 A from the atoms placed so far, within 3 A of the origin. */
    private static double[] place(Random r, double[][] placed, int count) {
        while (true) {
            double[] p = {3 * r.nextDouble() - 1.5, 3 * r.nextDouble() - 1.5, 3 * r.nextDouble() - 1.5};
            boolean ok = true;
            for (int b = 0; b < count; b++) {
                double dx = p[0] - placed[b][0];
                double dy = p[1] - placed[b][1];
                double dz = p[2] - placed[b][2];
                ok &= dx * dx + dy * dy + dz * dz > 0.81;
            }
            if (ok) return p;
        }
    }

    /** A small model config (TorchMD-Net keys) training on {@code dataset} into {@code logDir}. */
    static Map<String, Object> config(Path dataset, Path logDir, int epochs) {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("dataset_root", dataset.toString());
        c.put("log_dir", logDir.toString());
        c.put("embedding_dimension", 16);
        c.put("num_layers", 1);
        c.put("num_rbf", 8);
        c.put("cutoff_upper", 4.0);
        c.put("max_z", 10);
        c.put("batch_size", 4);
        c.put("lr", 3e-3);
        c.put("num_epochs", epochs);
        c.put("train_size", 0.75);
        c.put("val_size", 0.125);
        c.put("test_size", 0.125);
        c.put("neg_dy_weight", 1.0);
        c.put("y_weight", 0.1);
        c.put("prior_model", "Atomref");
        c.put("standardize", true);
        c.put("progress_bar", false);
        return c;
    }
}
