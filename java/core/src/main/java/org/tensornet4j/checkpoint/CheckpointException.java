package org.tensornet4j.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint file could not be read. The message always names the file and says what is wrong
 * with it and, where there is one, what to do about it, because the user usually cannot see inside
 * the archive to find out.
 */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** @param file the checkpoint file; {@code problem} is appended after its name */
    public CheckpointException(Path file, String problem) {
        super(describe(file, problem));
        this.file = file;
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super(describe(file, problem), cause);
        this.file = file;
    }

    /** The file that could not be read (may be null when the problem has no file). */
    public Path file() {
        return file;
    }

    private static String describe(Path file, String problem) {
        return "checkpoint " + (file == null ? "<unknown file>" : file.toString()) + ": " + problem;
    }
}
