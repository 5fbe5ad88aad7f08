package org.tensornet4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Device;
import org.tensornet4j.TensorNetPotential;
import org.tensornet4j.data.Hdf5Dataset;
import org.tensornet4j.data.Molecule;

/**
 * The throughput benchmark of docs/spark.md: conformers/s and atoms/s of the scoring job on an embedded
 * local[*] Spark against a plain loop over {@link TensorNetPotential#compute} in the same JVM, on the
 * same conformers: the HDF5 set given, or N conformers generated from it (each a copy of a set member
 * with its positions moved by up to 0.05 Å, seeded). The Spark time is the whole job (read the Parquet
 * table, score, write the Parquet output, manifest).
 *
 * <p>{@code java/spark/throughput MODEL H5 [N [BATCH_ATOMS,...]]} (docs/spark.md); batch-atoms 1 scores
 * one conformer per evaluation, as the plain loop does: Spark's own overhead.
 */
public final class ScoreThroughput {
    private ScoreThroughput() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path h5 = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int[] batches = java.util.Arrays.stream((args.length > 3 ? args[3] : "1," + ScoreOptions.DEFAULT_BATCH_ATOMS).split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<Molecule> set = Hdf5Dataset.read(h5);
        List<Conformer> conformers = new ArrayList<>();
        if (n == 0) {
            for (int i = 0; i < set.size(); i++) conformers.add(Conformer.of("c" + i, set.get(i)));
        } else {
            for (int i = 0; i < n; i++) conformers.add(jiggled("g" + i, set.get(i % set.size()), i));
        }
        long atoms = conformers.stream().mapToLong(Conformer::atoms).sum();
        System.out.printf("%d conformers, %d atoms, %d cores, model %s%n", conformers.size(), atoms,
                Runtime.getRuntime().availableProcessors(), model.getFileName());

        Path dir = Files.createTempDirectory("tn4j-throughput");
        SparkSession spark = SparkSessions.open("tn4j throughput", null, Map.of());
        try {
            Path table = dir.resolve("conformers.parquet");
            SparkTestsFree.table(spark, conformers).write().parquet(table.toString());
            for (int batchAtoms : batches) {
                long t0 = System.nanoTime();
                ScoreJob.Summary s = ScoreJob.run(spark, new ScoreJob.Request(List.of(table.toString()),
                        dir.resolve("out-" + batchAtoms).toString(), "parquet", 0, ScoreJob.DEFAULT_CHUNK_ROWS, false, 4096),
                        List.of(model), m -> new ScoreOptions(m, Map.of(), "cpu", true, batchAtoms, false, false, 0.05, 1),
                        null);
                report("spark local[*], batch-atoms " + batchAtoms + " (" + s.ok() + " ok)", conformers.size(), atoms, t0);
            }
        } finally {
            spark.stop();
        }

        try (TensorNetPotential p = TensorNetPotential.load(model, Device.CPU)) {
            p.compute(conformers.get(0).system()); // warm-up, as the Spark run's first conformers are
            long t0 = System.nanoTime();
            double sum = 0;
            for (Conformer c : conformers) {
                AtomicSystem s = c.system();
                sum += p.compute(s).totalEnergy();
            }
            report("plain loop over TensorNetPotential.compute (checksum " + (float) sum + ")", conformers.size(), atoms, t0);
        }
    }

    private static void report(String what, long conformers, long atoms, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-70s %8.1f s %9.1f conformers/s %11.0f atoms/s%n", what, s, conformers / s, atoms / s);
    }

    private static Conformer jiggled(String id, Molecule m, long seed) {
        Conformer c = Conformer.of(id, m);
        Random r = new Random(seed);
        double[] p = c.positions().clone();
        for (int i = 0; i < p.length; i++) p[i] += 0.05 * (2 * r.nextDouble() - 1);
        return new Conformer(id, c.atomicNumbers(), p, c.totalCharge(), c.cell());
    }

    /** A conformer table from a list (the benchmark's input, written once and not timed). */
    private static final class SparkTestsFree {
        static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table(SparkSession spark, List<Conformer> cs) {
            return spark.createDataFrame(cs.stream().map(ConformerTable::row).toList(), ConformerTable.SCHEMA)
                    .repartition(Math.max(2, cs.size() / 5000));
        }
    }
}
