package org.tensornet4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Device;
import org.tensornet4j.Ensemble;
import org.tensornet4j.Fixtures;
import org.tensornet4j.Potential;
import org.tensornet4j.PotentialOutput;
import org.tensornet4j.neighbors.NeighborStrategy;

/** The scoring job on an embedded local[2,2] session, against single-molecule compute. */
class ScoreJobTest {
    static SparkSession spark;
    static List<Conformer> conformers;
    static List<ModelFile> ensemble;
    static List<Path> ensemblePaths = List.of(Fixtures.checkpoint("tn-small"), Fixtures.checkpoint("tn-f64"));

    @BeforeAll
    static void start() {
        spark = SparkTests.session();
        conformers = SparkTests.conformers(SparkTests.molecules(12)); // 11 groups: 132 conformers, 7 to 24 atoms
        ensemble = new ArrayList<>();
        for (Path p : ensemblePaths) ensemble.add(ModelFile.ship(spark.sparkContext(), p));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static ScoreOptions options(List<ModelFile> models, int batchAtoms) {
        return new ScoreOptions(models, Map.of(), "cpu", true, batchAtoms, false, false, 0.05, 10);
    }

    @Test
    void ensembleScoresEqualSingleMoleculeCompute() {
        Map<String, Row> rows = SparkTests.byId(ScoreJob.score(SparkTests.table(spark, conformers, 3), options(ensemble, 128), null));
        assertEquals(conformers.size(), rows.size());
        double worstE = 0, worstF = 0;
        try (Potential p = Ensemble.load(ensemblePaths, Device.CPU, NeighborStrategy.AUTO)) {
            for (Conformer c : conformers) {
                Row r = rows.get(c.id());
                assertEquals("ok", r.getAs("status"), c.id());
                PotentialOutput want = p.compute(c.system());
                worstE = Math.max(worstE, Math.abs(want.energy()[0] - r.<Double>getAs("energy")));
                worstE = Math.max(worstE, Math.abs(want.energyStd()[0] - r.<Double>getAs("energy_std")));
                List<Float> f = r.getList(r.fieldIndex("forces"));
                List<Float> fs = r.getList(r.fieldIndex("forces_std"));
                double max = 0;
                for (int i = 0; i < c.atoms(); i++) {
                    double n = 0;
                    for (int k = 0; k < 3; k++) {
                        worstF = Math.max(worstF, Math.abs(want.forces()[i][k] - f.get(3 * i + k)));
                        worstF = Math.max(worstF, Math.abs(want.forcesStd()[i][k] - fs.get(3 * i + k)));
                        n += want.forces()[i][k] * want.forces()[i][k];
                    }
                    max = Math.max(max, Math.sqrt(n));
                }
                assertEquals(max, r.<Double>getAs("max_force"), 1e-5 * Math.max(1, max));
            }
        }
        // float32 models: a batched evaluation rounds differently from a single one (measured 3e-6)
        assertTrue(worstE < 2e-5, "energy differs by " + worstE);
        assertTrue(worstF < 2e-5, "forces differ by " + worstF);
    }

    /** Partitioning and batching change nothing but rounding: float64 model, agreement to 1e-10. */
    @Test
    void sameScoresForAnyPartitioningAndBatchSize() {
        ModelFile f64 = ModelFile.ship(spark.sparkContext(), Fixtures.checkpoint("tn-f64"));
        Map<String, Row> reference = null;
        for (int[] run : new int[][] {{1, 1}, {2, 64}, {7, 4096}, {2, 1000}}) {
            Dataset<Row> scores = ScoreJob.score(SparkTests.table(spark, conformers, run[0]), options(List.of(f64), run[1]), null);
            Map<String, Row> rows = SparkTests.byId(scores); // fails on a duplicate id
            assertEquals(conformers.size(), scores.count(), "rows for " + run[0] + " partitions, batch " + run[1]);
            assertEquals(conformers.stream().map(Conformer::id).collect(java.util.stream.Collectors.toSet()), rows.keySet());
            if (reference == null) {
                reference = rows;
                continue;
            }
            for (Map.Entry<String, Row> e : rows.entrySet()) {
                Row want = reference.get(e.getKey()), got = e.getValue();
                assertEquals("ok", got.getAs("status"));
                double scale = Math.abs(want.<Double>getAs("energy"));
                assertEquals(want.<Double>getAs("energy"), got.<Double>getAs("energy"), 1e-10 * Math.max(1, scale), e.getKey());
                List<Float> fw = want.getList(want.fieldIndex("forces")), fg = got.getList(got.fieldIndex("forces"));
                for (int i = 0; i < fw.size(); i++) assertEquals(fw.get(i), fg.get(i), 1e-6f, e.getKey());
            }
        }
    }

    /** Unknown element, NaN, too many neighbours, wrong length: a status each, the others scored. */
    @Test
    void badRowsGetAStatusAndTheRestAreScored() {
        List<Conformer> rows = new ArrayList<>(conformers.subList(0, 20));
        Conformer good = conformers.get(0);
        rows.add(new Conformer("unknown-element", new int[] {6, 150}, new double[] {0, 0, 0, 1.4, 0, 0}, 0, null));
        double[] nan = good.positions().clone();
        nan[4] = Double.NaN;
        rows.add(new Conformer("nan", good.atomicNumbers(), nan, 0, null));
        rows.add(new Conformer("short-positions", new int[] {6, 6}, new double[] {0, 0, 0, 1.4}, 0, null));
        rows.add(crowded("too-many-neighbours"));
        ScoreOptions o = new ScoreOptions(ensemble.subList(0, 1), Map.of(), "cpu", false, 64, false, false, 0.05, 10);
        Map<String, Row> out = SparkTests.byId(ScoreJob.score(SparkTests.table(spark, rows, 2), o, null));
        assertEquals(rows.size(), out.size());
        for (Conformer c : rows.subList(0, 20)) assertEquals("ok", out.get(c.id()).getAs("status"));
        assertStatus(out, "unknown-element", "150");
        assertStatus(out, "nan", "NaN");
        assertStatus(out, "short-positions", "3N");
        assertStatus(out, "too-many-neighbours", "too many neighbours");
        assertNull(out.get("nan").getAs("energy"));

        ScoreOptions failFast = new ScoreOptions(o.models(), Map.of(), "cpu", false, 64, true, false, 0.05, 10);
        Exception e = assertThrows(Exception.class, () -> ScoreJob.score(SparkTests.table(spark, rows, 2), failFast, null).count());
        assertTrue(String.valueOf(e.getMessage()).contains("--fail-fast"), e.getMessage());
    }

    /** 80 carbon atoms 0.4 Å apart: more pairs than max_num_neighbors (64) x atoms. */
    static Conformer crowded(String id) {
        int[] z = new int[80];
        double[] pos = new double[240];
        for (int i = 0; i < 80; i++) {
            z[i] = 6;
            pos[3 * i] = 0.4 * (i % 5);
            pos[3 * i + 1] = 0.4 * ((i / 5) % 4);
            pos[3 * i + 2] = 0.4 * (i / 20);
        }
        return new Conformer(id, z, pos, 0, null);
    }

    static void assertStatus(Map<String, Row> out, String id, String fragment) {
        String status = out.get(id).getAs("status");
        assertTrue(status.contains(fragment), id + ": " + status);
    }

    /** The first attempt of partition 0 fails; Spark retries it (local[2,2]: 2 attempts) and every row is scored. */
    @Test
    void aTaskThatFailsOnceIsRetried() {
        ScoreOptions o = options(ensemble.subList(0, 1), 256);
        spark.sparkContext().setLocalProperty(Scorer.FAIL_FIRST_ATTEMPT, "true");
        try {
            Map<String, Row> out = SparkTests.byId(ScoreJob.score(SparkTests.table(spark, conformers, 2), o, null));
            assertEquals(conformers.size(), out.size());
            out.values().forEach(r -> assertEquals("ok", r.getAs("status")));
        } finally {
            spark.sparkContext().setLocalProperty(Scorer.FAIL_FIRST_ATTEMPT, null);
        }
    }

    @Test
    void aWrongChecksumIsRefusedOnTheExecutor() {
        ModelFile shipped = ensemble.get(0);
        ModelFile tampered = new ModelFile(shipped.name(), "0".repeat(64));
        Exception e = assertThrows(Exception.class,
                () -> ScoreJob.score(SparkTests.table(spark, conformers.subList(0, 4), 1), options(List.of(tampered), 64), null).count());
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains(shipped.name()), e.getMessage());
    }

