package org.tensornet4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.tensornet4j.spark.SparkJobs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tn4j convert}: the Parquet conformer table of HDF5, extended XYZ or Parquet inputs. */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the Parquet conformer table that tn4j score reads.",
            "One row per conformer: id, atomic_numbers, positions (3N, Å), total_charge, cell (9, Å, or null)."
                + " Inputs are read in parallel by Spark tasks (docs/spark.md)."
        },
        footer = {"", "Example:", "  ./tn4j convert --input examples/data/xtb-gfn2-md-test.h5 \\",
            "      --output conformers.parquet"})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "TorchMD-Net HDF5 (.h5), extended XYZ (.xyz) or Parquet; a glob or several paths")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "the Parquet table to write (must not exist)")
    String output;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Parquet files to write; 0: one per input part (default: ${DEFAULT-VALUE})")
    int partitions;

    @CommandLine.Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        long n = SparkJobs.convert(spark.cluster(), inputs, output, partitions);
        spec.commandLine().getOut().println(n + " conformers written to " + output);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
