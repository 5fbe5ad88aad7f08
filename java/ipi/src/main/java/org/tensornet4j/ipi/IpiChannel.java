package org.tensornet4j.ipi;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The i-PI socket protocol's wire format: 12-byte ASCII message headers padded with spaces, then
 * int32 and float64 values in the machine's byte order (i-PI and ASE send numpy's native bytes).
 * Reading past the end of the stream throws {@link ConnectionClosedException}.
 */
final class IpiChannel {
    static final int HEADER_BYTES = 12;

    private final ByteChannel channel;
    private final ByteBuffer small = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.nativeOrder());
    private ByteBuffer large = ByteBuffer.allocate(0);

    IpiChannel(ByteChannel channel) {
        this.channel = channel;
    }

    /** The next header, without its padding. */
    String readHeader() throws IOException {
        ByteBuffer b = fill(small, HEADER_BYTES);
        return new String(b.array(), 0, HEADER_BYTES, StandardCharsets.US_ASCII).strip();
    }

    int readInt() throws IOException {
        return fill(small, 4).getInt();
    }

    /** {@code n} float64 values. */
    double[] readDoubles(int n) throws IOException {
        ByteBuffer b = fill(buffer(8L * n), 8 * n);
        double[] out = new double[n];
        b.asDoubleBuffer().get(out);
        return out;
    }

    /** Skips {@code n} bytes (INIT's initialisation string, which this client does not read). */
    void skip(int n) throws IOException {
        // In pieces: the length comes from the server, and a wrong one must not allocate gigabytes.
        for (int left = n; left > 0; left -= Math.min(left, 4096)) fill(buffer(4096), Math.min(left, 4096));
    }

    void writeHeader(String header) throws IOException {
        byte[] text = header.getBytes(StandardCharsets.US_ASCII);
        if (text.length > HEADER_BYTES) throw new IllegalArgumentException("i-PI header longer than 12 bytes: " + header);
        small.clear();
        small.put(text);
        while (small.position() < HEADER_BYTES) small.put((byte) ' ');
        drain(small);
    }

    /**
     * The FORCEREADY message: header, energy, atom count, forces (row-major [N][3]), virial (9 values
     * in the order given) and an empty extra string.
     */
    void writeForces(double energy, double[] forces, double[] virial) throws IOException {
        writeHeader("FORCEREADY");
        ByteBuffer b = buffer(8 + 4 + 8L * forces.length + 8 * 9 + 4);
        b.putDouble(energy).putInt(forces.length / 3);
        for (double f : forces) b.putDouble(f);
        for (double w : virial) b.putDouble(w);
        b.putInt(0);
        drain(b);
    }

    /** A buffer of at least {@code bytes}, cleared; grown for big systems, reused otherwise. */
    private ByteBuffer buffer(long bytes) {
        if (bytes > Integer.MAX_VALUE) throw new IllegalArgumentException("i-PI message of " + bytes + " bytes is too large");
        if (large.capacity() < bytes) large = ByteBuffer.allocate((int) bytes).order(ByteOrder.nativeOrder());
        large.clear();
        return large;
    }

    private ByteBuffer fill(ByteBuffer b, int bytes) throws IOException {
        b.clear().limit(bytes);
        while (b.hasRemaining()) {
            int n;
            try {
                n = channel.read(b);
            } catch (IOException e) {
                throw new ConnectionClosedException(e.getMessage());
            }
            if (n < 0) throw new ConnectionClosedException(b.position() == 0 ? null : "in the middle of a message");
        }
        return b.flip();
    }

    private void drain(ByteBuffer b) throws IOException {
        b.flip();
        try {
            while (b.hasRemaining()) channel.write(b);
        } catch (IOException e) {
            throw new ConnectionClosedException(e.getMessage());
        }
    }

    /** The server closed the connection or it broke: the end of the run, not an error of the client. */
    static final class ConnectionClosedException extends EOFException {
        ConnectionClosedException(String detail) {
            super(detail == null ? "the server closed the connection" : "the connection ended (" + detail + ")");
        }
    }
}
