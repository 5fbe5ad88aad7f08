package org.tensornet4j.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a structure file in the format its extension names: .pdb, .xyz or .json (any case). */
public final class StructureFiles {
    public static final String SUPPORTED = ".pdb, .xyz, .json";

    private StructureFiles() {
    }

    public static Structure read(Path file) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Reader reader;
        if (name.endsWith(".pdb")) {
            reader = PdbReader::read;
        } else if (name.endsWith(".xyz")) {
            reader = XyzReader::read;
        } else if (name.endsWith(".json")) {
            reader = JsonStructureReader::read;
        } else {
            throw new IllegalArgumentException("cannot tell the format of " + file + " from its extension; supported: " + SUPPORTED);
        }
        // Checked here rather than left to the reader: NoSuchFileException's message is only the path.
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("input file not found: " + file);
        if (!Files.isReadable(file)) throw new IllegalArgumentException("input file is not readable: " + file);
        return reader.read(file);
    }

    @FunctionalInterface
    private interface Reader {
        Structure read(Path file) throws IOException;
    }
}
