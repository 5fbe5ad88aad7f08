package org.tensornet4j.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.spark.sql.SparkSession;

/**
 * The command line's way into Spark (tn4j score, tn4j convert): plain Java types only, so that the CLI
 * compiles and starts without Spark on its class path; Spark is needed once a job runs.
 */
public final class SparkJobs {
    private SparkJobs() {}

    /** Whether Spark's classes are on the class path (./tn4j and spark-submit put them there). */
    public static boolean sparkPresent() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, SparkJobs.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Where Spark runs: {@code master} null for spark-submit's or an embedded local one; extra Spark settings. */
    public record Cluster(String master, Map<String, String> conf) {}

    /** What {@code tn4j score} asked for (see {@link ScoreOptions} and {@link ScoreJob.Request}). */
    public record Score(List<Path> models, Map<String, Object> overrides, String device, boolean forces, int batchAtoms,
            boolean failFast, boolean relax, double relaxFmax, int relaxSteps, List<String> inputs, String output,
            String format, int partitions, long chunkRows, boolean resume, boolean progress) {}

    /** The counts of a finished score job. */
    public record Result(long input, long skipped, long scored, long ok, long failed, double seconds) {}

    public static Result score(Cluster cluster, Score s) {
        SparkSession spark = SparkSessions.open("tn4j score", cluster.master(), cluster.conf());
        try {
            ScoreJob.Request req = new ScoreJob.Request(s.inputs(), s.output(), s.format(), s.partitions(), s.chunkRows(),
                    s.resume(), ConformerInputs.DEFAULT_SLICE_ROWS);
            ScoreJob.Summary r = ScoreJob.run(spark, req, s.models(),
                    models -> new ScoreOptions(models, s.overrides(), s.device(), s.forces(), s.batchAtoms(), s.failFast(),
                            s.relax(), s.relaxFmax(), s.relaxSteps()),
                    s.progress() ? SparkJobs::progressBar : null);
            return new Result(r.input(), r.skipped(), r.scored(), r.ok(), r.failed(), r.seconds());
        } catch (Exception e) { // SparkException is checked in Java but thrown unannounced by Scala code
            if (e instanceof org.apache.spark.SparkException) throw new IllegalStateException(rootMessage(e), e);
            throw e;
        } finally {
            spark.stop();
        }
    }

    /** Writes the conformer table of the inputs (Parquet); returns the number of conformers. */
    public static long convert(Cluster cluster, List<String> inputs, String output, int partitions) {
        SparkSession spark = SparkSessions.open("tn4j convert", cluster.master(), cluster.conf());
        try {
            return ConvertJob.run(spark, inputs, output, partitions, ConformerInputs.DEFAULT_SLICE_ROWS);
        } catch (Exception e) { // SparkException is checked in Java but thrown unannounced by Scala code
            if (e instanceof org.apache.spark.SparkException) throw new IllegalStateException(rootMessage(e), e);
            throw e;
        } finally {
            spark.stop();
        }
    }

    /**
     * A failed Spark job's message is the driver's stack trace; what the user needs is the first
     * line of the innermost cause (e.g. the conformer that failed with --fail-fast, the checksum).
     */
    static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String m = c.getMessage() == null ? c.toString() : c.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** conformers/s and time left on stderr, polled twice a second from the job's accumulator. */
    private static Thread progressBar(long total, java.util.function.LongSupplier done) {
        Thread t = new Thread(() -> {
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("scoring").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" conf", 1).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
                while (!Thread.currentThread().isInterrupted()) {
                    bar.stepTo(Math.min(total, done.getAsLong()));
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
                bar.stepTo(Math.min(total, done.getAsLong()));
            }
        }, "tn4j-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
