package org.tensornet4j.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.data.ExtendedXyz;
import org.tensornet4j.data.StructureFormatException;

/**
 * Reads a structure file in the format its extension names: .pdb, .xyz (the first frame, read by the
 * dataset reader {@link ExtendedXyz}) or .json (any case).
 */
public final class StructureFiles {
    public static final String SUPPORTED = ".pdb, .xyz, .json";

    private StructureFiles() {
    }

    /**
     * The atoms of {@code file}. Format errors name file and line; a consistency error across fields
     * (a batch with gaps, one charge per molecule) names the file.
     */
    public static AtomicSystem read(Path file) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Reader reader;
        if (name.endsWith(".pdb")) {
            reader = PdbReader::read;
        } else if (name.endsWith(".xyz")) {
            reader = xyz -> ExtendedXyz.readFirst(xyz).system();
        } else if (name.endsWith(".json")) {
            reader = JsonStructureReader::read;
        } else {
            throw new IllegalArgumentException("cannot tell the format of " + file + " from its extension; supported: " + SUPPORTED);
        }
        // Checked here rather than left to the reader: NoSuchFileException's message is only the path.
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("input file not found: " + file);
        if (!Files.isReadable(file)) throw new IllegalArgumentException("input file is not readable: " + file);
        try {
            return reader.read(file);
        } catch (StructureFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Reader {
        AtomicSystem read(Path file) throws IOException;
    }
}
