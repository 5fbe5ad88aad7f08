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
import org.tensornet4j.Fixtures;
import org.tensornet4j.checkpoint.Checkpoint;
import org.tensornet4j.checkpoint.TorchCheckpointWriter;
import org.tensornet4j.data.Molecule;
import org.tensornet4j.model.ModelLoader;
import org.tensornet4j.model.TorchMDNet;
import org.tensornet4j.torch.Ops;
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
            assertTorchLayout(file);
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

    /**
     * The zip holds what torch.load expects, and the pickle names only globals that torch.load's
     * weights_only unpickler allows (OrderedDict, _rebuild_tensor_v2, typed storages).
     */
    private static void assertTorchLayout(Path file) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertTrue(names.containsAll(List.of("model/data.pkl", "model/version", "model/byteorder", "model/data/0")), names.toString());
            byte[] pickle = zip.getInputStream(zip.getEntry("model/data.pkl")).readAllBytes();
            assertEquals(0x80, pickle[0] & 0xff);
            assertEquals(2, pickle[1]);
            java.util.Set<String> globals = globals(pickle);
            assertEquals(java.util.Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch.FloatStorage"), globals);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Walks the opcodes torch.save's protocol-2 pickles use and collects the GLOBALs; fails on any other opcode. */
    private static java.util.Set<String> globals(byte[] p) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(p).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int op = b.get() & 0xff;
            switch (op) {
                case 0x80 -> b.get();
                case 'N', 0x88, 0x89, '(', 't', ']', 'e', ')', 'R', '}', 'u', 'Q' -> { }
                case 'J' -> b.getInt();
                case 0x8a -> skip(b, b.get() & 0xff);
                case 'G' -> b.getLong();
                case 'X' -> skip(b, b.getInt());
                case 'c' -> out.add(line(b) + "." + line(b));
                case '.' -> {
                    assertEquals(p.length, b.position(), "STOP is the last opcode");
                    return out;
                }
                default -> throw new AssertionError("unexpected pickle opcode 0x" + Integer.toHexString(op) + " at " + (b.position() - 1));
            }
        }
        throw new AssertionError("pickle without STOP");
    }

    private static void skip(java.nio.ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    private static String line(java.nio.ByteBuffer b) {
        StringBuilder s = new StringBuilder();
        for (char c = (char) b.get(); c != '\n'; c = (char) b.get()) s.append(c);
        return s.toString();
    }

    @Test
    void newModelHasTheStateDictOfTorchMdNetsModelWithTheSameHyperParameters() {
        Torch.init();
        Checkpoint reference = Checkpoint.read(Fixtures.checkpoint("tn-small"));
        Map<String, Object> hp = new java.util.LinkedHashMap<>(reference.hyperParameters());
        try (TorchMDNet model = ModelSetup.fresh(hp, new Statistics(0, 1, null), 1); PointerScope scope = new PointerScope()) {
            Map<String, Tensor> ours = model.stateDict();
            assertEquals(reference.stateDict().size(), ours.size());
            for (var e : reference.stateDict().entrySet()) {
                String key = e.getKey().substring("model.".length());
                assertTrue(ours.containsKey(key), "missing " + key);
                assertArrayEquals(Ops.shape(e.getValue()), Ops.shape(ours.get(key)), key);
            }
        }
    }

    @Test
    void fixtureCheckpointRewrittenKeepsItsOutputs() {
        Torch.init();
        Path fixture = Fixtures.checkpoint("tn-priors");
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
