package org.tensornet4j.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.data.Datasets;
import org.tensornet4j.data.Molecule;
import org.tensornet4j.model.TorchMDNet;
import org.tensornet4j.torch.Torch;

/**
 * A training run as TorchMD-Net's {@code scripts/train.py} does it: seeded split, energy and force
 * loss, AdamW with warm-up and reduce-on-plateau, gradient clipping by norm, early stopping on the
 * validation loss. Writes into {@code log_dir}: {@code last.ckpt} and {@code resume.pt} after every
 * epoch (what {@code --resume} continues from), {@code best.ckpt} (lowest validation loss),
 * {@code epoch=<n>.ckpt} every {@code save_interval} epochs, {@code metrics.csv},
 * {@code learning-curve.png} and {@code splits.txt}. The test set is evaluated with the best weights
 * at the end.
 */
public final class Trainer {
    static final String LAST = "last.ckpt";
    static final String BEST = "best.ckpt";
    static final String RESUME = "resume.pt";
    static final String SPLITS = "splits.txt";
    static final String TEST_REPORT = "test.txt";

    /** What a run achieved: epochs run, best validation loss, test metrics (NaN when there is no test set). */
    public record Result(long epochs, double bestValLoss, double testEnergyMae, double testForceMae, Path logDir) {}

    private final TrainingConfig config;
    private final PrintWriter out;

    public Trainer(TrainingConfig config, PrintWriter out) {
        this.config = config;
        this.out = out;
    }

    /** A fresh run, or {@code resume} the one in log_dir; refuses a log_dir holding another run's outputs. */
    public Result run(boolean resume) {
        return run(resume, false);
    }

    /**
     * @param overwrite start afresh in a log_dir that holds another run's outputs, removing them first
     *                  (without it such a log_dir is refused, whether or not that run can be resumed)
     */
    public Result run(boolean resume, boolean overwrite) {
        Torch.init();
        if (config.has("num_threads")) {
            long threads = config.integer("num_threads", 0);
            if (threads < 1) throw new IllegalArgumentException("num_threads must be >= 1, got " + threads);
            // measured on a shared 2-core machine (load ~8): one thread made a training step 3-4x faster than two
            org.bytedeco.pytorch.global.torch.set_num_threads((int) threads);
        }
        for (String w : config.warnings()) out.println("warning: " + w);
        Path dir = config.logDir();
        RunOutputs.prepare(dir, resume, overwrite);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log_dir " + dir + ": " + e.getMessage(), e);
        }
        List<Molecule> data = Datasets.read(config.datasetPath());
        long seed = config.integer("seed", 1);
        // TorchMD-Net's defaults: train_size None (the rest), val_size 0.05, test_size 0.1; an explicit null means the rest
        Splits splits = Splits.of(data.size(), config.raw("train_size"), config.values().getOrDefault("val_size", 0.05),
                config.values().getOrDefault("test_size", 0.1), seed);
        writeSplits(dir, splits);
        List<Molecule> train = pick(data, splits.train());
        List<Molecule> val = pick(data, splits.val());
        List<Molecule> test = pick(data, splits.test());
        out.printf(Locale.ROOT, "dataset %s: %d molecules (train %d, val %d, test %d)%n", config.datasetPath(), data.size(),
                train.size(), val.size(), test.size());

        Loss loss = new Loss(config.real("y_weight", 1.0), config.real("neg_dy_weight", 1.0));
        requireLabels(train, loss);
        Map<String, Object> hp;
        TorchMDNet model;
        if (resume) {
            Checkpoint last = Checkpoint.read(dir.resolve(LAST));
            hp = new LinkedHashMap<>(last.hyperParameters());
            model = ModelSetup.load(dir.resolve(LAST));
        } else if (config.has("load_model")) {
            Path from = Path.of(config.string("load_model", null));
            Checkpoint start = Checkpoint.read(from);
            Map<String, Object> architecture = new LinkedHashMap<>(start.hyperParameters());
            for (String k : ModelSetup.modelKeys()) {
                if (config.has(k) && !java.util.Objects.equals(String.valueOf(config.raw(k)), String.valueOf(architecture.get(k)))) {
                    out.println("warning: load_model: '" + k + "' comes from " + from + " (" + architecture.get(k) + "), the config's "
                            + config.raw(k) + " is ignored");
                }
            }
            hp = ModelSetup.hyperParameters(config, Map.of());
            for (String k : ModelSetup.modelKeys()) if (architecture.containsKey(k)) hp.put(k, architecture.get(k));
            model = ModelSetup.load(from);
        } else {
            hp = ModelSetup.hyperParameters(config, ModelSetup.MODEL_DEFAULTS);
            boolean atomref = ModelSetup.wantsAtomref(hp);
            Statistics stats = Statistics.of(train, Boolean.TRUE.equals(hp.get("standardize")), atomref,
                    (int) (long) org.tensornet4j.nn.HyperParameters.asInteger(hp.get("max_z")));
            out.printf(Locale.ROOT, "standardisation: mean %.6g, std %.6g%s%n", stats.mean(), stats.std(),
                    atomref ? ", reference energies fitted per element" : "");
            model = ModelSetup.fresh(hp, stats, seed);
        }
        try (GracefulStop stop = new GracefulStop(out)) {
            try {
                return new TrainingRun(config, out, model, hp, loss, dir, resume, seed, stop).run(train, val, test);
            } finally {
                model.close();
            }
        }
    }

    /** Loss and errors of a model on molecules, in batches, without the graph for parameter gradients. */
    static Metrics evaluate(TorchMDNet model, List<Molecule> molecules, Loss loss, int batchSize) {
        requireBatchSize(batchSize, "batch size");
        Metrics m = new Metrics();
        for (int s = 0; s < molecules.size(); s += batchSize) {
            try (PointerScope scope = new PointerScope()) {
                Batch b = Batch.of(molecules.subList(s, Math.min(molecules.size(), s + batchSize)), model.config().dtype());
                Prediction p = Prediction.of(model, b, false);
                Tensor total = loss == null ? null : loss.total(loss.terms(p, b));
                m.add(p, b, total == null ? 0 : total.item_double());
            }
        }
        return m;
    }

    private static void requireLabels(List<Molecule> train, Loss loss) {
        for (Molecule m : train) {
            if (loss.yWeight() > 0 && !m.hasEnergy()) {
                throw new IllegalArgumentException(m.label() + " has no energy but y_weight is " + loss.yWeight() + "; set y_weight: 0 or add energies");
            }
            if (loss.negDyWeight() > 0 && !m.hasForces()) {
                throw new IllegalArgumentException(m.label() + " has no forces but neg_dy_weight is " + loss.negDyWeight()
                        + "; set neg_dy_weight: 0 or add forces");
            }
        }
    }

    private static List<Molecule> pick(List<Molecule> all, List<Integer> idx) {
        List<Molecule> out = new ArrayList<>(idx.size());
        for (int i : idx) out.add(all.get(i));
        return out;
    }

    private static void writeSplits(Path dir, Splits s) {
        writeString(dir.resolve(SPLITS), "train " + s.train() + "\nval " + s.val() + "\ntest " + s.test() + "\n");
    }

    static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A batch of no molecules has nothing to stack (LibTorch: "torch.cat(): expected a non-empty list"). */
    static void requireBatchSize(long batchSize, String what) {
        if (batchSize < 1) throw new IllegalArgumentException(what + " must be at least 1 (molecules per batch), got " + batchSize);
    }
}
