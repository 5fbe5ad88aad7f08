package org.tensornet4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The scores, one row per input row: {@code id}, {@code energy} (the model's unit), {@code forces}
 * array<float> (3N, with --forces), {@code max_force} (largest per-atom force norm), {@code energy_std}
 * and {@code forces_std} (an ensemble's spread, n - 1), with --relax {@code relaxed_positions},
 * {@code relaxed_energy}, {@code relax_steps}, {@code relax_converged}; and {@code status}: "ok", or
 * why this conformer has no scores (its numbers are then null).
 */
final class ScoreTable {
    static final String OK = "ok";

    private ScoreTable() {}

    static StructType schema(ScoreOptions o) {
        List<StructField> f = new ArrayList<>();
        f.add(field(ConformerTable.ID, DataTypes.StringType));
        f.add(field("energy", DataTypes.DoubleType));
        if (o.forces()) f.add(field("forces", floats()));
        f.add(field("max_force", DataTypes.DoubleType));
        if (o.ensemble()) {
            f.add(field("energy_std", DataTypes.DoubleType));
            if (o.forces()) f.add(field("forces_std", floats()));
        }
        if (o.relax()) {
            f.add(field("relaxed_positions", DataTypes.createArrayType(DataTypes.DoubleType, false)));
            f.add(field("relaxed_energy", DataTypes.DoubleType));
            f.add(field("relax_steps", DataTypes.IntegerType));
            f.add(field("relax_converged", DataTypes.BooleanType));
        }
        f.add(field("status", DataTypes.StringType));
        return new StructType(f.toArray(StructField[]::new));
    }

    private static DataType floats() {
        return DataTypes.createArrayType(DataTypes.FloatType, false);
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, !name.equals(ConformerTable.ID) && !name.equals("status"));
    }

    /** A scored conformer. */
    static Row row(ScoreOptions o, String id, Score s) {
        List<Object> v = new ArrayList<>();
        v.add(id);
        v.add(s.energy());
        if (o.forces()) v.add(floats(s.forces()));
        v.add(s.maxForce());
        if (o.ensemble()) {
            v.add(s.energyStd());
            if (o.forces()) v.add(floats(s.forcesStd()));
        }
        if (o.relax()) {
            Fire.Result r = s.relaxed();
            v.add(r.positions());
            v.add(r.energy());
            v.add(r.steps());
            v.add(r.converged());
        }
        v.add(OK);
        return RowFactory.create(v.toArray());
    }

    /** A conformer without scores: its id and why. */
    static Row failed(ScoreOptions o, String id, String status) {
        Object[] v = new Object[schema(o).size()];
        v[0] = id;
        v[v.length - 1] = status;
        return RowFactory.create(v);
    }

    private static float[] floats(double[] d) {
        if (d == null) return null;
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    /** One conformer's results (forces flat [3N]; std fields null without an ensemble; relaxed null without --relax). */
    record Score(double energy, double[] forces, double maxForce, Double energyStd, double[] forcesStd, Fire.Result relaxed) {}
}
