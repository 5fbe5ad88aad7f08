package org.tensornet4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's peak resident memory so far (Linux: VmHWM in /proc/self/status), native memory
 * included: LibTorch's tensors are outside the Java heap, so the JVM's own figures would miss them.
 */
public final class PeakMemory {
    private PeakMemory() {
    }

    /** Peak resident set size in MB, or -1 where the system does not say. */
    public static long megabytes() {
        return megabytes(Path.of("/proc/self/status"));
    }

    static long megabytes(Path status) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
