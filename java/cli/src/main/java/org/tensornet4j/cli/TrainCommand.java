package org.tensornet4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tensornet4j.train.Trainer;
import org.tensornet4j.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tn4j train}: trains (or fine-tunes) a TensorNet from a TorchMD-Net-style YAML config. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a TensorNet on energies and forces and writes TorchMD-Net checkpoints.",
            "The data: TorchMD-Net HDF5 or extended XYZ. Outputs go to log_dir: checkpoints, metrics.csv"
                + " and learning-curve.png. The YAML uses TorchMD-Net's key names."
        },
        footer = {"", "Example:", "  ./tn4j train --input examples/data/tensornet-xtb.yaml"})
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Not required=true: the old name --config sets it too (see below); call() reports it missing.
    @Option(names = "--input", paramLabel = "FILE", description = "training configuration, YAML (required)")
    Path config;

    /** The name before one CLI convention; kept so that scripts written for it still run. */
    @Option(names = "--config", hidden = true, paramLabel = "FILE")
    void config(Path file) {
        config = file;
    }

    @Option(names = "--resume", description = "continue the run in log_dir from its last completed epoch")
    boolean resume;

    @Option(names = "--overwrite", description = "start afresh in a log_dir that holds another run's outputs, removing them first"
            + " (without it such a log_dir is refused)")
    boolean overwrite;

    @Override
    public Integer call() {
        if (config == null) throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--input=FILE'");
        java.io.PrintWriter out = spec.commandLine().getOut();
        Trainer.Result r = new Trainer(TrainingConfig.read(config), out).run(resume, overwrite);
        out.println("best checkpoint: " + r.logDir().resolve("best.ckpt"));
        out.flush();
        return 0;
    }
}
