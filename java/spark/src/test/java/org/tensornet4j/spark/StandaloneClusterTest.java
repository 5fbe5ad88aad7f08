package org.tensornet4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;

/**
 * A real cluster on this machine: a Spark standalone master and two workers, each a separate JVM
 * started from Spark's own classes on 127.0.0.1; the scoring job is submitted to it (executors are
 * further JVMs, started by the workers) and its results equal an embedded local run's.
 */
class StandaloneClusterTest {
    @TempDir
    static Path dir;
    static final List<Process> started = new ArrayList<>();
    static String masterUrl;

    @BeforeAll
    static void startCluster() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        masterUrl = "spark://127.0.0.1:" + port;
        started.add(start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", "0"));
        for (int w = 0; w < 2; w++) {
            Path work = Files.createDirectories(dir.resolve("worker" + w));
            started.add(start("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString(), masterUrl));
        }
    }

    /** A JVM on this test's class path (Spark and tensornet4j), output to a log file in the temp folder. */
    static Process start(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("tn4j.spark.jvm.options").trim().split("\\s+")));
        cmd.add("-Xmx512m");
        cmd.add("-Dlog4j2.configurationFile=classpath:tn4j-spark-quiet.properties");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        // Executors get their class path from spark.executor.extraClassPath, not from a Spark distribution.
        pb.environment().put("SPARK_HOME", dir.toString());
        pb.environment().put("SPARK_TESTING", "1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        for (Process p : started) p.destroy(); // the workers stop their executors on the way out
        for (Process p : started) p.waitFor();
    }

    /**
     * The cluster's scores equal single-molecule compute in this JVM, which ScoreJobTest shows the
     * embedded local run equals (to float32 rounding of batched evaluation).
     */
    @Test
    void scoresOnAStandaloneClusterEqualTheLocalRun() throws Exception {
        List<Conformer> conformers = SparkTests.conformers(SparkTests.molecules(3));
        Path table = dir.resolve("in.parquet");
        java.util.Map<String, org.tensornet4j.PotentialOutput> local = new java.util.HashMap<>();
        try (org.tensornet4j.Potential p = org.tensornet4j.Ensemble.load(List.of(Fixtures.checkpoint("tn-small"),
                Fixtures.checkpoint("tn-f64")), org.tensornet4j.Device.CPU, org.tensornet4j.neighbors.NeighborStrategy.AUTO)) {
            for (Conformer c : conformers) local.put(c.id(), p.compute(c.system()));
        }

        SparkSession cluster = SparkSessions.open("tn4j-cluster-test", masterUrl, Map.of(
                "spark.driver.bindAddress", "127.0.0.1", "spark.driver.host", "127.0.0.1", "spark.ui.enabled", "false",
                "spark.executor.memory", "512m", "spark.executor.cores", "1", "spark.cores.max", "2",
                "spark.executor.extraClassPath", System.getProperty("java.class.path"),
                "spark.executor.extraJavaOptions", "-Dlog4j2.configurationFile=classpath:tn4j-spark-quiet.properties"));
        try {
            SparkTests.table(cluster, conformers, 2).write().parquet(table.toString());
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (cluster.sparkContext().statusTracker().getExecutorInfos().length < 3) { // the driver and two executors
                assertTrue(System.nanoTime() < deadline, "the two workers' executors did not register in 120 s; see " + dir);
                Thread.sleep(200);
            }
            ScoreJob.Request req = new ScoreJob.Request(List.of(table.toString()), dir.resolve("out").toString(), "parquet",
                    4, 1000, false, 1000);
            ScoreJob.Summary s = ScoreJob.run(cluster, req, options(cluster), null);
            assertEquals(conformers.size(), s.ok());
            Map<String, Row> remote = SparkTests.byId(ScoreJob.readOutput(cluster, req));
            assertEquals(local.keySet(), remote.keySet());
            for (String id : local.keySet()) {
                assertEquals(local.get(id).energy()[0], remote.get(id).<Double>getAs("energy"), 2e-5, id);
                assertEquals(local.get(id).energyStd()[0], remote.get(id).<Double>getAs("energy_std"), 2e-5, id);
                assertEquals("ok", remote.get(id).getAs("status"));
            }
            String manifest = Files.readString(Path.of(req.output(), ScoreJob.MANIFEST));
            assertTrue(manifest.contains(masterUrl), manifest);
        } finally {
            cluster.stop();
        }
    }

    /** An ensemble of two, shipped with addFile (the executors fetch and check them). */
    static ScoreOptions options(SparkSession spark) {
        List<ModelFile> models = List.of(ModelFile.ship(spark.sparkContext(), Fixtures.checkpoint("tn-small")),
                ModelFile.ship(spark.sparkContext(), Fixtures.checkpoint("tn-f64")));
        return new ScoreOptions(models, Map.of(), "cpu", true, 256, false, false, 0.05, 10);
    }
}
