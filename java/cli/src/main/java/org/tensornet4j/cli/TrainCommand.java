package org.tensornet4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tensornet4j.train.Trainer;
import org.tensornet4j.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tn4j train}: trains (or fine-tunes) a TensorNet from a TorchMD-Net-style YAML config. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a TensorNet on energies and forces (TorchMD-Net HDF5 or extended XYZ) and writes TorchMD-Net",
            "checkpoints, metrics.csv and learning-curve.png into log_dir. The YAML uses TorchMD-Net's key names."
        })
final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "training configuration (YAML)")
    Path config;

    @Option(names = "--resume", description = "continue the run in log_dir from its last completed epoch")
    boolean resume;

    @Option(names = "--overwrite", description = "start afresh in a log_dir that holds another run's outputs, removing them first"
            + " (without it such a log_dir is refused)")
    boolean overwrite;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        Trainer.Result r = new Trainer(TrainingConfig.read(config), out).run(resume, overwrite);
        out.println("best checkpoint: " + r.logDir().resolve("best.ckpt"));
        out.flush();
        return 0;
    }
}
