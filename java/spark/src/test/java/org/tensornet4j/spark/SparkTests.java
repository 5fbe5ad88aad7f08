package org.tensornet4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tensornet4j.data.Hdf5Dataset;
import org.tensornet4j.data.Molecule;

/** What the Spark tests share: the session (one per test class), test conformers, reading results by id. */
final class SparkTests {
    private SparkTests() {}

    /** An embedded session with 2 task slots and up to 2 attempts per task (local[2,2]). */
    static SparkSession session() {
        return SparkSessions.open("tn4j-test", "local[2,2]", Map.of(
                "spark.driver.bindAddress", "127.0.0.1", "spark.driver.host", "127.0.0.1", "spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "4"));
    }

    static Path repo() {
        return Path.of(System.getProperty("tn4j.fixtures")).getParent().getParent();
    }

    /** The GFN2-xTB test set of examples/data. */
    static Path xtbTest() {
        return repo().resolve("examples/data/xtb-gfn2-md-test.h5");
    }

    /** The first {@code perGroup} conformers of each group of the xTB test set. */
    static List<Molecule> molecules(int perGroup) {
        List<Molecule> out = new ArrayList<>();
        for (Map.Entry<String, Integer> g : Hdf5Dataset.groupSizes(xtbTest()).entrySet()) {
            out.addAll(Hdf5Dataset.read(xtbTest(), g.getKey(), 0, Math.min(perGroup, g.getValue())));
        }
        return out;
    }

    static List<Conformer> conformers(List<Molecule> molecules) {
        List<Conformer> out = new ArrayList<>();
        for (int i = 0; i < molecules.size(); i++) out.add(Conformer.of("c" + i, molecules.get(i)));
        return out;
    }

    static Dataset<Row> table(SparkSession spark, List<Conformer> conformers, int partitions) {
        List<Row> rows = conformers.stream().map(ConformerTable::row).toList();
        return spark.createDataFrame(rows, ConformerTable.SCHEMA).repartition(partitions);
    }

    /** Output rows by id; fails on a duplicate id. */
    static Map<String, Row> byId(Dataset<Row> scores) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : scores.collectAsList()) {
            if (out.put(r.getString(r.fieldIndex("id")), r) != null) throw new AssertionError("duplicate id " + r.getString(0));
        }
        return out;
    }

    static Comparator<Row> byIdOrder() {
        return Comparator.comparing(r -> r.getString(r.fieldIndex("id")));
    }
}
