package org.tensornet4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensornet4j.spark.SparkJobs;
import picocli.CommandLine.Option;

/** {@code --master} and {@code --conf}, shared by the commands that run a Spark job (score, convert). */
final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (spark://host:7077, yarn, local[4]); without it: the one spark-submit"
                + " gives, else an embedded local[*] Spark bound to 127.0.0.1 with its web UI off")
    String master;

    @Option(names = "--conf", paramLabel = "K=V", description = "a Spark setting, e.g. --conf spark.task.cpus=2; repeatable")
    List<String> conf = List.of();

    SparkJobs.Cluster cluster() {
        if (!SparkJobs.sparkPresent()) {
            throw new IllegalStateException("Apache Spark is not on the class path: run through ./tn4j, which adds"
                    + " java/spark/target/spark-classpath.txt, or through spark-submit (docs/spark.md)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String kv : conf) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--conf " + kv + " is not K=V: write e.g. --conf spark.task.cpus=2");
            settings.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return new SparkJobs.Cluster(master, settings);
    }
}
