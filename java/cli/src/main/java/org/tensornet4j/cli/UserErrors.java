package org.tensornet4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.tensornet4j.checkpoint.CheckpointException;
import picocli.CommandLine;

/**
 * Turns the errors a user can fix (bad options, bad input files, bad checkpoints, I/O problems)
 * into one line on stderr, {@code tn4j: error: ...}, and exit code 2; no stack trace. Anything
 * else is a bug in tn4j and keeps picocli's default report (stack trace, exit code 1).
 */
final class UserErrors {
    static final int EXIT_CODE = CommandLine.ExitCode.USAGE; // 2, as for usage errors
    static final String PREFIX = "tn4j: error: ";

    private UserErrors() {
    }

    static CommandLine install(CommandLine cmd) {
        cmd.setParameterExceptionHandler(UserErrors::usageError);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = message(e);
            if (message == null) throw e;
            commandLine.getErr().println(PREFIX + message);
            commandLine.getErr().flush();
            return EXIT_CODE;
        });
        return cmd;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(PREFIX + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        err.flush();
        return EXIT_CODE;
    }

    /** The one-line message for a user error, or null when {@code e} is a bug. */
    static String message(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) return message(u.getCause());
        if (e instanceof NoSuchFileException f) return "no such file: " + f.getFile();
        if (e instanceof AccessDeniedException f) return "permission denied: " + f.getFile();
        // IllegalStateException: the potential refuses a state it cannot work in (a foreign LibTorch
        // in the process, a non-finite result) and says why; other RuntimeExceptions are bugs.
        if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof CheckpointException
                || e instanceof IllegalStateException) {
            return text(e);
        }
        return null;
    }

    private static String text(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
