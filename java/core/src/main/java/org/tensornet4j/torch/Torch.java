package org.tensornet4j.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_full;

/**
 * The one place that loads LibTorch and sets its threading. JavaCPP's natives are extracted to its cache and loaded from
 * there; a LibTorch that some other component already mapped into the process (Python's torch,
 * a distribution libtorch) would crash the process later, so it is detected and refused up front.
 */
public final class Torch {
    private static volatile boolean loaded;
    private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    /**
     * JavaCPP's default checks the process's resident memory against a limit (twice the heap) each time a
     * native object gets a Java handle, by reading /proc/self/statm, under a lock that every thread
     * shares: for a small molecule (alanine dipeptide, ~700 tensor handles per step) that was ~0.5 ms
     * of a 9 ms step. The check only backs up the garbage collector for handles nobody releases;
     * tensornet4j releases every step's tensors with scopes. A value the user set is kept. This only
     * takes effect when it runs before JavaCPP's first use (Torch is what loads LibTorch, so it usually does).
     */
    static {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) System.setProperty(MAX_PHYSICAL_BYTES, "0");
    }

    private Torch() {}

    public static synchronized void init() {
        if (loaded) return;
        String foreign = foreignLibtorch();
        if (foreign != null) {
            throw new IllegalStateException("another LibTorch is already loaded in this process (" + foreign
                    + "); tensornet4j brings its own and two cannot coexist. Do not import torch (or load libtorch)"
                    + " in the same process, or remove it from the library path");
        }
        Loader.load(org.bytedeco.pytorch.global.torch.class);
        // LibTorch already parallelises its ops with OpenMP (one thread per core); OpenBLAS threads
        // inside those regions oversubscribe the cores. Measured on the 2-core build machine:
        // alanine dipeptide with tn-bench 430 ms -> 31 ms per step, chignolin 1000 ms -> 280 ms.
        openblas_full.openblas_set_num_threads(1);
        loaded = true;
    }

    /** A libtorch_cpu mapped from outside JavaCPP's cache, or null. Linux only (reads /proc/self/maps). */
    static String foreignLibtorch() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return null;
        try {
            String cache = Loader.getCacheDir().getCanonicalPath();
            List<String> lines = Files.readAllLines(maps);
            for (String line : lines) {
                int slash = line.indexOf('/');
                if (slash < 0) continue;
                String path = line.substring(slash);
                if (path.contains("libtorch_cpu") && !path.startsWith(cache)) return path;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
