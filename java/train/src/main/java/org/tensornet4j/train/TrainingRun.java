package org.tensornet4j.train;

import static org.tensornet4j.torch.Ops.scalar;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
import org.tensornet4j.data.Molecule;
import org.tensornet4j.model.TorchMDNet;

/**
 * The epochs of one {@link Trainer} run, step by step: the optimiser set up (or restored for
 * {@code --resume}), each epoch trained, validated and saved, early stopping, and the test set
 * evaluated with the best weights at the end. The model, its data and its log_dir are the Trainer's.
 */
final class TrainingRun {
    private final TrainingConfig config;
    private final PrintWriter out;
    private final TorchMDNet model;
    private final Map<String, Object> hp;
    private final Loss loss;
    private final Path dir;
    private final long seed;
    private final GracefulStop stop;

    private final Map<String, Tensor> params;
    private final AdamW adam;
    private final LearningRate lr;
    /** The exponential moving average of the weights ({@code ema_weights_decay}), or null. */
    private final WeightAverage average;
    private final TrainerState state;

    private final long epochs;
    private final long patience;
    private final long saveInterval;
    private final int batchSize;
    private final int evalBatch;
    private final double clip;
    private final double emaY;
    private final double emaDy;
    private final TrainingLog log;

    TrainingRun(TrainingConfig config, PrintWriter out, TorchMDNet model, Map<String, Object> hp, Loss loss, Path dir,
                boolean resume, long seed, GracefulStop stop) {
        this.config = config;
        this.out = out;
        this.model = model;
        this.hp = hp;
        this.loss = loss;
        this.dir = dir;
        this.seed = seed;
        this.stop = stop;
        this.params = ModelSetup.trainable(model);
        for (Tensor p : params.values()) p.requires_grad_(true);
        String optimizer = config.string("optimizer", "adamw").toLowerCase(Locale.ROOT);
        if (!optimizer.equals("adam") && !optimizer.equals("adamw")) {
            throw new IllegalArgumentException("optimizer '" + optimizer + "' is not supported; choose adamw (TorchMD-Net's) or adam");
        }
        this.adam = new AdamW(params, optimizer.equals("adamw"), config.real("weight_decay", 0.0));
        this.lr = new LearningRate(config.real("lr", 1e-4), config.integer("lr_warmup_steps", 0),
                config.real("lr_factor", 0.8), config.integer("lr_patience", 10), config.real("lr_min", 1e-6));
        double emaDecay = config.real("ema_weights_decay", 0.0);
        this.average = emaDecay > 0 ? new WeightAverage(params, emaDecay) : null;
        this.state = resume ? restore() : new TrainerState();
        this.epochs = config.integer("num_epochs", 300);
        this.patience = config.integer("early_stopping_patience", 30);
        this.saveInterval = config.integer("save_interval", 10);
        this.batchSize = config.count("batch_size", 32);
        this.evalBatch = config.count("inference_batch_size", batchSize);
        this.clip = config.real("gradient_clipping", 0.0);
        this.emaY = config.real("ema_alpha_y", 1.0);
        this.emaDy = config.real("ema_alpha_neg_dy", 1.0);
        this.log = new TrainingLog(dir, resume ? state.epoch - 1 : -1);
    }

    /** The optimiser, schedule and weight average as saved after the last finished epoch. */
    private TrainerState restore() {
        Map<String, Tensor> saved = Checkpoint.read(dir.resolve(Trainer.RESUME)).stateDict();
        TrainerState restored = TrainerState.restore(saved, adam, lr);
        if (average != null) {
            // last.ckpt holds the average; the raw weights training continues from are in the resume state
            average.restore(saved);
            average.swap();
        }
        return restored;
    }

    /** The remaining epochs, then the test set. */
    Trainer.Result run(List<Molecule> train, List<Molecule> val, List<Molecule> test) {
        for (long epoch = state.epoch; epoch < epochs; epoch++) {
            long started = System.nanoTime();
            Metrics trainMetrics = trainEpoch(epoch, train);
            // an interrupted epoch is not saved: the checkpoints stay those of the last finished epoch
            if (stop.requested()) break;
            if (!finishEpoch(epoch, trainMetrics, val, started)) break;
        }
        double[] testErrors = testWithBestWeights(test);
        out.flush();
        return new Trainer.Result(state.epoch, state.bestVal, testErrors[0], testErrors[1], dir);
    }

