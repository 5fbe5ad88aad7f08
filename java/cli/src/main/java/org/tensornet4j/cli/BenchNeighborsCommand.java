package org.tensornet4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.cli.bench.BenchJson;
import org.tensornet4j.cli.bench.BenchReport;
import org.tensornet4j.cli.bench.BenchSystems;
import org.tensornet4j.cli.bench.MachineInfo;
import org.tensornet4j.cli.bench.MarkdownSection;
import org.tensornet4j.cli.bench.NeighborBenchReport;
import org.tensornet4j.cli.bench.Timing;
import org.tensornet4j.cli.bench.TimingLoop;
import org.tensornet4j.cli.bench.WaterDensityBox;
import org.tensornet4j.cli.io.PdbReader;
import org.tensornet4j.neighbors.NeighborList;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.neighbors.PeriodicBox;
import org.tensornet4j.torch.Torch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tn4j bench-neighbors}: times the brute-force and the cell-list neighbour search on the same systems. */
@Command(name = "bench-neighbors",
        mixinStandardHelpOptions = true,
        description = {
            "Times the neighbour search, brute force against cell list, on the same systems.",
            "The systems: periodic boxes of random atoms at the density of water and the PDB files of a folder."
                + " Prints a markdown table on stdout (JSON with --format json), progress on stderr."
        },
        footer = {"", "Example:", "  ./tn4j bench-neighbors --sizes 1000,5000 --no-pdb --repeats 5"})
final class BenchNeighborsCommand implements Callable<Integer> {
    static final String SECTION = "bench:neighbors";
    /** Never reached in practice: the benchmark times the search, not the capacity check. */
    private static final int NO_NEIGHBOUR_LIMIT = 1 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "1000,2000,3000,5000,10000,30000", paramLabel = "N",
            description = "atoms of the random periodic boxes, comma-separated (default: ${DEFAULT-VALUE})")
    int[] sizes;

    @Option(names = "--input", paramLabel = "DIR",
            description = "folder of .pdb files to run as well (default: tests/fixtures/systems in the checkout)")
    Path systems;

    /** The name before one CLI convention; kept so that scripts written for it still run. */
    @Option(names = "--systems", hidden = true, paramLabel = "DIR")
    void systems(Path dir) {
        systems = dir;
    }

    @Option(names = "--no-pdb", description = "only the random boxes")
    boolean noPdb;

    @Option(names = "--cutoff", defaultValue = "5.0", paramLabel = "R", description = "upper cutoff in Å, tn-bench's by default (default: ${DEFAULT-VALUE})")
    double cutoff;

    @CommandLine.Mixin
    TimingOptions timingOptions;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "random seed of the boxes (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--output", paramLabel = "FILE",
            description = "also write the table into this markdown file, between <!-- " + SECTION + ":start --> and <!-- " + SECTION + ":end -->")
    Path output;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (a markdown table) or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        if (!(cutoff > 0) || Double.isInfinite(cutoff)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cutoff must be a finite length > 0 (Å), got " + cutoff);
        }
        for (int n : sizes) {
            if (n < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--sizes: every box needs at least 1 atom, got " + n);
        }
        TimingLoop loop = timingOptions.loop();
        Map<String, AtomicSystem> inputs = inputs();
        Torch.init();
        PrintWriter err = spec.commandLine().getErr();
        List<NeighborBenchReport.Row> rows = new ArrayList<>();
        for (var entry : inputs.entrySet()) {
            AtomicSystem system = entry.getValue();
            err.printf("tn4j bench-neighbors: %s (%d atoms) ...%n", entry.getKey(), system.atomCount());
            err.flush();
            try (PointerScope scope = new PointerScope()) {
                Tensor pos = Tensor.create(system.flatPositions(), system.atomCount(), 3).to(ScalarType.Float);
                Tensor box = system.box() == null ? null : Tensor.create(PeriodicBox.flatten(system.box()), 3, 3).to(ScalarType.Float);
                long pairs = pairs(pos, box);
                Timing brute = loop.run(() -> build(NeighborStrategy.BRUTE_FORCE, pos, box));
                Timing cell = loop.run(() -> build(NeighborStrategy.CELL_LIST, pos, box));
                err.printf("tn4j bench-neighbors: %s: brute %s ms, cell %s ms (medians)%n", entry.getKey(),
                        BenchReport.format(brute.median()), BenchReport.format(cell.median()));
                err.flush();
                rows.add(new NeighborBenchReport.Row(entry.getKey(), system.atomCount(), system.isPeriodic(), pairs, brute, cell));
            }
        }
        NeighborBenchReport.Setup setup = new NeighborBenchReport.Setup(
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                cutoff, "float32", MachineInfo.detect(), timingOptions.warmup, timingOptions.repeats, timingOptions.maxSeconds);
        String markdown = NeighborBenchReport.render(setup, rows);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.json ? JSON.writeValueAsString(BenchJson.of(setup, rows)) + "\n" : markdown);
        out.flush();
        if (output != null) {
            new MarkdownSection(SECTION).writeInto(output, markdown, "Benchmarks");
            err.println("tn4j bench-neighbors: wrote section " + SECTION + " of " + output);
            err.flush();
        }
        return 0;
    }

    /** The random boxes, then the PDB files; all read and checked before anything is timed. */
    private Map<String, AtomicSystem> inputs() throws IOException {
        Map<String, AtomicSystem> inputs = new LinkedHashMap<>();
        for (int n : sizes) inputs.put("box-" + n, WaterDensityBox.of(n, seed));
        if (!noPdb) {
            Path dir = systems != null ? systems : Home.fixtures().resolve("systems");
            for (Path pdb : BenchSystems.find(dir, true)) inputs.put(BenchSystems.name(pdb), PdbReader.read(pdb));
        }
        for (var entry : inputs.entrySet()) {
            double[][] box = entry.getValue().box();
            if (box != null) PeriodicBox.validate(box, cutoff);
        }
        return inputs;
    }

    private void build(NeighborStrategy strategy, Tensor pos, Tensor box) {
        try (PointerScope scope = new PointerScope()) {
            new NeighborList(0, cutoff, NO_NEIGHBOUR_LIMIT, strategy, false).build(pos, null, box);
        }
    }

    /** Distinct pairs (self pairs excluded): the size of the problem. */
    private long pairs(Tensor pos, Tensor box) {
        try (PointerScope scope = new PointerScope()) {
            NeighborPairs p = new NeighborList(0, cutoff, NO_NEIGHBOUR_LIMIT, NeighborStrategy.CELL_LIST, false).build(pos, null, box);
            return p.distinctPairs();
        }
    }
}
