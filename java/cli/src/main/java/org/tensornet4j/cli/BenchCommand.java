package org.tensornet4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Device;
import org.tensornet4j.TensorNetPotential;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tensornet4j.cli.bench.BaselineTable;
import org.tensornet4j.cli.bench.BenchJson;
import org.tensornet4j.cli.bench.BenchReport;
import org.tensornet4j.cli.bench.BenchSystems;
import org.tensornet4j.cli.bench.MachineInfo;
import org.tensornet4j.cli.bench.MarkdownSection;
import org.tensornet4j.cli.bench.PeakMemory;
import org.tensornet4j.cli.bench.Timing;
import org.tensornet4j.cli.bench.TimingLoop;
import org.tensornet4j.cli.io.PdbReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tn4j bench}: times compute() on the benchmark structures and compares with TorchMD-Net. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Times energy and forces on benchmark structures and compares with TorchMD-Net.",
            "Each call includes the neighbour list. Runs every PDB file of a folder, then prints a markdown"
                + " table (median, min and max ms, ratios to the TorchMD-Net baseline) on stdout, or JSON with --format json;"
                + " progress on stderr."
        },
        footer = {"", "Examples:", "  ./tn4j bench --model examples/models/default.ckpt --repeats 5",
            "  ./tn4j bench --model tests/fixtures/tensornet/tn2-bench.ckpt --charge 0"})
final class BenchCommand implements Callable<Integer> {
    static final String SECTION = "bench:core";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "CKPT", description = "TorchMD-Net checkpoint (.ckpt)")
    Path model;

    @Option(names = "--input", paramLabel = "DIR", description = "folder of .pdb files (default: tests/fixtures/systems in the checkout)")
    Path systems;

    /** The name before one CLI convention; kept so that scripts written for it still run. */
    @Option(names = "--systems", hidden = true, paramLabel = "DIR")
    void systems(Path dir) {
        systems = dir;
    }

    @Option(names = "--all", description = "also run stmv and the solvated *_explicit* systems")
    boolean all;

    @CommandLine.Mixin
    TimingOptions timingOptions;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "markdown file with the TorchMD-Net table (default: tests/fixtures/benchmarks/cpu-baseline.md in the checkout)")
    Path baseline;

    @Option(names = "--output", paramLabel = "FILE",
            description = "also write the table into this markdown file, between <!-- " + SECTION + ":start --> and <!-- " + SECTION + ":end -->")
    Path output;

    @CommandLine.Mixin
    ModelOverridesOption overrides;

    @CommandLine.Mixin
    NeighborOption neighbors;

    @CommandLine.Mixin
    DeviceOption device;

    @Option(names = "--charge", paramLabel = "Q",
            description = "total charge (e) of every structure; required by models that read it (TensorNet2: 0 for neutral)")
    Double charge;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (a markdown table) or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Override
    public Integer call() throws IOException {
        TimingLoop loop = timingOptions.loop();
        Device target = device.device();
        Path systemsDir = systems != null ? systems : Home.fixtures().resolve("systems");
        List<Path> pdbs = BenchSystems.find(systemsDir, all);
        Path baselineFile = baseline != null ? baseline : Home.fixtures().resolve("benchmarks/cpu-baseline.md");
        // All structures are read before the model loads, so that a bad file fails in a second.
        List<AtomicSystem> inputs = new ArrayList<>();
        for (Path pdb : pdbs) {
            AtomicSystem system = PdbReader.read(pdb);
            inputs.add(charge == null ? system : system.withCharges(charge));
        }

        PrintWriter err = spec.commandLine().getErr();
        List<BenchReport.Row> rows = new ArrayList<>();
        BenchReport.Setup setup;
        try (TensorNetPotential potential = TensorNetPotential.load(model, target, overrides.overrides(), neighbors.strategy)) {
            if (charge == null && potential.needsTotalCharge()) {
                throw new IllegalArgumentException("this model (" + potential.config().model() + ") needs the total charge of"
                        + " each structure: add --charge 0 (the benchmark structures are neutral)");
            }
            Optional<BaselineTable> table = baselineTable(baselineFile, potential);
            for (int i = 0; i < pdbs.size(); i++) {
                String name = BenchSystems.name(pdbs.get(i));
                AtomicSystem system = inputs.get(i);
                err.printf("tn4j bench: %s (%d atoms) ...%n", name, system.atomCount());
                err.flush();
                Timing timing = loop.run(() -> potential.compute(system));
                err.printf("tn4j bench: %s: median %s ms, min %s ms over %d calls%n", name,
                        BenchReport.format(timing.median()), BenchReport.format(timing.min()), timing.repeats());
                err.flush();
                rows.add(new BenchReport.Row(name, system.atomCount(), system.isPeriodic(), timing,
                        table.flatMap(t -> t.get(name)), PeakMemory.megabytes()));
            }
            setup = new BenchReport.Setup(
                    ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                    model.toString(), potential.device().toString(), potential.precision(), MachineInfo.detect(),
                    timingOptions.warmup, timingOptions.repeats, timingOptions.maxSeconds,
                    table.isPresent() ? baselineFile.getFileName().toString() : null, NeighborOption.name(neighbors.strategy));
        }
        String markdown = BenchReport.render(setup, rows);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.json ? JSON.writeValueAsString(BenchJson.of(setup, rows)) + "\n" : markdown);
        out.flush();
        if (output != null) {
            new MarkdownSection(SECTION).writeInto(output, markdown, "Benchmarks");
            err.println("tn4j bench: wrote section " + SECTION + " of " + output);
            err.flush();
        }
        return 0;
    }

    /**
     * The baseline given with --baseline must exist; the default one may be absent (then no ratios).
     * TensorNet2 models are compared with the file's TensorNet2 table.
     */
    private Optional<BaselineTable> baselineTable(Path file, TensorNetPotential potential) throws IOException {
        if (Files.isRegularFile(file)) return Optional.of(BaselineTable.read(file, potential.config().isTensorNet2() ? "tensornet2 " : ""));
        if (baseline != null) throw new IllegalArgumentException("baseline file not found: " + file);
        spec.commandLine().getErr().println("tn4j bench: no baseline at " + file + ": no ratios");
        return Optional.empty();
    }
}
