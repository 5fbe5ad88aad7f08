package org.tensornet4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a benchmark ran on: timings mean little without it.
 *
 * @param settings the environment variables that change LibTorch's speed and were set (name to value,
 *                 in {@link #SETTINGS} order): the same model ran 2x faster or slower with them
 *                 (docs/benchmarks-log.md, [perf] second pass)
 */
public record MachineInfo(int processors, String cpuModel, String os, String java, int torchThreads, Map<String, String> settings) {
    /** Read by OpenMP, OpenBLAS, glibc and LibTorch when the process starts or the library loads. */
    static final List<String> SETTINGS = List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_CORETYPE",
            "GLIBC_TUNABLES", "MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "THP_MEM_ALLOC_ENABLE",
            "TN4J_EDGE_KERNELS", "TN4J_WORKER_THREAD");

    public MachineInfo(int processors, String cpuModel, String os, String java, int torchThreads) {
        this(processors, cpuModel, os, java, torchThreads, Map.of());
    }

    /** This machine. Loads LibTorch (for its thread count), so call it after the model is loaded. */
    public static MachineInfo detect() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(Path.of("/proc/cpuinfo")),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                org.bytedeco.pytorch.global.torch.get_num_threads(),
                settings(System.getenv()));
    }

    /** The {@link #SETTINGS} that {@code env} sets, in that order. */
    static Map<String, String> settings(Map<String, String> env) {
        Map<String, String> set = new LinkedHashMap<>();
        for (String name : SETTINGS) {
            if (env.get(name) != null) set.put(name, env.get(name));
        }
        return set;
    }

    /** The "Machine: .." and "Process settings: .." lines of a report. */
    public String describe() {
        String env = settings.isEmpty() ? "none set" : settings.entrySet().stream()
                .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").collect(Collectors.joining(", "));
        return "Machine: " + processors + " processors (nproc), " + cpuModel + ", " + os + ", Java " + java + ", "
                + torchThreads + " LibTorch intra-op threads.\nProcess settings: " + env + ".\n";
    }

    /** The first "model name" of a /proc/cpuinfo-style file, or "unknown" (other systems, containers without it). */
    static String cpuModel(Path cpuinfo) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unknown";
        }
    }
}
