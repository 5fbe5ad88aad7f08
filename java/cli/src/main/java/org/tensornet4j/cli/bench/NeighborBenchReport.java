package org.tensornet4j.cli.bench;

import java.util.List;
import java.util.Locale;

/** The markdown {@code tn4j bench-neighbors} prints and writes into docs/benchmarks.md. */
public final class NeighborBenchReport {

    /**
     * One system: its pairs (self pairs excluded) and the times of both searches. The speed-up
     * compares minima: on a shared machine other jobs only ever add time, so the fastest call is
     * the best estimate of the cost itself (medians moved by 2-10x between runs here).
     */
    public record Row(String system, int atoms, boolean periodic, long pairs, Timing brute, Timing cell) {
        double speedup() {
            return brute.min() / cell.min();
        }
    }

    /** How the run was set up, for the text above the table. */
    public record Setup(String date, double cutoff, String precision, MachineInfo machine, int warmup, int repeats,
                        double maxSeconds) {
    }

    private NeighborBenchReport() {
    }

    public static String render(Setup setup, List<Row> rows) {
        StringBuilder md = new StringBuilder();
        MachineInfo m = setup.machine();
        md.append("## tensornet4j: neighbour search, brute force vs cell list (tn4j bench-neighbors)\n\n");
        md.append("Measured ").append(setup.date()).append(" with `tn4j bench-neighbors`, cutoff ")
                .append(BenchReport.format(setup.cutoff())).append(" A, positions in ").append(setup.precision()).append(".\n");
        md.append(m.describe());
        md.append("One call = `NeighborList.build` (search, checks, edge vectors); per system and search ").append(setup.warmup())
                .append(" untimed warm-up call(s), then up to ").append(setup.repeats()).append(" timed calls, fewer (at least 3) once they took ")
                .append(BenchReport.format(setup.maxSeconds())).append(" s. `box-N`: N atoms at random positions in a periodic cubic box")
                .append(" at the density of water; the other systems are the PDB files (non-periodic unless marked).\n\n");
        md.append("| system | atoms | pairs | brute median ms | brute min ms | cell median ms | cell min ms | brute / cell (min) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            md.append("| ").append(row.system()).append(row.periodic() ? " (periodic)" : "")
                    .append(" | ").append(row.atoms())
                    .append(" | ").append(row.pairs())
                    .append(" | ").append(BenchReport.format(row.brute().median()))
                    .append(" | ").append(BenchReport.format(row.brute().min()))
                    .append(" | ").append(BenchReport.format(row.cell().median()))
                    .append(" | ").append(BenchReport.format(row.cell().min()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", row.speedup()))
                    .append(" |\n");
        }
        md.append('\n').append(crossover(rows)).append('\n');
        return md.toString();
    }

    /** The smallest system from which on the cell list is faster (by minimum) in every larger one. */
    static String crossover(List<Row> rows) {
        List<Row> bySize = rows.stream().sorted((a, b) -> Integer.compare(a.atoms(), b.atoms())).toList();
        Row first = null;
        for (Row row : bySize) {
            if (row.speedup() > 1) {
                if (first == null) first = row;
            } else {
                first = null;
            }
        }
        if (first == null) return "Crossover: brute force was faster for every system measured.";
        return "Crossover: the cell list was faster from " + first.system() + " (" + first.atoms()
                + " atoms) on, for every larger system measured.";
    }
}
