package org.tensornet4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tensornet4j.train.DatasetEvaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tn4j test}: a checkpoint's energy and force errors on a labelled dataset. */
@Command(name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the energy and force errors (MAE, RMSE) of a checkpoint on a labelled dataset.",
            "Energy errors are per molecule, force errors per Cartesian component, in the dataset's energy"
                + " unit (E) and E/Å."
        },
        footer = {"", "Example:", "  ./tn4j test --model examples/models/default.ckpt \\",
            "      --input examples/data/xtb-gfn2-md-test.h5"})
final class TestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "CKPT", description = "TorchMD-Net checkpoint (.ckpt)")
    Path model;

    // Not required=true: the old name --data sets it too (see below); call() reports it missing.
    @Option(names = "--input", paramLabel = "FILE", description = "dataset: TorchMD-Net HDF5 (.h5) or extended XYZ (.xyz) (required)")
    String input;

    /** The name before one CLI convention; kept so that scripts written for it still run. */
    @Option(names = "--data", hidden = true, paramLabel = "FILE")
    void data(String file) {
        input = file;
    }

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N", description = "molecules per evaluation (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (with units) or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @CommandLine.Mixin
    ModelOverridesOption overrides;

    @Override
    public Integer call() throws Exception {
        if (input == null) throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--input=FILE'");
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--batch-size must be at least 1 (molecules per evaluation), got " + batchSize);
        }
        DatasetEvaluation.Report r = DatasetEvaluation.run(model, overrides.overrides(), input, batchSize);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.json ? json(r) + "\n" : text(r));
        out.flush();
        return 0;
    }

    static String text(DatasetEvaluation.Report r) {
        return String.format(Locale.ROOT, "molecules: %d%nenergy MAE: %.6g E/molecule%nenergy RMSE: %.6g E/molecule%n"
                + "force MAE: %.6g E/Å per component%nforce RMSE: %.6g E/Å per component%n"
                + "(E: the dataset's energy unit; TorchMD-Net checkpoints carry no unit)%n",
                r.molecules(), r.energyMae(), r.energyRmse(), r.forceMae(), r.forceRmse());
    }

    static String json(DatasetEvaluation.Report r) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("molecules", r.molecules());
        root.put("energy_mae", r.energyMae());
        root.put("energy_rmse", r.energyRmse());
        root.put("force_mae", r.forceMae());
        root.put("force_rmse", r.forceRmse());
        ObjectNode units = root.putObject("units");
        units.put("energy", "the dataset's energy unit (E), per molecule; TorchMD-Net checkpoints carry no unit");
        units.put("forces", "E / angstrom, per Cartesian component");
        return JSON.writeValueAsString(root);
    }
}
