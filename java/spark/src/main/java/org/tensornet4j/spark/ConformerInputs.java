package org.tensornet4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tensornet4j.data.ExtendedXyz;
import org.tensornet4j.data.Hdf5Dataset;
import org.tensornet4j.data.Molecule;

/**
 * Reads conformer tables from TorchMD-Net HDF5 ({@code .h5}, {@code .hdf5}), extended XYZ
 * ({@code .xyz}, {@code .extxyz}) and Parquet (a file or a directory, {@code .parquet}). Spark has no
 * HDF5 data source, so the driver only lists each HDF5 file's groups and sizes and cuts them into
 * row ranges; the tasks read their ranges. An XYZ file is one task (its frames have no index). HDF5
 * and XYZ files must be at the same path on every executor (a shared file system); Parquet may be
 * anywhere Spark reads (HDFS, S3, ...).
 *
 * <p>Ids: the Parquet table's own; {@code FILE/GROUP/ROW} for HDF5 and {@code FILE/FRAME} for XYZ,
 * FILE being the file name without its folder.
 */
public final class ConformerInputs {
    /** Conformers per HDF5 task, unless told otherwise. */
    public static final int DEFAULT_SLICE_ROWS = 4096;

    private ConformerInputs() {}

    /** A part of one file that a task reads. */
    record Slice(String file, String group, int from, int to) implements Serializable {}

    /** The table of every input, in order; {@code inputs} are paths or globs (* ? [..] in the file name). */
    public static Dataset<Row> read(SparkSession spark, List<String> inputs, int sliceRows) {
        List<String> parquet = new ArrayList<>();
        List<Slice> slices = new ArrayList<>();
        for (String input : inputs) {
            for (Path file : expand(input)) {
                switch (format(file)) {
                    case "parquet" -> parquet.add(file.toString());
                    case "hdf5" -> slices.addAll(hdf5Slices(file, sliceRows));
                    case "xyz" -> slices.add(new Slice(file.toString(), null, 0, -1));
                    default -> throw new IllegalStateException("unreachable");
                }
            }
        }
        Dataset<Row> table = null;
        if (!slices.isEmpty()) {
            JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(slices, slices.size())
                    .flatMap(s -> read(s).stream().map(ConformerTable::row).iterator());
            table = spark.createDataFrame(rows, ConformerTable.SCHEMA);
        }
        if (!parquet.isEmpty()) {
            Dataset<Row> p = spark.read().parquet(parquet.toArray(String[]::new));
            ConformerTable.requireColumns(p.schema(), String.join(", ", parquet));
            p = withOptionalColumns(p);
            table = table == null ? p : table.unionByName(p);
        }
        if (table == null) throw new IllegalArgumentException("no input: give --input FILE or a glob");
        return table;
    }

    /** total_charge and cell where a Parquet table lacks them, so that every input has the same schema. */
    private static Dataset<Row> withOptionalColumns(Dataset<Row> p) {
        List<String> names = List.of(p.schema().fieldNames());
        if (!names.contains(ConformerTable.TOTAL_CHARGE)) p = p.withColumn(ConformerTable.TOTAL_CHARGE, org.apache.spark.sql.functions.lit(0.0));
        if (!names.contains(ConformerTable.CELL)) {
            p = p.withColumn(ConformerTable.CELL, org.apache.spark.sql.functions.lit(null)
                    .cast(ConformerTable.SCHEMA.apply(ConformerTable.CELL).dataType()));
        }
        return p.select(ConformerTable.ID, ConformerTable.ATOMIC_NUMBERS, ConformerTable.POSITIONS,
                ConformerTable.TOTAL_CHARGE, ConformerTable.CELL);
    }

    /** The conformers of one slice (runs in a task). */
    static List<Conformer> read(Slice s) {
        Path file = Path.of(s.file());
        String name = file.getFileName().toString();
        List<Conformer> out = new ArrayList<>();
        if (s.group() == null) {
            List<Molecule> frames = ExtendedXyz.read(file);
            for (int i = 0; i < frames.size(); i++) out.add(Conformer.of(name + "/" + i, frames.get(i)));
        } else {
            List<Molecule> rows = Hdf5Dataset.read(file, s.group(), s.from(), s.to());
            for (int i = 0; i < rows.size(); i++) out.add(Conformer.of(name + "/" + s.group() + "/" + (s.from() + i), rows.get(i)));
        }
        return out;
    }

    private static List<Slice> hdf5Slices(Path file, int sliceRows) {
        if (sliceRows < 1) throw new IllegalArgumentException("rows per HDF5 slice must be >= 1, got " + sliceRows);
        List<Slice> out = new ArrayList<>();
        for (Map.Entry<String, Integer> g : Hdf5Dataset.groupSizes(file).entrySet()) {
            for (int from = 0; from < g.getValue(); from += sliceRows) {
                out.add(new Slice(file.toString(), g.getKey(), from, Math.min(g.getValue(), from + sliceRows)));
            }
        }
        return out;
    }

    static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet") || Files.isDirectory(file)) return "parquet";
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) return "hdf5";
        if (name.endsWith(".xyz") || name.endsWith(".extxyz")) return "xyz";
        throw new IllegalArgumentException(file + ": unknown input format; give .h5/.hdf5 (TorchMD-Net HDF5), .xyz/.extxyz"
                + " (extended XYZ) or .parquet (a file, or a directory of a conformer table)");
    }

    /** A path, or the files that a glob in its last part matches (sorted, so the order is stable). */
    static List<Path> expand(String input) {
        Path path = Path.of(input);
        String last = path.getFileName() == null ? input : path.getFileName().toString();
        if (!last.matches(".*[*?\\[].*")) {
            if (!Files.exists(path)) throw new UncheckedIOException(new NoSuchFileException(input));
            return List.of(path);
        }
        Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + last);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> matcher.matches(f.getFileName())).sorted().toList();
            if (found.isEmpty()) throw new IllegalArgumentException("--input " + input + " matches no file");
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