    /** One pass over the training set in a seeded order, batch by batch, until done or stopped. */
    private Metrics trainEpoch(long epoch, List<Molecule> train) {
        List<Molecule> order = new ArrayList<>(train);
        // a fresh Random per epoch: a resumed run draws the same order as an uninterrupted one
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        Metrics trainMetrics = new Metrics();
        int steps = (order.size() + batchSize - 1) / batchSize;
        try (ProgressBar bar = progressBar("epoch " + epoch, steps)) {
            for (int s = 0; s < steps && !stop.requested(); s++) {
                List<Molecule> chunk = order.subList(s * batchSize, Math.min(order.size(), (s + 1) * batchSize));
                trainStep(epoch, chunk, trainMetrics);
                if (bar != null) {
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4g  E MAE %.4g  F MAE %.4g", trainMetrics.loss(),
                            trainMetrics.energyMae(), trainMetrics.forceMae()));
                    bar.step();
                }
            }
        }
        return trainMetrics;
    }

    /** Loss, gradients and one optimiser step on one batch. */
    private void trainStep(long epoch, List<Molecule> chunk, Metrics trainMetrics) {
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
        }
    }

    /**
     * Validation, the learning-rate schedule, the log and the checkpoints of a finished epoch.
     *
     * @return whether training goes on (false: early stopping)
     */
    private boolean finishEpoch(long epoch, Metrics trainMetrics, List<Molecule> val, long started) {
        // validation and the checkpoints see the averaged weights; the raw ones come back after saving
        if (average != null) average.swap();
        Metrics valMetrics = Trainer.evaluate(model, val, loss, evalBatch);
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
        report(epoch, trainMetrics, valMetrics, (System.nanoTime() - started) / 1e9);
        save(epoch, improved);
        // written before swapping back: the resume state refers to the tensors the swap overwrites
        if (average != null) average.swap();
        if (patience > 0 && state.badEpochs >= patience) {
            out.println("early stopping: no improvement of the validation loss for " + patience + " epochs");
            return false;
        }
        return true;
    }

    /** One row of metrics.csv and one line of output. */
    private void report(long epoch, Metrics trainMetrics, Metrics valMetrics, double seconds) {
        log.add(new TrainingLog.Row(epoch, adam.step(), lr.forStep(adam.step()), trainMetrics.loss(), trainMetrics.energyMae(),
                trainMetrics.forceMae(), valMetrics.loss(), valMetrics.energyMae(), valMetrics.forceMae(), seconds));
        out.printf(Locale.ROOT, "epoch %d: train loss %.5g (E MAE %.4g, F MAE %.4g), val loss %.5g (E MAE %.4g, F MAE %.4g), lr %.3g, %.1f s%n",
                epoch, trainMetrics.loss(), trainMetrics.energyMae(), trainMetrics.forceMae(), valMetrics.loss(),
                valMetrics.energyMae(), valMetrics.forceMae(), lr.forStep(adam.step()), seconds);
        out.flush();
    }

    /** best.ckpt (when improved), epoch=n.ckpt (every save_interval epochs), last.ckpt and the resume state. */
    private void save(long epoch, boolean improved) {
        Map<String, Tensor> weights = model.stateDict();
        if (improved) TorchCheckpointWriter.writeLightning(dir.resolve(Trainer.BEST), weights, hp, epoch, adam.step());
        if (saveInterval > 0 && (epoch + 1) % saveInterval == 0) {
            TorchCheckpointWriter.writeLightning(dir.resolve("epoch=" + epoch + ".ckpt"), weights, hp, epoch, adam.step());
        }
        TorchCheckpointWriter.writeLightning(dir.resolve(Trainer.LAST), weights, hp, epoch, adam.step());
        Map<String, Tensor> resumeState = state.save(adam, lr);
        if (average != null) resumeState.putAll(average.state());
        TorchCheckpointWriter.writeStateDict(dir.resolve(Trainer.RESUME), resumeState);
    }

    /** Energy and force MAE on the test set with best.ckpt's weights (NaN without a test set or when stopped). */
    private double[] testWithBestWeights(List<Molecule> test) {
        if (test.isEmpty() || !Files.exists(dir.resolve(Trainer.BEST)) || stop.requested()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        try (TorchMDNet best = ModelSetup.load(dir.resolve(Trainer.BEST))) {
            Metrics m = Trainer.evaluate(best, test, loss, evalBatch);
            String report = String.format(Locale.ROOT, "test (%d molecules, best weights): energy MAE %.6g RMSE %.6g, force MAE %.6g RMSE %.6g%n",
                    test.size(), m.energyMae(), m.energyRmse(), m.forceMae(), m.forceRmse());
            out.print(report);
            Trainer.writeString(dir.resolve(Trainer.TEST_REPORT), report);
            return new double[] {m.energyMae(), m.forceMae()};
        }
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
}