    /**
     * A fail-fast job dies at a bad conformer after some chunks are written; --resume (without
     * fail-fast) completes it, and the final table equals a clean run's.
     */
    @Test
    void resumeAfterAnInterruptedJobGivesTheCleanRunsTable(@TempDir Path dir) throws Exception {
        List<Conformer> rows = new ArrayList<>(conformers.subList(0, 60));
        String bad = lastChunkId(4);
        rows.add(new Conformer(bad, new int[] {6, 150}, new double[] {0, 0, 0, 1.4, 0, 0}, 0, null));
        Path parquet = dir.resolve("in.parquet");
        SparkTests.table(spark, rows, 3).write().parquet(parquet.toString());
        List<String> in = List.of(parquet.toString());
        ScoreOptions strict = new ScoreOptions(ensemble.subList(0, 1), Map.of(), "cpu", false, 128, true, false, 0.05, 10);
        ScoreOptions lenient = new ScoreOptions(ensemble.subList(0, 1), Map.of(), "cpu", false, 128, false, false, 0.05, 10);

        ScoreJob.Request interrupted = new ScoreJob.Request(in, dir.resolve("resumed").toString(), "parquet", 0, 16, false, 1000);
        assertThrows(Exception.class, () -> ScoreJob.run(spark, interrupted, strict, null));
        long partial = ScoreJob.readOutput(spark, interrupted).count();
        assertTrue(partial > 0 && partial < rows.size(), "rows written before the failure: " + partial);

        ScoreJob.Request resume = new ScoreJob.Request(in, interrupted.output(), "parquet", 0, 16, true, 1000);
        ScoreJob.Summary s = ScoreJob.run(spark, resume, lenient, null);
        assertEquals(partial, s.skipped());
        ScoreJob.Request clean = new ScoreJob.Request(in, dir.resolve("clean").toString(), "parquet", 0, 16, false, 1000);
        ScoreJob.run(spark, clean, lenient, null);

        Map<String, Row> a = SparkTests.byId(ScoreJob.readOutput(spark, resume));
        Map<String, Row> b = SparkTests.byId(ScoreJob.readOutput(spark, clean));
        assertEquals(b.keySet(), a.keySet());
        assertEquals(rows.size(), a.size());
        for (String id : a.keySet()) assertEquals(b.get(id), a.get(id), id);
        assertTrue(a.get(bad).<String>getAs("status").contains("150"));
        assertTrue(java.nio.file.Files.readString(Path.of(resume.output(), ScoreJob.MANIFEST)).contains("\"sha256\""));
        ScoreOptions otherModel = new ScoreOptions(ensemble.subList(1, 2), Map.of(), "cpu", false, 128, false, false, 0.05, 10);
        Exception e = assertThrows(IllegalArgumentException.class, () -> ScoreJob.run(spark, resume, otherModel, null));
        assertTrue(e.getMessage().contains("other models"), e.getMessage());
    }

