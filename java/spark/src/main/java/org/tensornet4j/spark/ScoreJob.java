package org.tensornet4j.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The scoring job: reads the conformer table, scores it on the executors and writes one output row per
 * input row plus {@code _manifest.json}. The input is scored in chunks (by a hash of the id), each
 * written when done: an interrupted job keeps its finished chunks, and {@code resume} scores only the
 * ids not yet in the output.
 */
public final class ScoreJob {
    public static final String MANIFEST = "_manifest.json";
    /** Conformers per chunk (one Spark job, appended to the output when done), unless told otherwise. */
    public static final long DEFAULT_CHUNK_ROWS = 200_000;

    /**
     * Where and how.
     *
     * @param inputs      paths or globs (HDF5, extended XYZ, Parquet)
     * @param output      output directory
     * @param format      "parquet" or "jsonl"
     * @param partitions  repartition the input to this many partitions; 0: as read
     * @param chunkRows   conformers per chunk
     * @param resume      keep the output's rows and score only the missing ids
     * @param sliceRows   conformers per HDF5 task ({@link ConformerInputs#DEFAULT_SLICE_ROWS})
     */
    public record Request(List<String> inputs, String output, String format, int partitions, long chunkRows, boolean resume,
            int sliceRows) {
        public Request {
            if (!format.equals("parquet") && !format.equals("jsonl")) {
                throw new IllegalArgumentException("unknown output format '" + format + "': use parquet or jsonl");
            }
            if (partitions < 0) throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
            if (chunkRows < 1) throw new IllegalArgumentException("chunk rows must be >= 1, got " + chunkRows);
        }
    }

    /** What a run did. */
    public record Summary(long input, long skipped, long scored, long ok, long failed, double seconds) {}

    private ScoreJob() {}

    /**
     * Runs the job. {@code progress} receives (total to score) once and then the running count of scored
     * conformers; may be null.
     */
    public static Summary run(SparkSession spark, Request req, List<Path> models, ScoreOptionsBuilder options, Progress progress) {
        long start = System.nanoTime();
        FileSystem fs = fileSystem(spark, req.output());
        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(req.output());
        boolean exists = exists(fs, out);
        if (exists && !req.resume()) {
            throw new IllegalArgumentException("output " + req.output() + " exists: give --resume to score only the conformers"
                    + " not yet in it, or choose another --output");
        }
        List<ModelFile> shipped = new ArrayList<>();
        for (Path m : models) shipped.add(ModelFile.ship(spark.sparkContext(), m));
        ScoreOptions opts = options.build(shipped);
        return run(spark, req, opts, progress, start, fs, out, exists);
    }

    /** As above with models already shipped (and their checksums fixed): the executors check against these. */
    public static Summary run(SparkSession spark, Request req, ScoreOptions opts, Progress progress) {
        FileSystem fs = fileSystem(spark, req.output());
        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(req.output());
        return run(spark, req, opts, progress, System.nanoTime(), fs, out, exists(fs, out));
    }

