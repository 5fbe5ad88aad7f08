package org.tensornet4j.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The conformer table, one row per conformer (Parquet on disk):
 * {@code id string, atomic_numbers array<int>, positions array<double> (3N, Å), total_charge double,
 * cell array<double> (9, Å; null when not periodic)}.
 */
public final class ConformerTable {
    public static final String ID = "id";
    public static final String ATOMIC_NUMBERS = "atomic_numbers";
    public static final String POSITIONS = "positions";
    public static final String TOTAL_CHARGE = "total_charge";
    public static final String CELL = "cell";

    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(ID, DataTypes.StringType, false),
        DataTypes.createStructField(ATOMIC_NUMBERS, DataTypes.createArrayType(DataTypes.IntegerType, false), false),
        DataTypes.createStructField(POSITIONS, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
        DataTypes.createStructField(TOTAL_CHARGE, DataTypes.DoubleType, false),
        DataTypes.createStructField(CELL, DataTypes.createArrayType(DataTypes.DoubleType, false), true),
    });

    private ConformerTable() {}

    static Row row(Conformer c) {
        return RowFactory.create(c.id(), c.atomicNumbers(), c.positions(), c.totalCharge(), c.cell());
    }

    /**
     * A row of a table with these columns (others are ignored; {@code total_charge} and {@code cell} may be
     * missing). Nulls inside the arrays are refused here and become the row's status.
     */
    static Conformer conformer(Row r) {
        String id = r.getString(r.fieldIndex(ID));
        List<Integer> z = r.getList(r.fieldIndex(ATOMIC_NUMBERS));
        List<Double> pos = r.getList(r.fieldIndex(POSITIONS));
        int[] zi = new int[z.size()];
        for (int i = 0; i < zi.length; i++) zi[i] = requireValue(z.get(i), ATOMIC_NUMBERS, i);
        double[] p = doubles(pos, POSITIONS);
        double q = 0;
        int qi = index(r, TOTAL_CHARGE);
        if (qi >= 0 && !r.isNullAt(qi)) q = ((Number) r.get(qi)).doubleValue();
        double[] cell = null;
        int ci = index(r, CELL);
        if (ci >= 0 && !r.isNullAt(ci)) cell = doubles(r.getList(ci), CELL);
        return new Conformer(id, zi, p, q, cell);
    }

    /** The id of a row without reading the rest: what a status row of an unreadable conformer carries. */
    static String id(Row r) {
        return r.getString(r.fieldIndex(ID));
    }

    private static int index(Row r, String name) {
        return List.of(r.schema().fieldNames()).indexOf(name);
    }

    private static double[] doubles(List<? extends Number> values, String column) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = requireValue(values.get(i), column, i).doubleValue();
        return out;
    }

    private static <T> T requireValue(T v, String column, int i) {
        if (v == null) throw new IllegalArgumentException(column + "[" + i + "] is null");
        return v;
    }

    /** Refuses a table that lacks the columns scoring needs, naming them and the schema. */
    static void requireColumns(StructType schema, String source) {
        for (String name : List.of(ID, ATOMIC_NUMBERS, POSITIONS)) {
            if (!List.of(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException(source + " has no column '" + name + "': a conformer table has id,"
                        + " atomic_numbers array<int>, positions array<double> (3N, Å), total_charge, cell (optional);"
                        + " write one with tn4j convert");
            }
        }
    }
}
