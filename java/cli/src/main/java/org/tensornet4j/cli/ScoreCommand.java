package org.tensornet4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tensornet4j.spark.SparkJobs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tn4j score}: energies, forces and an ensemble's spread of a conformer library, on Apache Spark. */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores a conformer library on Apache Spark: one output row per conformer.",
            "Columns: id, energy, forces (with --forces), max_force, energy_std and forces_std (an ensemble),"
                + " status (ok, or why the conformer has no scores), plus _manifest.json. Without --master it runs"
                + " an embedded local Spark; the same command runs under spark-submit (docs/spark.md)."
        },
        footer = {"", "Example:", "  ./tn4j score --model examples/models/default.ckpt \\",
            "      --input examples/data/xtb-gfn2-md-test.h5 --output scores --forces"})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, arity = "1..*", paramLabel = "CKPT",
            description = "TorchMD-Net checkpoint (.ckpt); several: an ensemble (mean, energy_std, forces_std)")
    List<Path> models;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "conformers: TorchMD-Net HDF5 (.h5), extended XYZ (.xyz) or a Parquet conformer table;"
                + " a glob (data/*.h5) or several paths")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output directory (must not exist unless --resume)")
    String output;

    @Option(names = "--output-format", defaultValue = "parquet", paramLabel = "FORMAT",
            description = "parquet, or jsonl (JSON Lines: small jobs, inspection) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--forces", description = "write the forces (3N per conformer) besides max_force")
    boolean forces;

    @Option(names = "--relax", description = "relax each conformer (FIRE); write relaxed_positions and relaxed_energy")
    boolean relax;

    @Option(names = "--fmax", defaultValue = "0.05", paramLabel = "F",
            description = "relaxation force tolerance, energy unit/Å (default: ${DEFAULT-VALUE})")
    double fmax;

    @Option(names = "--max-steps", defaultValue = "500", paramLabel = "N",
            description = "relaxation step limit (default: ${DEFAULT-VALUE})")
    int maxSteps;

    @Option(names = "--batch-atoms", defaultValue = "2048", paramLabel = "N",
            description = "atoms per batched evaluation (default: ${DEFAULT-VALUE})")
    int batchAtoms;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "DEVICE",
            description = "auto or cpu; this build computes on the CPU (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--resume", description = "keep the rows already in --output and score only the missing ids")
    boolean resume;

    @Option(names = "--fail-fast", description = "stop at the first bad conformer instead of giving it a status")
    boolean failFast;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "spread the input over N Spark partitions; 0: as read (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--chunk-rows", defaultValue = "200000", paramLabel = "N",
            description = "conformers per chunk, each written when done: what --resume keeps (default: ${DEFAULT-VALUE})")
    long chunkRows;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    boolean noProgress;

    @CommandLine.Mixin
    ModelOverridesOption overrides;

    @CommandLine.Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        String dev = device.trim().toLowerCase(java.util.Locale.ROOT);
        if (dev.equals("auto")) dev = "cpu"; // the only device of this build
        if (!dev.equals("cpu")) org.tensornet4j.Device.parse(dev); // cuda: the load refuses it with its own line
        for (Path m : models) { // before Spark starts: a typo should not wait for it
            if (!java.nio.file.Files.isRegularFile(m)) throw new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException(m.toString()));
        }
        SparkJobs.Result r = SparkJobs.score(spark.cluster(), new SparkJobs.Score(models, overrides.overrides(), dev, forces,
                batchAtoms, failFast, relax, fmax, maxSteps, inputs, output, format, partitions, chunkRows, resume, !noProgress));
        var out = spec.commandLine().getOut();
        out.printf(java.util.Locale.ROOT, "%d conformers: %d ok, %d failed (status column); %d already scored, %d now"
                + " in %.1f s (%.1f conformers/s); %s%n", r.input(), r.ok(), r.failed(), r.skipped(), r.scored(), r.seconds(),
                r.scored() / r.seconds(), output);
        out.flush();
        return 0;
    }
}
