package org.tensornet4j.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The markdown a benchmark run prints and writes into docs/benchmarks.md. */
public final class BenchReport {

    /**
     * One benchmarked system; {@code periodic} when its file gave a box, {@code baseline} empty
     * when the baseline table has no row for it, {@code peakRssMb} the process's peak resident
     * memory after it (-1: unknown).
     */
    public record Row(String system, int atoms, boolean periodic, Timing timing, Optional<BaselineTable.Entry> baseline,
                      long peakRssMb) {
    }

    /** How the run was set up, for the text above the table. */
    public record Setup(String date, String model, String device, String precision, MachineInfo machine,
                        int warmup, int repeats, double maxSeconds, String baselineName, String neighbors) {
    }

    private BenchReport() {
    }

    public static String render(Setup setup, List<Row> rows) {
        StringBuilder md = new StringBuilder();
        MachineInfo m = setup.machine();
        md.append("## tensornet4j: TensorNetPotential.compute (tn4j bench)\n\n");
        md.append("Measured ").append(setup.date()).append(" with `tn4j bench`, model `").append(setup.model())
                .append("` (").append(setup.precision()).append(") on ").append(setup.device()).append(".\n");
        md.append(m.describe()).append("Neighbour search `").append(setup.neighbors()).append("`.\n");
        md.append("One call = neighbour list + energy + forces (`compute()`), one molecule, periodic only where marked (CRYST1 cell); ")
                .append("per system ").append(setup.warmup()).append(" untimed warm-up call(s), then up to ").append(setup.repeats())
                .append(" timed calls, fewer (at least 3) once they took ").append(format(setup.maxSeconds())).append(" s.\n");
        if (setup.baselineName() != null) {
            md.append("Ratios are tn4j / TorchMD-Net (below 1: tn4j is faster), against `").append(setup.baselineName())
                    .append("` (measured separately on the same kind of machine; not the same run).\n");
        }
        md.append("Peak RSS is the process's resident-memory high-water mark (VmHWM) after the system; systems run smallest first.\n");
        md.append('\n');
        md.append("| system | atoms | median ms | min ms | max ms | repeats | TorchMD-Net median ms | TorchMD-Net min ms | median ratio | min ratio | peak RSS MB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<String> notes = new ArrayList<>();
        for (Row row : rows) {
            Timing t = row.timing();
            OptionalDouble baseMedian = row.baseline().map(BaselineTable.Entry::medianMs).orElse(OptionalDouble.empty());
            OptionalDouble baseMin = row.baseline().map(BaselineTable.Entry::minMs).orElse(OptionalDouble.empty());
            md.append("| ").append(row.system()).append(row.periodic() ? " (periodic)" : "")
                    .append(" | ").append(row.atoms())
                    .append(" | ").append(format(t.median()))
                    .append(" | ").append(format(t.min()))
                    .append(" | ").append(format(t.max()))
                    .append(" | ").append(t.repeats())
                    .append(" | ").append(format(baseMedian))
                    .append(" | ").append(format(baseMin))
                    .append(" | ").append(ratio(t.median(), baseMedian))
                    .append(" | ").append(ratio(t.min(), baseMin))
                    .append(" | ").append(row.peakRssMb() < 0 ? "–" : String.valueOf(row.peakRssMb()))
                    .append(" |\n");
            if (t.note() != null) notes.add(row.system() + ": " + t.note() + ".");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            for (String note : notes) md.append("- ").append(note).append('\n');
        }
        return md.toString();
    }

    /** Three significant digits or so: enough for timings that vary by tens of percent. */
    public static String format(double ms) {
        if (ms < 1) return String.format(Locale.ROOT, "%.3f", ms);
        if (ms >= 100) return String.format(Locale.ROOT, "%.0f", ms);
        if (ms >= 10) return String.format(Locale.ROOT, "%.1f", ms);
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String format(OptionalDouble ms) {
        return ms.isPresent() ? format(ms.getAsDouble()) : "–";
    }

    private static String ratio(double ours, OptionalDouble baseline) {
        if (baseline.isEmpty() || baseline.getAsDouble() <= 0) return "–";
        return String.format(Locale.ROOT, "%.2f", ours / baseline.getAsDouble());
    }
}
