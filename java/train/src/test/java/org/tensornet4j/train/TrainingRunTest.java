package org.tensornet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.data.Hdf5Dataset;
import org.tensornet4j.data.Molecule;

/** Short real training runs on a tiny HDF5 dataset: the loss goes down, and a resumed run continues identically. */
class TrainingRunTest {
    @TempDir
    static Path tmp;
    static Path dataset;

    @BeforeAll
    static void data() {
        Torch();
        List<Molecule> ms = TinyData.molecules(32, 7);
        dataset = tmp.resolve("tiny.h5");
        Hdf5Dataset.write(dataset, ms);
    }

    private static void Torch() { org.tensornet4j.torch.Torch.init(); }

    private static List<TrainingLog.Row> train(Path logDir, int epochs, boolean resume) {
        Map<String, Object> c = TinyData.config(dataset, logDir, epochs);
        c.put("early_stopping_patience", 0);
        new Trainer(TrainingConfig.of(c, null), new PrintWriter(new StringWriter())).run(resume);
        return new TrainingLog(logDir, Long.MAX_VALUE).rows();
    }

    @Test
    void trainingLowersTheLossAndWritesItsFiles() {
        Path dir = tmp.resolve("lowers");
        List<TrainingLog.Row> rows = train(dir, 6, false);
        assertEquals(6, rows.size());
        double first = rows.get(0).trainLoss();
        double last = rows.get(rows.size() - 1).trainLoss();
        assertTrue(last < 0.7 * first, "train loss went from " + first + " to " + last);
        assertTrue(rows.get(rows.size() - 1).valLoss() < rows.get(0).valLoss(), "validation loss did not drop: " + rows);
        for (String f : List.of("best.ckpt", "last.ckpt", "resume.pt", "metrics.csv", "learning-curve.png", "splits.txt", "test.txt")) {
            assertTrue(Files.exists(dir.resolve(f)), f + " missing");
        }
    }

    @Test
    void resumedRunContinuesIdentically() {
        List<TrainingLog.Row> straight = train(tmp.resolve("straight"), 4, false);
        Path dir = tmp.resolve("interrupted");
        train(dir, 2, false);
        List<TrainingLog.Row> resumed = train(dir, 4, true);
        assertEquals(straight.size(), resumed.size());
        for (int i = 0; i < straight.size(); i++) {
            assertEquals(straight.get(i).trainLoss(), resumed.get(i).trainLoss(), 0.0, "train loss, epoch " + i);
            assertEquals(straight.get(i).valLoss(), resumed.get(i).valLoss(), 0.0, "val loss, epoch " + i);
            assertEquals(straight.get(i).lr(), resumed.get(i).lr(), 0.0, "lr, epoch " + i);
        }
    }
}
