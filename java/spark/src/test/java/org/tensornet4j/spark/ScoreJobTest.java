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
        System.out.println("worst energy diff " + worstE + " forces diff " + worstF);
        assertTrue(worstE < 1e-4, "energy differs by " + worstE);
        assertTrue(worstF < 1e-4, "forces differ by " + worstF);
    }
}
