package org.tensornet4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a benchmark ran on: timings mean little without it. */
public record MachineInfo(int processors, String cpuModel, String os, String java, int torchThreads) {

    /** This machine. Loads LibTorch (for its thread count), so call it after the model is loaded. */
    public static MachineInfo detect() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(Path.of("/proc/cpuinfo")),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                org.bytedeco.pytorch.global.torch.get_num_threads());
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
