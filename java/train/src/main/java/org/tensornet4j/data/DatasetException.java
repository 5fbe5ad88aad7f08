package org.tensornet4j.data;

import java.nio.file.Path;

/** A dataset file that cannot be used; the message names the file, the place in it and the fix. */
public final class DatasetException extends IllegalArgumentException {
    public DatasetException(Path file, String message) {
        super("dataset " + file + ": " + message);
    }

    public DatasetException(Path file, String message, Throwable cause) {
        super("dataset " + file + ": " + message, cause);
    }
}
