package org.tensornet4j.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip container {@code torch.save} writes: {@code <prefix>/data.pkl} plus one entry
 * {@code <prefix>/data/<key>} per storage. The prefix is whatever the file was called when it was
 * written, so it is discovered from the {@code data.pkl} entry rather than assumed.
 *
 * <p>Everything about the file as a file (missing, not a zip, damaged, wrong layout) is diagnosed
 * here, before any unpickling, so those errors read the same whatever is inside.
 */
final class TorchZipArchive implements AutoCloseable {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final int PICKLE_PROTO = 0x80;

    private final Path file;
    private final ZipFile zip;
    private final ZipEntry pickle;
    private final String prefix;

    private TorchZipArchive(Path file, ZipFile zip, ZipEntry pickle, String prefix) {
        this.file = file;
        this.zip = zip;
        this.pickle = pickle;
        this.prefix = prefix;
    }

    static TorchZipArchive open(Path file) {
        checkReadableZip(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CheckpointException(file, "the zip archive is damaged (" + e.getMessage()
                    + "); the file is probably truncated or corrupt: copy or download it again", e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read: " + e, e);
        }
        try {
            ZipEntry pickle = findPickle(file, zip);
            String name = pickle.getName();
            String prefix = name.substring(0, name.length() - "data.pkl".length());
            TorchZipArchive archive = new TorchZipArchive(file, zip, pickle, prefix);
            archive.checkByteOrder();
            return archive;
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    String pickleEntryName() {
        return pickle.getName();
    }

    InputStream openPickle() {
        return open(pickle);
    }

    /** The archive entry that holds storage {@code key}. */
    String storageEntryName(String key) {
        return prefix + "data/" + key;
    }

    /** The storage entry, or a CheckpointException naming who needed it. */
    ZipEntry storageEntry(String key, String neededBy) {
        ZipEntry entry = zip.getEntry(storageEntryName(key));
        if (entry == null || entry.isDirectory()) {
            throw new CheckpointException(file, "storage entry '" + storageEntryName(key) + "' needed by " + neededBy
                    + " is missing from the archive; the file is incomplete or was altered after saving");
        }
        return entry;
    }

    InputStream open(ZipEntry entry) {
        try {
            return zip.getInputStream(entry);
        } catch (IOException e) {
            throw damaged(entry, e);
        }
    }

    CheckpointException damaged(ZipEntry entry, Exception cause) {
        return new CheckpointException(file, "archive entry '" + entry.getName() + "' cannot be read (" + cause
                + "); the file is corrupt: copy or download it again", cause);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void checkReadableZip(Path file) {
        if (!Files.exists(file)) {
            throw new CheckpointException(file, "the file does not exist; check the path");
        }
        if (Files.isDirectory(file)) {
            throw new CheckpointException(file, "is a directory, not a checkpoint file");
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read (" + e + "); check the file permissions", e);
        }
        if (n == 0) {
            throw new CheckpointException(file, "the file is empty; it was not written completely");
        }
        if (n == head.length && Arrays.equals(head, ZIP_MAGIC)) return;
        if ((head[0] & 0xff) == PICKLE_PROTO) {
            throw new CheckpointException(file, "is not a PyTorch zip checkpoint but a bare pickle, as written by the"
                    + " legacy (non-zip) torch.save format, which is not supported; re-save it with a recent"
                    + " torch.save (the default zip format since PyTorch 1.6)");
        }
        throw new CheckpointException(file, "is not a zip archive, so it is not a PyTorch zip checkpoint (the legacy"
                + " non-zip torch.save format is not supported either); give a file written by torch.save or a"
                + " Lightning .ckpt, re-saved with a recent torch.save if it is old");
    }

    private static ZipEntry findPickle(Path file, ZipFile zip) {
        List<ZipEntry> pickles = new ArrayList<>();
        boolean torchScript = false;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            String name = e.getName();
            if (e.isDirectory()) continue;
            if (name.equals("data.pkl") || name.endsWith("/data.pkl")) pickles.add(e);
            if (name.equals("constants.pkl") || name.endsWith("/constants.pkl")) torchScript = true;
        }
        if (torchScript) {
            throw new CheckpointException(file, "is a TorchScript archive (torch.jit.save), not a checkpoint;"
                    + " give the training checkpoint (.ckpt) or a torch.save(model.state_dict()) file");
        }
        if (pickles.isEmpty()) {
            throw new CheckpointException(file, "is a zip archive without a 'data.pkl' entry, so it was not written"
                    + " by torch.save; give a Lightning .ckpt or a torch.save(state_dict) file");
        }
        if (pickles.size() > 1) {
            List<String> names = pickles.stream().map(ZipEntry::getName).toList();
            throw new CheckpointException(file, "holds several data.pkl entries " + names
                    + "; it is not a single torch.save file: extract the checkpoint you mean");
        }
        return pickles.get(0);
    }

    /** torch.save records the writer's byte order since 2.1; storages are copied verbatim, so it must be ours. */
    private void checkByteOrder() {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) return;
        String order;
        try (InputStream in = open(entry)) {
            order = new String(in.readNBytes(16), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw damaged(entry, e);
        }
        if (!order.equals("little")) {
            throw new CheckpointException(file, "was written on a '" + order + "'-endian machine; only little-endian"
                    + " checkpoints are supported: re-save it on a little-endian machine (x86, ARM)");
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing was written, closing cannot lose data
        }
    }
}
