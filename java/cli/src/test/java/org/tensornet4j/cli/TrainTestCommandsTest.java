package org.tensornet4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;

/** {@code tn4j train} and {@code tn4j test} end to end on a tiny extended-XYZ dataset. */
class TrainTestCommandsTest {
    @TempDir
    Path tmp;

    /** Water-like triples with a harmonic-bond energy (any smooth labels do for plumbing). */
    private Path dataset() throws IOException {
        Random r = new Random(3);
        StringBuilder b = new StringBuilder();
        for (int m = 0; m < 16; m++) {
            double[][] p = {{0, 0, 0}, {0.96 + 0.1 * r.nextGaussian(), 0, 0}, {-0.24, 0.93 + 0.1 * r.nextGaussian(), 0.1 * r.nextGaussian()}};
            double e = 0;
            double[][] f = new double[3][3];
            for (int j = 1; j < 3; j++) {
                double d = Math.sqrt(p[j][0] * p[j][0] + p[j][1] * p[j][1] + p[j][2] * p[j][2]);
                e += (d - 0.96) * (d - 0.96);
                for (int k = 0; k < 3; k++) {
                    double g = 2 * (d - 0.96) * p[j][k] / d;
                    f[j][k] -= g;
                    f[0][k] += g;
                }
            }
            b.append("3\nProperties=species:S:1:pos:R:3:forces:R:3 energy=").append(e).append('\n');
            String[] s = {"O", "H", "H"};
            for (int a = 0; a < 3; a++) {
                b.append(s[a]);
                for (int k = 0; k < 3; k++) b.append(' ').append(p[a][k]);
                for (int k = 0; k < 3; k++) b.append(' ').append(f[a][k]);
                b.append('\n');
            }
        }
        Path file = tmp.resolve("water.xyz");
        Files.writeString(file, b);
        return file;
    }

    @Test
    void trainThenTestReportsErrors() throws IOException {
        Path data = dataset();
        Path config = tmp.resolve("train.yaml");
        Files.writeString(config, String.join("\n",
                "dataset_root: water.xyz", "log_dir: logs", "embedding_dimension: 8", "num_layers: 1", "num_rbf: 4",
                "cutoff_upper: 3.0", "max_z: 10", "batch_size: 4", "lr: 1.0e-3", "num_epochs: 2", "train_size: 12",
                "val_size: 2", "test_size: 2", "standardize: true", "prior_model: Atomref", "progress_bar: false", ""));
        MainTest.Run train = MainTest.run("train", "--input", config.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("epoch 1: train loss"), train.out());
        assertTrue(Files.exists(tmp.resolve("logs/best.ckpt")));

        MainTest.Run test = MainTest.run("test", "--model", tmp.resolve("logs/best.ckpt").toString(), "--input", data.toString());
        assertEquals(0, test.exitCode(), test.err());
        assertTrue(test.out().contains("molecules: 16"), test.out());
        assertTrue(test.out().matches("(?s).*energy MAE: [0-9.e-]+ E/molecule\n.*force MAE: [0-9.e-]+ E/Å per component\n.*"), test.out());
        // The old name of --input still works (scripts written before one CLI convention); JSON on request.
        MainTest.Run json = MainTest.run("test", "--model", tmp.resolve("logs/best.ckpt").toString(), "--data", data.toString(),
                "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals(16, report.get("molecules").asInt());
        assertTrue(report.get("force_mae").isNumber() && report.get("units").has("energy"), json.out());

        MainTest.Run again = MainTest.run("train", "--config", config.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already holds a run's outputs (best.ckpt, last.ckpt, resume.pt, metrics.csv")
                && again.err().contains("continue it with --resume, replace them with --overwrite"), again.err());
    }

    private Path smallConfig(String... extra) throws IOException {
        dataset();
        Path config = tmp.resolve("train.yaml");
        Files.writeString(config, String.join("\n",
                "dataset_root: water.xyz", "log_dir: logs", "embedding_dimension: 8", "num_layers: 1", "num_rbf: 4",
                "cutoff_upper: 3.0", "max_z: 10", "lr: 1.0e-3", "num_epochs: 1", "train_size: 12",
                "val_size: 2", "test_size: 2", "progress_bar: false", String.join("\n", extra), ""));
        return config;
    }

    /** A user's own files named like a run's outputs, without resume.pt: refused and left alone unless --overwrite. */
    @Test
    void trainRefusesAFolderWithAnotherRunsOutputsUnlessOverwrite() throws IOException {
        Path config = smallConfig("batch_size: 4");
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("best.ckpt"), "my model");
        Files.writeString(logs.resolve("metrics.csv"), "my metrics");
        MainTest.Run refused = MainTest.run("train", "--config", config.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("already holds a run's outputs (best.ckpt, metrics.csv)")
                && refused.err().contains("no resume.pt") && refused.err().contains("--overwrite"), refused.err());
        assertEquals("my model", Files.readString(logs.resolve("best.ckpt")));
        assertEquals("my metrics", Files.readString(logs.resolve("metrics.csv")));

        MainTest.Run both = MainTest.run("train", "--config", config.toString(), "--resume", "--overwrite");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("choose one"), both.err());

        MainTest.Run overwritten = MainTest.run("train", "--config", config.toString(), "--overwrite");
        assertEquals(0, overwritten.exitCode(), overwritten.err());
        assertTrue(Files.size(logs.resolve("best.ckpt")) > 1000 && Files.readString(logs.resolve("metrics.csv")).startsWith("epoch,"));
    }

    /** Batch sizes below 1: a usage error naming the option or key, not LibTorch's stack trace or a division by zero. */
    @Test
    void batchSizesBelowOneAreRefused() throws IOException {
        Path data = dataset();
        for (String size : new String[] {"0", "-3"}) {
            MainTest.Run r = MainTest.run("test", "--model", Fixtures.root().resolve("tensornet/tn-small.ckpt").toString(),
                    "--data", data.toString(), "--batch-size", size);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("tn4j: error: --batch-size must be at least 1 (molecules per evaluation), got " + size), r.err());
            assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
        }
        for (String key : new String[] {"batch_size", "inference_batch_size"}) {
            MainTest.Run r = MainTest.run("train", "--config", smallConfig(key + ": 0").toString(), "--overwrite");
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("config key '" + key + "' must be at least 1"), r.err());
        }
    }

    @Test
    void unknownConfigKeyIsAnError() throws IOException {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "dataset_root: x.h5\nlearning_rate: 0.1\n");
        MainTest.Run r = MainTest.run("train", "--config", config.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown config key(s) [learning_rate]"), r.err());
    }
}
