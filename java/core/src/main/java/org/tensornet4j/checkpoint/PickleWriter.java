package org.tensornet4j.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * Pickle protocol 2 as {@code torch.save} writes it, for plain Java values and tensors. No Java
 * pickler emits persistent ids (how torch.save refers to tensor bytes stored beside the pickle), so
 * the handful of opcodes needed are written here. Supported values: null, Boolean, Integer, Long,
 * Float, Double, String, List (pickled as a list), {@link Tuple}, Map with String or integer keys
 * (a dict), {@link OrderedDict} (a {@code collections.OrderedDict}) and {@link Tensor} (its bytes go
 * to {@code storages}, keyed "0", "1", ...).
 */
final class PickleWriter {
    /** A Python tuple. */
    record Tuple(List<?> items) {}

    /** A {@code collections.OrderedDict}, as state dicts are saved. */
    record OrderedDict(Map<?, ?> entries) {}

    /** Receives each tensor's storage: its key and the tensor (contiguous, CPU). */
    interface StorageSink {
        String add(Tensor tensor);
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StorageSink storages;

    PickleWriter(StorageSink storages) {
        this.storages = storages;
    }

    byte[] pickle(Object value) {
        out.write(0x80);
        out.write(2);
        write(value);
        out.write('.');
        return out.toByteArray();
    }

    private void write(Object v) {
        if (v == null) {
            out.write('N');
        } else if (v instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            integer(((Number) v).longValue());
        } else if (v instanceof Float || v instanceof Double) {
            out.write('G');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(((Number) v).doubleValue()).array());
        } else if (v instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(le(4).putInt(utf8.length).array());
            out.writeBytes(utf8);
        } else if (v instanceof Tuple t) {
            out.write('(');
            for (Object item : t.items()) write(item);
            out.write('t');
        } else if (v instanceof List<?> list) {
            out.write(']');
            if (!list.isEmpty()) {
                out.write('(');
                for (Object item : list) write(item);
                out.write('e');
            }
        } else if (v instanceof OrderedDict d) {
            global("collections", "OrderedDict");
            out.write(')');
            out.write('R');
            items(d.entries());
        } else if (v instanceof Map<?, ?> map) {
            out.write('}');
            items(map);
        } else if (v instanceof Tensor t) {
            tensor(t);
        } else {
            throw new IllegalArgumentException("cannot pickle a " + v.getClass().getName() + " (" + v + ")");
        }
    }

    private void items(Map<?, ?> map) {
        if (map.isEmpty()) return;
        out.write('(');
        for (Map.Entry<?, ?> e : map.entrySet()) {
            write(e.getKey());
            write(e.getValue());
        }
        out.write('u');
    }

    /** torch._utils._rebuild_tensor_v2(storage, offset 0, size, contiguous stride, False, OrderedDict()). */
    private void tensor(Tensor t) {
        StorageType type = StorageType.of(t);
        String key = storages.add(t);
        global("torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        out.write('(');
        write("storage");
        global("torch", type.pythonName());
        write(key);
        write("cpu");
        integer(t.numel());
        out.write('t');
        out.write('Q');
        integer(0);
        long[] shape = t.sizes().vec().get();
        long[] stride = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = s;
            s *= shape[d];
        }
        out.write('(');
        for (long d : shape) integer(d);
        out.write('t');
        out.write('(');
        for (long d : stride) integer(d);
        out.write('t');
        out.write(0x89);
        global("collections", "OrderedDict");
        out.write(')');
        out.write('R');
        out.write('t');
        out.write('R');
    }

    private void integer(long v) {
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            out.writeBytes(le(4).putInt((int) v).array());
        } else {
            out.write(0x8a);
            out.write(8);
            out.writeBytes(le(8).putLong(v).array());
        }
    }

    private void global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
