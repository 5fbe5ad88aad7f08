package org.tensornet4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.data.ExtendedXyz;
import org.tensornet4j.torch.Ops;

/** Fine-tuning starts from a checkpoint: its architecture, standardisation and priors, with new weights written. */
class FineTuneTest {
    @TempDir
    Path tmp;

    @Test
    void fineTuningKeepsTheArchitectureAndChangesTheWeights() {
        org.tensornet4j.torch.Torch.init();
        Path data = tmp.resolve("tiny.xyz");
        ExtendedXyz.write(data, TinyData.molecules(12, 21));
        Path start = Fixtures.checkpoint("tn-priors");
        Map<String, Object> c = TinyData.config(data, tmp.resolve("ft"), 1);
        c.put("load_model", start.toString());
        c.put("lr", 1e-3);
        c.put("energy_unit", "kcal/mol");
        StringWriter log = new StringWriter();
        new Trainer(TrainingConfig.of(c, null), new PrintWriter(log)).run(false);
        assertTrue(log.toString().contains("'embedding_dimension' comes from"), log.toString());

        Checkpoint before = Checkpoint.read(start);
        Checkpoint after = Checkpoint.read(tmp.resolve("ft/last.ckpt"));
        for (String k : new String[] {"embedding_dimension", "num_layers", "prior_model", "cutoff_upper", "max_z"}) {
            assertEquals(before.hyperParameters().get(k), after.hyperParameters().get(k), k);
        }
        assertEquals("kcal/mol", after.hyperParameters().get("energy_unit"), "the config's energy_unit is recorded");
        assertEquals(before.stateDict().keySet(), after.stateDict().keySet());
        String w = "model.representation_model.layers.0.linears_tensor.0.weight";
        assertNotEquals(Ops.toDoubles(before.stateDict().get(w))[0], Ops.toDoubles(after.stateDict().get(w))[0], 0.0);
        String mean = "model.mean";
        assertEquals(Ops.toDoubles(before.stateDict().get(mean))[0], Ops.toDoubles(after.stateDict().get(mean))[0], 0.0);
    }

    @Test
    void namedDatasetsOtherThanFilesAreRefused() {
        Map<String, Object> c = TinyData.config(tmp.resolve("x.h5"), tmp, 1);
        c.put("dataset", "SPICE");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(TrainingConfig.of(c, null), new PrintWriter(new StringWriter())).run(false));
        assertTrue(e.getMessage().contains("dataset 'SPICE' is not supported"), e.getMessage());
    }
}
