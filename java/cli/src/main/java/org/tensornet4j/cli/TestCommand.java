package org.tensornet4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tensornet4j.train.ModelTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tn4j test}: a checkpoint's energy and force errors on a labelled dataset. */
@Command(name = "test",
        mixinStandardHelpOptions = true,
        description = "Prints energy (per molecule) and force (per component) MAE and RMSE of a checkpoint on a dataset.")
final class TestCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "CKPT", description = "TorchMD-Net checkpoint (.ckpt)")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "dataset: TorchMD-Net HDF5 (.h5) or extended XYZ (.xyz)")
    String data;

    @Option(names = "--batch-size", defaultValue = "32", description = "molecules per evaluation (default ${DEFAULT-VALUE})")
    int batchSize;

    @picocli.CommandLine.Mixin
    ModelOverridesOption overrides;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch-size must be at least 1 (molecules per evaluation), got " + batchSize);
        }
        spec.commandLine().getOut().print(ModelTest.run(model, overrides.overrides(), data, batchSize).describe());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
