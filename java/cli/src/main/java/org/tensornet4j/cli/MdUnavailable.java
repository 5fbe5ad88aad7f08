package org.tensornet4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code tn4j md} where java/openmm was not built (no OpenMM headers): says how to get it. */
@Command(name = "md", mixinStandardHelpOptions = true,
        description = "Molecular dynamics with OpenMM (not built here: OpenMM was not found).",
        footer = {"", "Example:", "  ./tn4j md --help"})
final class MdUnavailable implements Runnable {
    @Unmatched
    java.util.List<String> ignored;

    @Override
    public void run() {
        throw new IllegalStateException("tn4j md needs OpenMM: install libopenmm-dev (Debian) and rebuild"
                + " (cmake --build build, or mvn -B install)");
    }
}
