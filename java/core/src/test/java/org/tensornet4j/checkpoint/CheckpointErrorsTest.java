package org.tensornet4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensornet4j.Fixtures;

/** Every way a file can be unusable ends in a CheckpointException that names the file and the problem. */
class CheckpointErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void missingFile() {
        assertFails(tmp.resolve("nowhere.ckpt"), "does not exist");
    }

    @Test
    void directory() {
        assertFails(tmp, "is a directory");
    }

    @Test
    void emptyFile() throws IOException {
        assertFails(Files.write(tmp.resolve("empty.ckpt"), new byte[0]), "is empty");
    }

    @Test
    void textFileIsNotAZipCheckpoint() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.ckpt"), "model: tensornet\n");
        CheckpointException e = assertFails(file, "not a PyTorch zip checkpoint");
        assertMentions(e, "legacy");
        assertMentions(e, "torch.save");
    }

    @Test
    void barePickleIsTheLegacyFormat() throws IOException {
        Path file = Files.write(tmp.resolve("legacy.pt"), new PickleBytes().proto(2).emptyDict().stop().bytes());
        CheckpointException e = assertFails(file, "legacy (non-zip) torch.save format");
        assertMentions(e, "re-save it with a recent torch.save");
    }

    @Test
    void truncatedCheckpoint() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.checkpoint("tn-small"));
        Path file = Files.write(tmp.resolve("half.ckpt"), Arrays.copyOf(whole, whole.length / 2));
        CheckpointException e = assertFails(file, "damaged");
        assertMentions(e, "truncated or corrupt");
    }

    @Test
    void zipWithoutDataPkl() throws IOException {
        Path file = tmp.resolve("other.zip");
        Archives.write(file, Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        assertFails(file, "without a 'data.pkl' entry");
    }

    @Test
    void torchScriptArchive() throws IOException {
        Path file = tmp.resolve("model.pt");
        Archives.write(file, Map.of("model/data.pkl", new byte[] {'.'}, "model/constants.pkl", new byte[] {'.'}));
        assertFails(file, "TorchScript");
    }

    @Test
    void missingStorageEntry() throws IOException {
        Path file = Archives.edited(Fixtures.checkpoint("tn-small"), tmp.resolve("holes.ckpt"), entries -> {
            entries.remove("tn-small/data/4");
            return entries;
        });
        CheckpointException e = assertFails(file, "storage entry 'tn-small/data/4'");
        assertMentions(e, "is missing");
        assertMentions(e, "model.representation_model.tensor_embedding.distance_proj1.weight");
    }

    @Test
    void storageShorterThanItsElementCount() throws IOException {
        Path file = Archives.edited(Fixtures.checkpoint("tn-small"), tmp.resolve("short.ckpt"), entries -> {
            entries.put("tn-small/data/4", Arrays.copyOf(entries.get("tn-small/data/4"), 100));
            return entries;
        });
        CheckpointException e = assertFails(file, "'tn-small/data/4' holds 100 bytes but 512 elements of float32 need 2048");
        assertMentions(e, "truncated or corrupt");
    }

    @Test
    void viewReachingPastItsStorage() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).emptyOrderedDict().mark()
                .str("w").tensor("FloatStorage", "0", 4, 1, new long[] {2, 2}, new long[] {2, 1}).setitems().stop();
        Path file = zip("past.pt", p, Archives.floats(1, 2, 3, 4));
        CheckpointException e = assertFails(file, "tensor 'w'");
        assertMentions(e, "reaches element 4 of storage '0', which holds only 4 elements");
    }

    @Test
    void unsupportedDtype() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).emptyOrderedDict().mark()
                .str("q").tensor("QUInt8Storage", "0", 4, 0, new long[] {4}, new long[] {1}).setitems().stop();
        CheckpointException e = assertFails(zip("quant.pt", p, new byte[4]), "torch.QUInt8Storage");
        assertMentions(e, "unsupported dtype");
    }

    @Test
    void corruptPickle() throws IOException {
        Path file = Archives.edited(Fixtures.checkpoint("tn-small"), tmp.resolve("garbled.ckpt"), entries -> {
            byte[] pickle = entries.get("tn-small/data.pkl");
            entries.put("tn-small/data.pkl", Arrays.copyOf(pickle, pickle.length / 2));
            return entries;
        });
        assertFails(file, "'tn-small/data.pkl' is not a valid torch.save pickle");
    }

    @Test
    void topLevelObjectIsNotADict() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).global("torchmdnet.models.model", "TorchMD_Net").emptyTuple()
                .op(0x81).emptyDict().build().stop();
        assertFails(zip("module.pt", p, new byte[0]), "an instance of torchmdnet.models.model.TorchMD_Net, not a dict");
    }

    @Test
    void lightningDictWithoutStateDict() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).emptyDict().mark().str("epoch").integer(3)
                .str("hyper_parameters").emptyDict().setitems().stop();
        CheckpointException e = assertFails(zip("nostate.ckpt", p, new byte[0]), "no 'state_dict' entry");
        assertMentions(e, "[epoch, hyper_parameters]");
    }

    @Test
    void stateDictEntryThatIsNotATensor() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).emptyDict().mark().str("state_dict").emptyDict()
                .str("model.w").integer(1).setitem().setitems().stop();
        assertFails(zip("int.ckpt", p, new byte[0]), "entry 'model.w' is an int, not a tensor");
    }

    @Test
    void ofReportsTheSameErrors() {
        Path missing = tmp.resolve("missing.pt");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoint.of(missing, Map.of("model", "tensornet")));
        assertEquals(missing, e.file());
    }

    private Path zip(String name, PickleBytes pickle, byte[] storage0) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle.bytes());
        entries.put("archive/data/0", storage0);
        Path file = tmp.resolve(name);
        Archives.write(file, entries);
        return file;
    }

    private static CheckpointException assertFails(Path file, String problem) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertMentions(e, file.toString());
        assertMentions(e, problem);
        assertEquals(file, e.file());
        return e;
    }

    private static void assertMentions(CheckpointException e, String text) {
        assertTrue(e.getMessage().contains(text), () -> "expected '" + text + "' in: " + e.getMessage());
    }
}