    /** An id that the job's chunking (pmod(hash(id), chunks)) puts in the last chunk. */
    static String lastChunkId(int chunks) {
        for (int i = 0; ; i++) {
            String id = "bad" + i;
            int chunk = spark.sql("SELECT pmod(hash('" + id + "'), " + chunks + ")").first().getInt(0);
            if (chunk == chunks - 1) return id;
        }
    }

    /** The same conformers as TorchMD-Net HDF5, extended XYZ and Parquet (tn4j convert) score the same. */
    @Test
    void hdf5XyzAndParquetInputsGiveIdenticalScores(@TempDir Path dir) {
        List<org.tensornet4j.data.Molecule> molecules = SparkTests.molecules(5);
        Path h5 = dir.resolve("set.h5"), xyz = dir.resolve("set.xyz"), parquet = dir.resolve("set.parquet");
        org.tensornet4j.data.Hdf5Dataset.write(h5, molecules);
        org.tensornet4j.data.ExtendedXyz.write(xyz, molecules);
        assertEquals(molecules.size(), ConvertJob.run(spark, List.of(h5.toString()), parquet.toString(), 3, 7));
        ScoreOptions o = new ScoreOptions(List.of(ModelFile.ship(spark.sparkContext(), Fixtures.checkpoint("tn-f64"))),
                Map.of(), "cpu", false, 100, false, false, 0.05, 10);
        Map<String, Double> reference = null;
        for (Path input : List.of(h5, xyz, parquet)) {
            Dataset<Row> table = ConformerInputs.read(spark, List.of(input.toString()), 7); // 7 rows per HDF5 task
            Map<String, String> keyOf = new java.util.HashMap<>();
            for (Row r : table.collectAsList()) {
                Conformer c = ConformerTable.conformer(r);
                keyOf.put(c.id(), java.util.Arrays.toString(c.atomicNumbers()) + java.util.Arrays.toString(c.positions()));
            }
            assertEquals(molecules.size(), keyOf.size(), input.toString());
            Map<String, Double> energies = new java.util.HashMap<>();
            SparkTests.byId(ScoreJob.score(table, o, null)).forEach((id, r) -> energies.put(keyOf.get(id), r.getAs("energy")));
            assertEquals(molecules.size(), energies.size(), input + ": conformers lost or merged");
            if (reference == null) {
                reference = energies;
                continue;
            }
            assertEquals(reference.keySet(), energies.keySet(), input.toString());
            for (var e : energies.entrySet()) {
                assertEquals(reference.get(e.getKey()), e.getValue(), 1e-10 * Math.max(1, Math.abs(e.getValue())), input.toString());
            }
        }
    }

