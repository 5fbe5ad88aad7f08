package org.tensornet4j.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes pickle opcodes by hand. Test files need persistent ids (how torch.save refers to tensor
 * bytes), which no Java pickler emits, so the few opcodes torch.save uses are spelled out here.
 */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes proto(int version) {
        out.write(0x80);
        out.write(version);
        return this;
    }

    PickleBytes global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    PickleBytes str(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        out.writeBytes(le(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
        return this;
    }

    PickleBytes integer(int value) {
        out.write('J');
        out.writeBytes(le(4).putInt(value).array());
        return this;
    }

    PickleBytes real(double value) {
        out.write('G');
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(value).array());
        return this;
    }

    /** A tuple of ints, as size and stride are pickled. */
    PickleBytes ints(long... values) {
        mark();
        for (long v : values) integer(Math.toIntExact(v));
        return op('t');
    }

    PickleBytes mark() {
        return op('(');
    }

    PickleBytes tuple() {
        return op('t');
    }

    PickleBytes emptyTuple() {
        return op(')');
    }

    PickleBytes emptyDict() {
        return op('}');
    }

    PickleBytes emptyList() {
        return op(']');
    }

    PickleBytes appends() {
        return op('e');
    }

    PickleBytes reduce() {
        return op('R');
    }

    PickleBytes build() {
        return op('b');
    }

    PickleBytes setitem() {
        return op('s');
    }

    PickleBytes setitems() {
        return op('u');
    }

    PickleBytes binpersid() {
        return op('Q');
    }

    PickleBytes none() {
        return op('N');
    }

    PickleBytes bool(boolean value) {
        out.write(value ? 0x88 : 0x89);
        return this;
    }

    PickleBytes stop() {
        return op('.');
    }

    /** {@code OrderedDict()}, as torch.save writes empty backward hooks. */
    PickleBytes emptyOrderedDict() {
        return global("collections", "OrderedDict").emptyTuple().reduce();
    }

    /** The persistent id ('storage', torch.&lt;type&gt;, key, location, numel) followed by BINPERSID. */
    PickleBytes storage(String type, String key, String location, int numel) {
        mark().str("storage").global("torch", type).str(key).str(location).integer(numel).tuple();
        return binpersid();
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}. */
    PickleBytes tensor(String type, String key, int numel, int offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        storage(type, key, "cpu", numel).integer(offset).ints(size).ints(stride).bool(false).emptyOrderedDict();
        return tuple().reduce();
    }

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
