package org.tensornet4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.checkpoint.TorchCheckpointWriter;
import org.tensornet4j.data.Molecule;
import org.tensornet4j.model.ModelLoader;
import org.tensornet4j.model.Ops;
import org.tensornet4j.model.TorchMDNet;
import org.tensornet4j.torch.Torch;

/** Written checkpoints load back to a model with bit-identical outputs, with TorchMD-Net's keys and hyper-parameters. */
class CheckpointRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void newModelSavedAndLoadedGivesIdenticalOutputs() {
        Torch.init();
        List<Molecule> ms = TinyData.molecules(4, 3);
        TrainingConfig config = TrainingConfig.of(TinyData.config(Path.of("unused.h5"), tmp, 1), null);
        Map<String, Object> hp = ModelSetup.hyperParameters(config, ModelSetup.MODEL_DEFAULTS);
        Path file = tmp.resolve("model.ckpt");
        try (TorchMDNet model = ModelSetup.fresh(hp, Statistics.of(ms, true, true, 10), 9);
             PointerScope scope = new PointerScope()) {
            TorchCheckpointWriter.writeLightning(file, model.stateDict(), hp, 3, 42);
            Checkpoint read = Checkpoint.read(file);
            assertTrue(read.hyperParameters().keySet().containsAll(TrainingConfig.TORCHMDNET_TEMPLATE.keySet()),
                    "every TorchMD-Net hyper-parameter key is written");
            assertEquals(model.stateDict().size(), read.stateDict().size());
            for (String k : model.stateDict().keySet()) assertTrue(read.stateDict().containsKey("model." + k), k);
            try (TorchMDNet loaded = ModelLoader.build(file, read.hyperParameters(), read.stateDict())) {
                Batch b1 = Batch.of(ms, model.config().dtype());
                Batch b2 = Batch.of(ms, loaded.config().dtype());
                Prediction p1 = Prediction.of(model, b1, false);
                Prediction p2 = Prediction.of(loaded, b2, false);
                assertArrayEquals(Ops.toDoubles(p1.energy()), Ops.toDoubles(p2.energy()), 0.0);
                assertArrayEquals(Ops.toDoubles(p1.forces()), Ops.toDoubles(p2.forces()), 0.0);
            }
        }
    }

    @Test
    void fixtureCheckpointRewrittenKeepsItsOutputs() {
        Torch.init();
        Path fixture = TinyData.fixture("tn-priors.ckpt");
        Checkpoint original = Checkpoint.read(fixture);
        Path copy = tmp.resolve("copy.ckpt");
        try (TorchMDNet model = ModelSetup.load(fixture); PointerScope scope = new PointerScope()) {
            TorchCheckpointWriter.writeLightning(copy, model.stateDict(), original.hyperParameters(), 0, 0);
            try (TorchMDNet again = ModelSetup.load(copy)) {
                List<Molecule> ms = TinyData.molecules(2, 5);
                Prediction a = Prediction.of(model, Batch.of(ms, model.config().dtype()), false);
                Prediction b = Prediction.of(again, Batch.of(ms, again.config().dtype()), false);
                assertArrayEquals(Ops.toDoubles(a.energy()), Ops.toDoubles(b.energy()), 0.0);
                assertArrayEquals(Ops.toDoubles(a.forces()), Ops.toDoubles(b.forces()), 0.0);
            }
            for (var e : original.stateDict().entrySet()) {
                Tensor t = Checkpoint.read(copy).stateDict().get(e.getKey());
                assertTrue(t != null, "key " + e.getKey() + " kept");
                assertArrayEquals(Ops.shape(e.getValue()), Ops.shape(t), e.getKey());
            }
        }
    }
}
