package org.tensornet4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a run writes into log_dir, and whether a new run may start there. A fresh run would replace
 * best.ckpt, metrics.csv and the rest without a word, and a folder can hold a run's outputs
 * without the resume.pt that marks a resumable run (copied results, an older tool's run, a user's
 * own files): any of them stops a fresh run unless the user said --overwrite.
 */
final class RunOutputs {
    /** The fixed names a run writes (epoch=N.ckpt come on top, see {@link #found}). */
    static final List<String> NAMES = List.of(Trainer.BEST, Trainer.LAST, Trainer.RESUME, TrainingLog.CSV, TrainingLog.PNG,
            Trainer.SPLITS, Trainer.TEST_REPORT);

    private RunOutputs() {}

    /**
     * Checks that a run may start in {@code dir}; with {@code overwrite}, removes the outputs of the run
     * found there first, so that the folder never mixes two runs (no stale epoch=N.ckpt).
     */
    static void prepare(Path dir, boolean resume, boolean overwrite) {
        if (resume && overwrite) {
            throw new IllegalArgumentException("--resume continues the run in " + dir + " and --overwrite replaces it: choose one");
        }
        if (resume) {
            if (!Files.exists(dir.resolve(Trainer.RESUME))) {
                throw new IllegalArgumentException("nothing to resume: " + dir.resolve(Trainer.RESUME)
                        + " does not exist (run without --resume to start)");
            }
            return;
        }
        List<Path> found = found(dir);
        if (found.isEmpty()) return;
        if (!overwrite) {
            boolean resumable = found.contains(dir.resolve(Trainer.RESUME));
            throw new IllegalArgumentException("log_dir " + dir + " already holds a run's outputs (" + names(found) + "): "
                    + (resumable ? "continue it with --resume, replace them with --overwrite"
                                 : "it has no " + Trainer.RESUME + " to continue from; replace them with --overwrite")
                    + " or choose another log_dir");
        }
        for (Path f : found) {
            try {
                Files.delete(f);
            } catch (IOException e) {
                throw new UncheckedIOException("--overwrite: cannot remove " + f + ": " + e.getMessage(), e);
            }
        }
    }

    /** The run outputs present in {@code dir}, fixed names first, then epoch=N.ckpt by name. */
    static List<Path> found(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        for (String name : NAMES) {
            if (Files.exists(dir.resolve(name))) out.add(dir.resolve(name));
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("epoch=\\d+\\.ckpt")).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list log_dir " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String names(List<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path f : files) names.add(f.getFileName().toString());
        return String.join(", ", names);
    }
}
