package org.tensornet4j.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A section of a markdown file owned by one program, between {@code <!-- NAME:start -->} and
 * {@code <!-- NAME:end -->}: rewriting it leaves everything else in the file as it was, so
 * people can write around the generated tables.
 */
public final class MarkdownSection {
    private final String start;
    private final String end;

    public MarkdownSection(String name) {
        this.start = "<!-- " + name + ":start -->";
        this.end = "<!-- " + name + ":end -->";
    }

    /**
     * {@code document} with the section's content replaced by {@code body} (markers kept), or with
     * the section appended when it has none.
     *
     * @throws IllegalArgumentException when only one marker is present or they are out of order:
     *     replacing a guess could delete what a person wrote
     */
    public String replace(String document, String body) {
        String section = start + "\n" + body.strip() + "\n" + end;
        int s = document.indexOf(start);
        int e = document.indexOf(end);
        if (s < 0 && e < 0) {
            String before = document.isEmpty() || document.endsWith("\n\n") ? document
                    : document.endsWith("\n") ? document + "\n" : document + "\n\n";
            return before + section + "\n";
        }
        if (s < 0 || e < 0 || e < s || document.indexOf(start, s + 1) >= 0 || document.indexOf(end, e + 1) >= 0) {
            throw new IllegalArgumentException("expected exactly one '" + start + "' followed by one '" + end
                    + "'; fix the markers by hand");
        }
        return document.substring(0, s) + section + document.substring(e + end.length());
    }

    /**
     * Writes the section into {@code file}, creating the file (with a title) when it does not
     * exist. The new content goes to a temporary file in the same folder that then replaces the
     * old one in one step, so an interrupted run never leaves a half-written file.
     */
    public void writeInto(Path file, String body, String titleForNewFile) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        String old = Files.exists(target) ? Files.readString(target, StandardCharsets.UTF_8) : "# " + titleForNewFile + "\n\n";
        String updated = replace(old, body);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, updated, StandardCharsets.UTF_8);
            keepPermissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A temporary file is private (rw-------); the file it replaces keeps its own permissions. */
    private static void keepPermissions(Path tmp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to keep
        }
    }
}
