package org.tensornet4j.data;

import java.nio.file.Path;

/**
 * A structure file that cannot be read as its format says. The message starts with
 * {@code FILE:LINE:} (the compiler convention) so that editors and users find the spot; line
 * numbers start at 1. Thrown by every reader of structure files (XYZ here; PDB and JSON in the CLI).
 */
public final class StructureFormatException extends IllegalArgumentException {
    private final Path file;
    private final int line;
    private final String problem;

    public StructureFormatException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
        this.problem = message;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The message without the {@code FILE:LINE:} prefix. */
    public String problem() {
        return problem;
    }
}
