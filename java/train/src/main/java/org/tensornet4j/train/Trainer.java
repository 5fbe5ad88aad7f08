package org.tensornet4j.train;

import static org.tensornet4j.torch.Ops.scalar;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.checkpoint.TorchCheckpointWriter;
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
                return loop(model, hp, loss, train, val, test, dir, resume, seed, stop);
            } finally {
                model.close();
            }
        }
    }

    private Result loop(TorchMDNet model, Map<String, Object> hp, Loss loss, List<Molecule> train, List<Molecule> val,
                        List<Molecule> test, Path dir, boolean resume, long seed, GracefulStop stop) {
        Map<String, Tensor> params = ModelSetup.trainable(model);
        for (Tensor p : params.values()) p.requires_grad_(true);
        String optimizer = config.string("optimizer", "adamw").toLowerCase(Locale.ROOT);
        if (!optimizer.equals("adam") && !optimizer.equals("adamw")) {
            throw new IllegalArgumentException("optimizer '" + optimizer + "' is not supported; choose adamw (TorchMD-Net's) or adam");
        }
        AdamW adam = new AdamW(params, optimizer.equals("adamw"), config.real("weight_decay", 0.0));
        LearningRate lr = new LearningRate(config.real("lr", 1e-4), config.integer("lr_warmup_steps", 0),
                config.real("lr_factor", 0.8), config.integer("lr_patience", 10), config.real("lr_min", 1e-6));
        double emaDecay = config.real("ema_weights_decay", 0.0);
        WeightAverage average = emaDecay > 0 ? new WeightAverage(params, emaDecay) : null;
        TrainerState state = new TrainerState();
        if (resume) {
            Map<String, Tensor> saved = Checkpoint.read(dir.resolve(RESUME)).stateDict();
            state = TrainerState.restore(saved, adam, lr);
            if (average != null) {
                // last.ckpt holds the average; the raw weights training continues from are in the resume state
                average.restore(saved);
                average.swap();
            }
        }
        long epochs = config.integer("num_epochs", 300);
        long patience = config.integer("early_stopping_patience", 30);
        long saveInterval = config.integer("save_interval", 10);
        int batchSize = config.count("batch_size", 32);
        int evalBatch = config.count("inference_batch_size", batchSize);
        double clip = config.real("gradient_clipping", 0.0);
        double emaY = config.real("ema_alpha_y", 1.0);
        double emaDy = config.real("ema_alpha_neg_dy", 1.0);
        TrainingLog log = new TrainingLog(dir, resume ? state.epoch - 1 : -1);

        for (long epoch = state.epoch; epoch < epochs; epoch++) {
            long started = System.nanoTime();
            List<Molecule> order = new ArrayList<>(train);
            // a fresh Random per epoch: a resumed run draws the same order as an uninterrupted one
            Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
            Metrics trainMetrics = new Metrics();
            int steps = (order.size() + batchSize - 1) / batchSize;
            try (ProgressBar bar = progressBar("epoch " + epoch, steps)) {
                for (int s = 0; s < steps && !stop.requested(); s++) {
                    List<Molecule> chunk = order.subList(s * batchSize, Math.min(order.size(), (s + 1) * batchSize));
                    try (PointerScope scope = new PointerScope()) {
                        Batch b = Batch.of(chunk, model.config().dtype());
                        Prediction p = Prediction.of(model, b, true);
                        Loss.Terms t = loss.terms(p, b);
                        t = state.smooth(t, emaY, emaDy);
                        Tensor total = loss.total(t);
                        total.backward();
                        if (clip > 0) clipGradients(params, clip);
                        adam.update(lr.forStep(adam.step()));
                        if (average != null) average.update();
                        double value = total.item_double();
                        if (!Double.isFinite(value)) {
                            throw new IllegalStateException("the training loss became " + value + " at epoch " + epoch
                                    + "; lower lr or raise lr_warmup_steps, and check the dataset's units");
                        }
                        trainMetrics.add(p, b, value);
                        if (bar != null) {
                            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4g  E MAE %.4g  F MAE %.4g", trainMetrics.loss(),
                                    trainMetrics.energyMae(), trainMetrics.forceMae()));
                            bar.step();
                        }
                    }
                }
            }
            // an interrupted epoch is not saved: the checkpoints stay those of the last finished epoch
            if (stop.requested()) break;
            // validation and the checkpoints see the averaged weights; the raw ones come back after saving
            if (average != null) average.swap();
            Metrics valMetrics = evaluate(model, val, loss, evalBatch);
            double valLoss = val.isEmpty() ? trainMetrics.loss() : valMetrics.loss();
            lr.epochEnd(valLoss);
            boolean improved = valLoss < state.bestVal;
            if (improved) {
                state.bestVal = valLoss;
                state.badEpochs = 0;
            } else {
                state.badEpochs++;
            }
            state.epoch = epoch + 1;
            double seconds = (System.nanoTime() - started) / 1e9;
            log.add(new TrainingLog.Row(epoch, adam.step(), lr.forStep(adam.step()), trainMetrics.loss(), trainMetrics.energyMae(),
                    trainMetrics.forceMae(), valMetrics.loss(), valMetrics.energyMae(), valMetrics.forceMae(), seconds));
            out.printf(Locale.ROOT, "epoch %d: train loss %.5g (E MAE %.4g, F MAE %.4g), val loss %.5g (E MAE %.4g, F MAE %.4g), lr %.3g, %.1f s%n",
                    epoch, trainMetrics.loss(), trainMetrics.energyMae(), trainMetrics.forceMae(), valMetrics.loss(),
                    valMetrics.energyMae(), valMetrics.forceMae(), lr.forStep(adam.step()), seconds);
            out.flush();
            Map<String, Tensor> weights = model.stateDict();
            if (improved) TorchCheckpointWriter.writeLightning(dir.resolve(BEST), weights, hp, epoch, adam.step());
            if (saveInterval > 0 && (epoch + 1) % saveInterval == 0) {
                TorchCheckpointWriter.writeLightning(dir.resolve("epoch=" + epoch + ".ckpt"), weights, hp, epoch, adam.step());
            }
            TorchCheckpointWriter.writeLightning(dir.resolve(LAST), weights, hp, epoch, adam.step());
            Map<String, Tensor> resumeState = state.save(adam, lr);
            if (average != null) resumeState.putAll(average.state());
            TorchCheckpointWriter.writeStateDict(dir.resolve(RESUME), resumeState);
            // written before swapping back: the resume state refers to the tensors the swap overwrites
            if (average != null) average.swap();
            if (patience > 0 && state.badEpochs >= patience) {
                out.println("early stopping: no improvement of the validation loss for " + patience + " epochs");
                break;
            }
        }
        double testE = Double.NaN;
        double testF = Double.NaN;
        if (!test.isEmpty() && Files.exists(dir.resolve(BEST)) && !stop.requested()) {
            try (TorchMDNet best = ModelSetup.load(dir.resolve(BEST))) {
                Metrics m = evaluate(best, test, loss, evalBatch);
                testE = m.energyMae();
                testF = m.forceMae();
                String report = String.format(Locale.ROOT, "test (%d molecules, best weights): energy MAE %.6g RMSE %.6g, force MAE %.6g RMSE %.6g%n",
                        test.size(), m.energyMae(), m.energyRmse(), m.forceMae(), m.forceRmse());
                out.print(report);
                writeString(dir.resolve(TEST_REPORT), report);
            }
        }
        out.flush();
        return new Result(state.epoch, state.bestVal, testE, testF, dir);
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

    /** Scales all gradients so that their joint L2 norm is at most {@code max} (Lightning's gradient_clip_val, norm algorithm). */
    private static void clipGradients(Map<String, Tensor> params, double max) {
        double sq = 0;
        for (Tensor p : params.values()) {
            Tensor g = p.grad();
            if (g != null && g.defined()) sq += g.square().sum().item_double();
        }
        double norm = Math.sqrt(sq);
        if (norm <= max) return;
        double factor = max / (norm + 1e-6);
        for (Tensor p : params.values()) {
            Tensor g = p.grad();
            if (g != null && g.defined()) g.mul_(scalar(factor));
        }
    }

    private ProgressBar progressBar(String task, int steps) {
        if (!config.bool("progress_bar", true)) return null;
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
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

    private static void writeString(Path file, String text) {
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
