package org.tensornet4j.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Turns {@link TensorRef}s into LibTorch CPU tensors. Each storage entry is read once into a
 * native tensor (two parameters may share a storage), then every tensor is cut out of it with its
 * own offset, size and stride and copied into fresh contiguous memory, so the results own their
 * memory and outlive this object, the archive and the shared storages.
 *
 * <p>Bytes go straight from the zip stream into memory that LibTorch allocated, never into a
 * tensor that wraps a Java array the garbage collector could move or free.
 */
final class TensorMaterializer implements AutoCloseable {
    private static final int CHUNK = 1 << 20;

    private final TorchZipArchive archive;
    private final Map<String, LoadedStorage> storages = new HashMap<>();

    private record LoadedStorage(StorageType type, Tensor tensor) {
    }

    TensorMaterializer(TorchZipArchive archive) {
        this.archive = archive;
    }

    /** @param name what the tensor is called in the file, for error messages */
    Tensor materialize(String name, TensorRef ref) {
        StorageRef storage = ref.storage();
        StorageType type = StorageType.forPickledClass(storage.typeName()).orElseThrow(() -> fail(
                "tensor '" + name + "' has storage type " + storage.typeName() + ", an unsupported dtype (supported: "
                        + StorageType.supportedList() + "); convert it, e.g. to float32 or float64, before saving"));
        checkView(name, ref);
        Tensor data = load(storage, type, name);
        try (LongOptional offset = new LongOptional(ref.storageOffset());
             Tensor view = data.as_strided(ref.size(), ref.stride(), offset);
             MemoryFormatOptional contiguous = new MemoryFormatOptional(torch.MemoryFormat.Contiguous)) {
            return view.clone(contiguous);
        }
    }

    private void checkView(String name, TensorRef ref) {
        if (ref.storageOffset() < 0) throw fail("tensor '" + name + "' has a negative storage offset: " + ref.describeView());
        for (int d = 0; d < ref.size().length; d++) {
            if (ref.size()[d] < 0 || ref.stride()[d] < 0) {
                throw fail("tensor '" + name + "' has a negative size or stride: " + ref.describeView());
            }
        }
        long needed = ref.requiredStorageElements();
        if (needed > ref.storage().numel()) {
            throw fail("tensor '" + name + "' (" + ref.describeView() + ") reaches element " + (needed - 1)
                    + " of storage '" + ref.storage().key() + "', which holds only " + ref.storage().numel()
                    + " elements; the file is corrupt");
        }
    }

    private Tensor load(StorageRef storage, StorageType type, String neededBy) {
        LoadedStorage loaded = storages.get(storage.key());
        if (loaded != null) {
            if (loaded.type() != type) {
                throw fail("storage '" + storage.key() + "' is read both as " + loaded.type().dtypeName() + " and as " + type.dtypeName()
                        + " (by tensor '" + neededBy + "'); the file is corrupt");
            }
            return loaded.tensor();
        }
        ZipEntry entry = archive.storageEntry(storage.key(), "tensor '" + neededBy + "'");
        long bytes = byteCount(storage, type);
        if (entry.getSize() >= 0 && entry.getSize() < bytes) throw tooShort(storage, type, entry, entry.getSize());
        Tensor tensor;
        try (TensorOptions options = new TensorOptions(type.scalarType());
             MemoryFormatOptional format = new MemoryFormatOptional()) {
            tensor = torch.empty(new long[] {storage.numel()}, options, format);
        }
        try {
            copyEntry(entry, tensor, bytes, storage, type);
        } catch (RuntimeException e) {
            tensor.close();
            throw e;
        }
        storages.put(storage.key(), new LoadedStorage(type, tensor));
        return tensor;
    }

    private void copyEntry(ZipEntry entry, Tensor tensor, long bytes, StorageRef storage, StorageType type) {
        if (bytes == 0) return;
        Pointer data = tensor.data_ptr();
        try (InputStream in = archive.open(entry); BytePointer dst = new BytePointer(data)) {
            dst.capacity(bytes).limit(bytes);
            byte[] buffer = new byte[(int) Math.min(CHUNK, bytes)];
            long copied = 0;
            while (copied < bytes) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - copied));
                if (n < 0) throw tooShort(storage, type, entry, copied);
                dst.position(copied).put(buffer, 0, n);
                copied += n;
            }
        } catch (IOException e) {
            throw archive.damaged(entry, e);
        }
    }

    private long byteCount(StorageRef storage, StorageType type) {
        if (storage.numel() < 0) throw fail("storage '" + storage.key() + "' has a negative size " + storage.numel());
        try {
            return Math.multiplyExact(storage.numel(), (long) type.itemSize());
        } catch (ArithmeticException e) {
            throw fail("storage '" + storage.key() + "' claims " + storage.numel() + " elements; the file is corrupt");
        }
    }

    private CheckpointException tooShort(StorageRef storage, StorageType type, ZipEntry entry, long have) {
        return fail("storage entry '" + entry.getName() + "' holds " + have + " bytes but " + storage.numel()
                + " elements of " + type.dtypeName() + " need " + storage.numel() * type.itemSize()
                + " bytes; the file is truncated or corrupt: copy or download it again");
    }

    private CheckpointException fail(String problem) {
        return new CheckpointException(archive.file(), problem);
    }

    /** Releases the shared storages; the tensors handed out are independent copies. */
    @Override
    public void close() {
        storages.values().forEach(s -> s.tensor().close());
        storages.clear();
    }
}
