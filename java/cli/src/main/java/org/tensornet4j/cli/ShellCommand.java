package org.tensornet4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tn4j shell}: JShell with tensornet4j on the class path and its API imported. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Start JShell with the tensornet4j API on the class path and imported (org.tensornet4j,"
            + " and org.tensornet4j.openmm with its mapping where OpenMM is built)."},
        footer = {"", "Example:", "  ./tn4j shell"})
final class ShellCommand implements Callable<Integer> {
    static final List<String> IMPORTS = List.of("org.tensornet4j.*", "org.tensornet4j.openmm.*",
            "org.tensornet4j.openmm.mapping.*");

    @Override
    public Integer call() throws Exception {
        Path startup = Files.createTempFile("tn4j-shell", ".jsh");
        startup.toFile().deleteOnExit();
        StringBuilder imports = new StringBuilder();
        for (String i : IMPORTS) {
            String pkg = i.substring(0, i.length() - 2);
            // only the packages this build has (java/openmm is optional)
            if (getClass().getClassLoader().getDefinedPackage(pkg) != null || packageExists(pkg)) {
                imports.append("import ").append(i).append(";\n");
            }
        }
        imports.append("System.out.println(\"tensornet4j: API imported; /exit to leave\");\n");
        Files.writeString(startup, imports);
        List<String> command = new ArrayList<>();
        command.add(ScriptProcess.tool("jshell").toString());
        command.add("--class-path");
        command.add(System.getProperty("java.class.path"));
        for (String option : ScriptProcess.jvmOptions()) command.add("-R" + option);
        command.add("--startup");
        command.add("DEFAULT");
        command.add("--startup");
        command.add(startup.toString());
        return ScriptProcess.run(command);
    }

    private static boolean packageExists(String pkg) {
        return ShellCommand.class.getClassLoader().getResource(pkg.replace('.', '/')) != null;
    }
}
