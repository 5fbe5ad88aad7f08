package org.tensornet4j.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tn4j run Script.java [ARGS]}: a single-file Java program with tensornet4j on its class path. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a single-file Java program (java's source launcher) with the tensornet4j API on its"
            + " class path: the model, and OpenMM from Java where it is built. See docs/scripting.md."},
        footer = {"", "Example:", "  ./tn4j run examples/scripting/VacuumMd.java"})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "a .java file with a main method")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments passed to the script's main")
    List<String> args = List.of();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(script)) throw new NoSuchFileException(script.toString());
        if (!script.toString().endsWith(".java")) {
            throw new IllegalArgumentException(script + " is not a .java file: tn4j run takes a Java source file");
        }
        List<String> command = new ArrayList<>();
        command.add(ScriptProcess.tool("java").toString());
        command.addAll(ScriptProcess.jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(script.toString());
        command.addAll(args);
        return ScriptProcess.run(command);
    }
}
