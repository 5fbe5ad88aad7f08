package org.tensornet4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build is: its version, the Spark it was built against, Spark's JVM options (build.properties). */
public final class BuildInfo {
    private static final Properties P = load();

    private BuildInfo() {}

    public static String version() { return P.getProperty("version"); }

    public static String builtAgainstSpark() { return P.getProperty("spark.version"); }

    /** The --add-opens list an embedded Spark needs on JDK 17 (spark-submit adds it itself). */
    public static String jvmOptions() { return P.getProperty("jvm.options"); }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) throw new IllegalStateException("build.properties is missing from tensornet4j-spark: rebuild it");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