    /** --relax: FIRE lowers the energy to a geometry whose largest force is within the tolerance. */
    @Test
    void relaxWritesALowerEnergyGeometryWithinTheForceTolerance() {
        Path model = SparkTests.repo().resolve("examples/models/default.ckpt");
        List<Conformer> two = conformers.stream().filter(c -> c.atoms() <= 9).limit(2).toList();
        ScoreOptions o = new ScoreOptions(List.of(ModelFile.ship(spark.sparkContext(), model)), Map.of(), "cpu", false, 64,
                false, true, 0.05, 1000);
        Map<String, Row> out = SparkTests.byId(ScoreJob.score(SparkTests.table(spark, two, 1), o, null));
        try (Potential p = org.tensornet4j.TensorNetPotential.load(model)) {
            for (Conformer c : two) {
                Row r = out.get(c.id());
                assertEquals("ok", r.getAs("status"));
                assertTrue(r.<Boolean>getAs("relax_converged"), c.id() + " after " + r.getAs("relax_steps") + " steps");
                assertTrue(r.<Double>getAs("relaxed_energy") < r.<Double>getAs("energy"), c.id());
                List<Double> x = r.getList(r.fieldIndex("relaxed_positions"));
                double[] flat = x.stream().mapToDouble(Double::doubleValue).toArray();
                PotentialOutput at = p.compute(new Conformer("x", c.atomicNumbers(), flat, 0, null).system());
                assertEquals(at.totalEnergy(), r.<Double>getAs("relaxed_energy"), 1e-9);
                assertTrue(Scorer.maxNorm(Scorer.flat(at.forces())) <= 0.05, c.id());
            }
        }
    }
}
