package org.tensornet4j.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code --format json} of {@code tn4j bench} and {@code tn4j bench-neighbors}: the numbers of their
 * markdown tables as JSON objects, every time in milliseconds (the keys say so), for scripts.
 */
public final class BenchJson {
    private BenchJson() {
    }

    /** tn4j bench: the setup, then one object per system with its timing and the baseline's. */
    public static Map<String, Object> of(BenchReport.Setup setup, List<BenchReport.Row> rows) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", setup.date());
        json.put("model", setup.model());
        json.put("device", setup.device());
        json.put("precision", setup.precision());
        json.put("neighbors", setup.neighbors());
        json.put("machine", machine(setup.machine()));
        json.put("warmup", setup.warmup());
        json.put("baseline", setup.baselineName());
        json.put("systems", rows.stream().map(row -> {
            Map<String, Object> r = system(row.system(), row.atoms(), row.periodic());
            r.putAll(timing("", row.timing()));
            OptionalDouble baseMedian = row.baseline().map(BaselineTable.Entry::medianMs).orElse(OptionalDouble.empty());
            OptionalDouble baseMin = row.baseline().map(BaselineTable.Entry::minMs).orElse(OptionalDouble.empty());
            r.put("torchmd_net_median_ms", value(baseMedian));
            r.put("torchmd_net_min_ms", value(baseMin));
            r.put("peak_rss_mb", row.peakRssMb() < 0 ? null : row.peakRssMb());
            return r;
        }).toList());
        return json;
    }

    /** tn4j bench-neighbors: the setup, then one object per system with both searches' timings. */
    public static Map<String, Object> of(NeighborBenchReport.Setup setup, List<NeighborBenchReport.Row> rows) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", setup.date());
        json.put("cutoff_angstrom", setup.cutoff());
        json.put("precision", setup.precision());
        json.put("machine", machine(setup.machine()));
        json.put("warmup", setup.warmup());
        json.put("systems", rows.stream().map(row -> {
            Map<String, Object> r = system(row.system(), row.atoms(), row.periodic());
            r.put("pairs", row.pairs());
            r.putAll(timing("brute_", row.brute()));
            r.putAll(timing("cell_", row.cell()));
            return r;
        }).toList());
        return json;
    }

    private static Map<String, Object> system(String name, int atoms, boolean periodic) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("system", name);
        r.put("atoms", atoms);
        r.put("periodic", periodic);
        return r;
    }

    private static Map<String, Object> timing(String prefix, Timing t) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(prefix + "median_ms", t.median());
        r.put(prefix + "min_ms", t.min());
        r.put(prefix + "max_ms", t.max());
        r.put(prefix + "calls_ms", t.millis());
        if (t.note() != null) r.put(prefix + "note", t.note());
        return r;
    }

    private static Map<String, Object> machine(MachineInfo m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("processors", m.processors());
        r.put("cpu", m.cpuModel());
        r.put("os", m.os());
        r.put("java", m.java());
        r.put("torch_threads", m.torchThreads());
        r.put("settings", m.settings());
        return r;
    }

    private static Double value(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }
}
