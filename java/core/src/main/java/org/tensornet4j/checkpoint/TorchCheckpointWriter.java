package org.tensornet4j.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;

/**
 * Writes PyTorch's zip serialization ({@code torch.save} since 1.6): {@code <prefix>/data.pkl}
 * (pickle protocol 2, tensors as persistent ids), {@code <prefix>/data/<key>} (raw little-endian
 * storages, stored uncompressed) and {@code <prefix>/version}. {@link Checkpoint#read} and
 * {@code torch.load} read the result.
 */
public final class TorchCheckpointWriter {
    private TorchCheckpointWriter() {}

    /**
     * A TorchMD-Net (Lightning) checkpoint: {@code state_dict} as an OrderedDict with every key
     * prefixed {@code model.}, {@code hyper_parameters} as a plain dict, and the trainer keys
     * Lightning expects.
     *
     * @param stateDict       TorchMD-Net module names without the {@code model.} prefix
     * @param hyperParameters plain values (String, Number, Boolean, null, List, Map)
     */
    public static void writeLightning(Path file, Map<String, Tensor> stateDict, Map<String, Object> hyperParameters,
                                      long epoch, long globalStep) {
        Map<String, Object> prefixed = new LinkedHashMap<>();
        stateDict.forEach((k, v) -> prefixed.put("model." + k, v));
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("epoch", epoch);
        top.put("global_step", globalStep);
        top.put("pytorch-lightning_version", "2.4.0");
        top.put("state_dict", new PickleWriter.OrderedDict(prefixed));
        top.put("callbacks", Map.of());
        top.put("optimizer_states", List.of());
        top.put("lr_schedulers", List.of());
        top.put("hparams_name", "hparams");
        top.put("hyper_parameters", hyperParameters);
        write(file, top);
    }

    /** A plain {@code torch.save(state_dict)} file (an OrderedDict of tensors). */
    public static void writeStateDict(Path file, Map<String, Tensor> stateDict) {
        write(file, new PickleWriter.OrderedDict(stateDict));
    }

    /** Writes {@code value} (see {@link PickleWriter} for what it may hold) to a temporary file, then moves it into place. */
    static void write(Path file, Object value) {
        List<byte[]> storages = new ArrayList<>();
        byte[] pickle = new PickleWriter(t -> {
            storages.add(bytes(t));
            return Integer.toString(storages.size() - 1);
        }).pickle(value);
        String prefix = prefixOf(file);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                stored(zip, prefix + "/data.pkl", pickle);
                for (int i = 0; i < storages.size(); i++) stored(zip, prefix + "/data/" + i, storages.get(i));
                stored(zip, prefix + "/version", "3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The archive's folder name: the file name without extension, as torch.save does, reduced to safe characters. */
    private static String prefixOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) name = name.substring(0, dot);
        name = name.replaceAll("[^A-Za-z0-9_\\-]", "_");
        return name.isEmpty() ? "archive" : name;
    }

    private static byte[] bytes(Tensor t) {
        Tensor c = t.detach().cpu().contiguous();
        long n = c.numel() * c.element_size();
        byte[] b = new byte[Math.toIntExact(n)];
        if (n > 0) new BytePointer(c.data_ptr()).capacity(n).get(b);
        return b;
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
