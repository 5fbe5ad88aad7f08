package org.tensornet4j.cli.io;

import java.nio.file.Path;

/**
 * A structure file that cannot be read as its format says. The message starts with
 * {@code FILE:LINE:} (the compiler convention) so that editors and users find the spot; line
 * numbers start at 1.
 */
public final class StructureFormatException extends IllegalArgumentException {
    private final Path file;
    private final int line;

    public StructureFormatException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
