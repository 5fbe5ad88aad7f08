package org.tensornet4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tn4j}: evaluate and benchmark TorchMD-Net TensorNet checkpoints from the command line. */
@Command(name = "tn4j",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "TensorNet (TorchMD-Net) potentials in Java on LibTorch.",
        footer = {"", "Example:", "  ./tn4j eval --model examples/models/default.ckpt \\",
            "      --input examples/molecules/caffeine.pdb",
            "See 'tn4j COMMAND --help' for a command's options and an example."},
        subcommands = {EvalCommand.class, TrainCommand.class, TestCommand.class, BenchCommand.class, BenchNeighborsCommand.class,
            IpiCommand.class, ScoreCommand.class, ConvertCommand.class, RunCommand.class, ShellCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, with tn4j's error reporting; tests call this too. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        // tn4j md lives in java/openmm, built only where OpenMM is installed: there when its classes are
        try {
            cmd.addSubcommand(Class.forName("org.tensornet4j.openmm.cli.MdCommand").getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            cmd.addSubcommand(new MdUnavailable());
        }
        return UserErrors.install(cmd);
    }

    /** Without a subcommand: show what there is. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: use eval, train, test, bench, bench-neighbors, ipi, score, convert, md, run or shell"
                        + " (see tn4j --help)");
    }
}
