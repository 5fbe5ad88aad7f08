package org.tensornet4j.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a tn4j job: the cluster's under spark-submit or --master, else an embedded local one. */
public final class SparkSessions {
    static final String ARTIFACT_ISOLATION = "spark.sql.artifact.isolation.enabled";

    private SparkSessions() {}

    /**
     * {@code master} when given; else the one spark-submit set (the {@code spark.master} property); else
     * an embedded {@code local[*]} bound to 127.0.0.1 with the web UI off.
     */
    public static SparkSession open(String appName, String master, Map<String, String> conf) {
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
            b.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
            b.config("spark.ui.enabled", "false");
        }
        b.config("spark.ui.showConsoleProgress", "false"); // tn4j draws its own progress bar
        // Spark 4 runs SQL jobs with the session's own artifact set, which leaves out the files of
        // SparkContext.addFile: executors on a cluster would not get the checkpoints (local mode hides
        // this, the driver's copy being at hand). One session per job: nothing to isolate.
        b.config(ARTIFACT_ISOLATION, "false");
        for (Map.Entry<String, String> e : conf.entrySet()) b.config(e.getKey(), e.getValue());
        return b.getOrCreate();
    }
}
