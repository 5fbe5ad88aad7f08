package org.tensornet4j.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import net.razorvine.pickle.PickleException;
import org.bytedeco.pytorch.Tensor;

/**
 * A TorchMD-Net checkpoint read without Python: the hyper-parameters as plain Java values and the
 * state dict as LibTorch CPU tensors.
 *
 * <p>Reads PyTorch's zip serialization (any {@code torch.save} since PyTorch 1.6): PyTorch Lightning
 * {@code .ckpt} files and bare {@code torch.save(state_dict)} files. Tensors keep the dtype they were
 * saved with, are contiguous, and own their memory. Like every JavaCPP object they are released by
 * the garbage collector, or earlier by an enclosing {@code PointerScope} that was open while the
 * checkpoint was read.
 *
 * <p>State-dict keys are exactly as stored (Lightning files prefix them with {@code model.}); see
 * {@code org.tensornet4j.model.TorchMdNetFixups} for the renames TorchMD-Net applies when it loads a model.
 */
public final class Checkpoint {
    private final Path source;
    private final Map<String, Object> hyperParameters;
    private final Map<String, Tensor> stateDict;

    private Checkpoint(Path source, Map<String, Object> hyperParameters, Map<String, Tensor> stateDict) {
        this.source = source;
        this.hyperParameters = hyperParameters;
        this.stateDict = Collections.unmodifiableMap(stateDict);
    }

    /**
     * Reads a Lightning checkpoint or a {@code torch.save(state_dict)} file.
     *
     * @throws CheckpointException if the file is missing, is not a PyTorch zip checkpoint, is damaged,
     *     or holds something other than a Lightning checkpoint or a state dict
     */
    public static Checkpoint read(Path file) {
        Objects.requireNonNull(file, "file");
        try (TorchZipArchive archive = TorchZipArchive.open(file)) {
            CheckpointContents contents = CheckpointContents.interpret(file, unpickle(archive));
            return load(archive, contents);
        }
    }

    /**
     * A {@code torch.save(state_dict)} file with hyper-parameters given separately (e.g. parsed from
     * the training YAML). If the file is a Lightning checkpoint its own hyper-parameters are replaced.
     * Numbers and containers in {@code hyperParameters} are normalised as described at
     * {@link #hyperParameters()}.
     */
    public static Checkpoint of(Path stateDictFile, Map<String, Object> hyperParameters) {
        Objects.requireNonNull(hyperParameters, "hyperParameters");
        Checkpoint weights = read(stateDictFile);
        return new Checkpoint(weights.source, PlainValues.toPlainMap(hyperParameters), weights.stateDict);
    }

    /** The file this checkpoint was read from. */
    public Path source() {
        return source;
    }

    /**
     * Hyper-parameters as unmodifiable plain values: String, Long (every Python int), Double
     * (including infinities and NaN), Boolean, null, List (lists and tuples) and Map with String keys.
     * Empty for a bare state-dict file read with {@link #read}.
     */
    public Map<String, Object> hyperParameters() {
        return hyperParameters;
    }

    /** Parameters and buffers by name, in file order; unmodifiable. */
    public Map<String, Tensor> stateDict() {
        return stateDict;
    }

    @Override
    public String toString() {
        return "Checkpoint[" + source + ", " + stateDict.size() + " tensors, " + hyperParameters.size()
                + " hyper-parameters]";
    }

    private static Object unpickle(TorchZipArchive archive) {
        TorchUnpickler unpickler = new TorchUnpickler();
        try (InputStream in = archive.openPickle()) {
            return unpickler.load(in);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | PickleException | ClassCastException | IndexOutOfBoundsException e) {
            // Malformed opcodes surface as whatever razorvine tripped over; to the user they all mean one thing.
            throw new CheckpointException(archive.file(), "'" + archive.pickleEntryName()
                    + "' is not a valid torch.save pickle (" + e + "); the file is corrupt or was not written by"
                    + " torch.save", e);
        } finally {
            unpickler.close();
        }
    }

    private static Checkpoint load(TorchZipArchive archive, CheckpointContents contents) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (TensorMaterializer materializer = new TensorMaterializer(archive)) {
            for (Map.Entry<String, TensorRef> e : contents.tensors().entrySet()) {
                tensors.put(e.getKey(), materializer.materialize(e.getKey(), e.getValue()));
            }
            Map<String, Object> hyperParameters = hyperParameters(archive, contents, materializer);
            return new Checkpoint(archive.file(), hyperParameters, tensors);
        } catch (RuntimeException e) {
            // Free what was built; a half-loaded checkpoint is never returned.
            tensors.values().forEach(Tensor::close);
            throw e;
        }
    }

    private static Map<String, Object> hyperParameters(TorchZipArchive archive, CheckpointContents contents,
            TensorMaterializer materializer) {
        try {
            return PlainValues.toPlainMap(contents.hyperParameters(),
                    ref -> materializer.materialize("hyper_parameters tensor", ref));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(archive.file(), "hyper_parameters cannot be converted: " + e.getMessage(), e);
        }
    }
}
