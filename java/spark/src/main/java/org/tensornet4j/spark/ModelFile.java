package org.tensornet4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;

/**
 * A checkpoint shipped to the executors with {@link SparkContext#addFile} and named there by its
 * file name; the SHA-256 taken on the driver is checked against the executor's copy before it loads,
 * so that a job never scores with a different model than the manifest records.
 */
public record ModelFile(String name, String sha256) implements Serializable {

    /** Hashes the file and adds it to the job's files. */
    public static ModelFile ship(SparkContext sc, Path checkpoint) {
        if (!Files.isRegularFile(checkpoint)) throw new UncheckedIOException(new NoSuchFileException(checkpoint.toString()));
        ModelFile m = new ModelFile(checkpoint.getFileName().toString(), sha256(checkpoint));
        sc.addFile(checkpoint.toAbsolutePath().toString());
        return m;
    }

    /** Checked copies, per path (the check reads the whole file: once per executor JVM). */
    private static final Map<Path, String> CHECKED = new ConcurrentHashMap<>();

    /** The executor's copy, after checking its checksum. */
    public Path local() {
        return verified(Path.of(SparkFiles.get(name)));
    }

    /** {@code file} if its SHA-256 is this model's; else an error naming both sums. */
    Path verified(Path file) {
        String actual = CHECKED.computeIfAbsent(file, ModelFile::sha256);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException("model " + name + " on this executor (" + file + ") has SHA-256 " + actual
                    + " but the driver shipped " + sha256 + ": the file changed while the job ran; refusing to score"
                    + " with a different model than the manifest records. Start the job again.");
        }
        return file;
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