    private static Summary run(SparkSession spark, Request req, ScoreOptions opts, Progress progress, long start,
            FileSystem fs, org.apache.hadoop.fs.Path out, boolean exists) {
        if (exists) requireSameModels(fs, out, opts);
        Dataset<Row> input = ConformerInputs.read(spark, req.inputs(), req.sliceRows());
        if (req.partitions() > 0) input = input.repartition(req.partitions());
        long total = -1;
        long skipped = 0;
        if (exists && req.resume() && hasRows(fs, out)) {
            Dataset<Row> done = readOutput(spark, req).select(ConformerTable.ID);
            total = input.count();
            input = input.join(done, input.col(ConformerTable.ID).equalTo(done.col(ConformerTable.ID)), "left_anti");
        }
        input = input.persist(StorageLevel.MEMORY_AND_DISK());
        long todo = input.count();
        if (total < 0) total = todo;
        skipped = total - todo;
        // Written now as well, so that an interrupted job's output says which models it holds (checked on --resume).
        writeManifest(fs, out, spark, req, opts, null);
        LongAccumulator scored = spark.sparkContext().longAccumulator("tn4j scored");
        Thread ticker = progress == null ? null : progress.start(todo, scored::value);
        try {
            long chunks = Math.max(1, (todo + req.chunkRows() - 1) / req.chunkRows());
            for (long c = 0; c < chunks; c++) {
                Dataset<Row> part = chunks == 1 ? input
                        : input.filter(functions.pmod(functions.hash(functions.col(ConformerTable.ID)), functions.lit(chunks)).equalTo(c));
                write(score(part, opts, scored), req);
            }
        } finally {
            if (ticker != null) {
                ticker.interrupt();
                try {
                    ticker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            input.unpersist();
        }
        // One pass over the output: all rows, and those with status ok.
        Row counts = readOutput(spark, req).agg(functions.count(functions.lit(1)),
                functions.sum(functions.when(functions.col("status").equalTo(ScoreTable.OK), 1).otherwise(0))).first();
        long rows = counts.getLong(0);
        long ok = counts.isNullAt(1) ? 0 : counts.getLong(1);
        Summary s = new Summary(total, skipped, todo, ok, rows - ok, (System.nanoTime() - start) / 1e9);
        writeManifest(fs, out, spark, req, opts, s);
        return s;
    }

    /** The scores of a conformer table (lazily; nothing runs until the result is used). */
    public static Dataset<Row> score(Dataset<Row> conformers, ScoreOptions opts, LongAccumulator progress) {
        ConformerTable.requireColumns(conformers.schema(), "the input");
        MapPartitionsFunction<Row, Row> f = rows -> Scorer.score(rows, opts, progress);
        return conformers.mapPartitions(f, ExpressionEncoder.apply(ScoreTable.schema(opts)));
    }

    private static void write(Dataset<Row> scores, Request req) {
        var w = scores.write().mode(SaveMode.Append);
        if (req.format().equals("jsonl")) w.json(req.output());
        else w.parquet(req.output());
    }

    /** The output written so far. */
    public static Dataset<Row> readOutput(SparkSession spark, Request req) {
        return req.format().equals("jsonl") ? spark.read().json(req.output()) : spark.read().parquet(req.output());
    }

    private static FileSystem fileSystem(SparkSession spark, String output) {
        try {
            return new org.apache.hadoop.fs.Path(output).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether an output directory holds data files (an interrupted job may have left only the manifest). */
    private static boolean hasRows(FileSystem fs, org.apache.hadoop.fs.Path out) {
        try {
            for (var f : fs.listStatus(out)) {
                String name = f.getPath().getName();
                if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean exists(FileSystem fs, org.apache.hadoop.fs.Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest; {@code s} null: the job is running (no counts yet). */
    private static void writeManifest(FileSystem fs, org.apache.hadoop.fs.Path out, SparkSession spark, Request req,
            ScoreOptions opts, Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, String>> models = new ArrayList<>();
        for (ModelFile f : opts.models()) {
            Map<String, String> model = new LinkedHashMap<>();
            model.put("file", f.name());
            model.put("sha256", f.sha256());
            models.add(model);
        }
        m.put("models", models);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("inputs", req.inputs());
        o.put("output_format", req.format());
        o.put("forces", opts.forces());
        o.put("batch_atoms", opts.batchAtoms());
        o.put("device", opts.device());
        o.put("set", opts.overrides());
        o.put("fail_fast", opts.failFast());
        o.put("relax", opts.relax());
        if (opts.relax()) {
            o.put("relax_fmax", opts.relaxFmax());
            o.put("relax_steps", opts.relaxSteps());
        }
        o.put("resume", req.resume());
        m.put("options", o);
        m.put("state", s == null ? "running" : "done");
        if (s != null) putCounts(m, s);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("tensornet4j", BuildInfo.version());
        v.put("spark", spark.version());
        v.put("java", System.getProperty("java.version"));
        m.put("versions", v);
        m.put("master", spark.sparkContext().master());
        m.put("written", Instant.now().toString());
        try (OutputStream os = fs.create(new org.apache.hadoop.fs.Path(out, MANIFEST), true)) {
            os.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + MANIFEST + " in " + out + ": " + e.getMessage(), e);
        }
    }

    /** --resume into an output scored with other models would mix two models' scores in one table. */
    private static void requireSameModels(FileSystem fs, org.apache.hadoop.fs.Path out, ScoreOptions opts) {
        org.apache.hadoop.fs.Path manifest = new org.apache.hadoop.fs.Path(out, MANIFEST);
        try {
            if (!fs.exists(manifest)) return;
            List<String> before = new ArrayList<>();
            try (var in = fs.open(manifest)) {
                new ObjectMapper().readTree(in).path("models").forEach(n -> before.add(n.path("sha256").asText()));
            }
            List<String> now = opts.models().stream().map(ModelFile::sha256).toList();
            if (!before.equals(now)) {
                throw new IllegalArgumentException("output " + out + " holds scores of other models (SHA-256 " + before
                        + ", now " + now + "): resume with the same --model files, or choose another --output");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }

    private static void putCounts(Map<String, Object> m, Summary s) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("input", s.input());
        counts.put("skipped_already_scored", s.skipped());
        counts.put("scored_now", s.scored());
        counts.put("ok", s.ok());
        counts.put("failed", s.failed());
        m.put("counts", counts);
        m.put("seconds", s.seconds());
    }

    /** Builds the options once the models are shipped (their checksums are part of them). */
    @FunctionalInterface
    public interface ScoreOptionsBuilder {
        ScoreOptions build(List<ModelFile> models);
    }

    /** Shows progress: {@link #start} returns a daemon thread that polls the count until interrupted. */
    public interface Progress {
        Thread start(long total, java.util.function.LongSupplier done);
    }
}
