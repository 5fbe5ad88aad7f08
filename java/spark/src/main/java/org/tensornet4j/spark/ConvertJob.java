package org.tensornet4j.spark;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Writes the conformer table (Parquet) of HDF5, extended XYZ or Parquet inputs: {@code tn4j convert}. */
public final class ConvertJob {
    private ConvertJob() {}

    /** Converts and returns the number of conformers written; an existing output is refused. */
    public static long run(SparkSession spark, List<String> inputs, String output, int partitions, int sliceRows) {
        if (new java.io.File(output).exists()) {
            throw new IllegalArgumentException("output " + output + " exists: remove it or choose another --output");
        }
        Dataset<Row> table = ConformerInputs.read(spark, inputs, sliceRows);
        if (partitions > 0) table = table.repartition(partitions);
        table.write().mode(SaveMode.ErrorIfExists).parquet(output);
        return spark.read().parquet(output).count();
    }
}
