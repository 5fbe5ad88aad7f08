package org.tensornet4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a Java tool (the java source launcher, jshell) of the running JDK with tn4j's class path and JVM
 * options, its input and output those of tn4j, and returns its exit code. tn4j.home is passed on so the
 * OpenMM mapping finds the plugin's libraries (build/lib).
 */
final class ScriptProcess {
    private ScriptProcess() {
    }

    static Path tool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        if (!Files.isExecutable(tool)) {
            throw new IllegalStateException(tool + " not found: tn4j " + (name.equals("java") ? "run" : "shell")
                    + " needs a full JDK (JAVA_HOME pointing to a JDK 17+)");
        }
        return tool;
    }

    /** JVM options every script gets: native access for JavaCPP, tn4j.home. */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("--enable-native-access=ALL-UNNAMED");
        String home = System.getProperty("tn4j.home");
        if (home != null) options.add("-Dtn4j.home=" + home);
        return options;
    }

    static int run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
