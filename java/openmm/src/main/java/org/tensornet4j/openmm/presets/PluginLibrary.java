package org.tensornet4j.openmm.presets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * Finds and loads the plugin's libraries, built by CMake into {@code build/lib}: the API library
 * (libTensorNetPluginOpenMM, needed by the TensorNetForce mapping) and the directory of its kernels
 * ({@code build/lib/plugins}, for {@code Platform.loadPluginsFromDirectory}). Where: the system property
 * {@code tn4j.openmm.lib} or the environment variable {@code TN4J_OPENMM_LIB} (a directory), else
 * {@code build/lib} of the checkout ({@code tn4j.home}, or found from this class's location).
 */
public final class PluginLibrary {
    public static final String LIBRARY = "libTensorNetPluginOpenMM.so";
    private static boolean loaded;

    private PluginLibrary() {
    }

    /** The directory holding {@link #LIBRARY}; an IllegalStateException naming the places tried if none. */
    public static Path directory() {
        List<Path> tried = candidates();
        for (Path dir : tried) {
            if (Files.isRegularFile(dir.resolve(LIBRARY))) return dir;
        }
        throw new IllegalStateException(LIBRARY + " not found in " + tried
                + ": build the OpenMM plugin (cmake -S . -B build && cmake --build build) or set -Dtn4j.openmm.lib=DIR"
                + " (or TN4J_OPENMM_LIB) to the directory that holds it");
    }

    private static List<Path> candidates() {
        List<Path> dirs = new ArrayList<>();
        String property = System.getProperty("tn4j.openmm.lib");
        if (property != null) dirs.add(Paths.get(property));
        String env = System.getenv("TN4J_OPENMM_LIB");
        if (env != null) dirs.add(Paths.get(env));
        String home = System.getProperty("tn4j.home");
        if (home != null) dirs.add(Paths.get(home, "build", "lib"));
        try {
            // java/openmm/target/classes (or the jar in java/openmm/target) -> the checkout's build/lib
            Path here = Paths.get(PluginLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("java").resolve("openmm"))) {
                    dirs.add(p.resolve("build").resolve("lib"));
                    break;
                }
            }
        } catch (Exception e) {
            // no code source (e.g. a custom class loader): the explicit settings above remain
        }
        return dirs;
    }

    /** The kernel plugins' directory, for Platform.loadPluginsFromDirectory. */
    public static Path kernelDirectory() {
        return directory().resolve("plugins");
    }

    /** Loads libTensorNetPluginOpenMM with global visibility, once. */
    public static synchronized void loadGlobal() {
        if (loaded) return;
        Loader.loadGlobal(directory().resolve(LIBRARY).toString());
        loaded = true;
    }
}
