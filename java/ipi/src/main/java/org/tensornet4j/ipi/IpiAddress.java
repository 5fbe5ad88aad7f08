package org.tensornet4j.ipi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where the i-PI server (i-PI, or ASE's {@code SocketIOCalculator}) listens: {@code HOST:PORT} for an
 * internet socket, {@code unix:NAME} for the Unix socket {@code /tmp/ipi_NAME} that i-PI and ASE
 * create for the name NAME (a NAME with a '/' is taken as the socket's path itself).
 */
public record IpiAddress(String text, SocketAddress socket) {
    /** i-PI's and ASE's prefix of Unix socket names. */
    public static final String UNIX_PREFIX = "/tmp/ipi_";

    /**
     * Reads {@code HOST:PORT} or {@code unix:NAME}.
     *
     * @throws IllegalArgumentException naming the two forms when {@code text} is neither
     */
    public static IpiAddress parse(String text) {
        if (text.startsWith("unix:")) {
            String name = text.substring("unix:".length());
            if (name.isEmpty()) throw bad(text, "the socket name after unix: is empty");
            Path path = Path.of(name.contains("/") ? name : UNIX_PREFIX + name);
            return new IpiAddress(text, UnixDomainSocketAddress.of(path));
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) throw bad(text, "no host before the port");
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1); // [::1]:31415
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw bad(text, "the port is not a number");
        }
        if (port < 1 || port > 65535) throw bad(text, "the port must lie in 1..65535");
        return new IpiAddress(text, InetSocketAddress.createUnresolved(host, port));
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("address '" + text + "': " + why
                + "; write HOST:PORT (e.g. localhost:31415) or unix:NAME (the socket /tmp/ipi_NAME)");
    }

    /**
     * Connects, retrying while the server is not listening yet (it may start after the client) for up
     * to {@code waitSeconds}.
     *
     * @throws IOException naming the address when no server answered in time
     */
    public SocketChannel connect(double waitSeconds) throws IOException {
        long deadline = System.nanoTime() + (long) (waitSeconds * 1e9);
        while (true) {
            SocketChannel channel = open();
            try {
                channel.connect(resolved());
                return channel;
            } catch (SocketException e) { // refused, or no socket file yet
                channel.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("no i-PI server at " + text + " after " + waitSeconds + " s (" + e.getMessage()
                            + "): start i-PI or the ASE SocketIOCalculator first, or wait longer with --connect-timeout");
                }
                sleep();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    private SocketChannel open() throws IOException {
        return socket instanceof UnixDomainSocketAddress ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
    }

    /** The host name is looked up at each try: a name that does not resolve is an error, not a wait. */
    private SocketAddress resolved() throws IOException {
        if (!(socket instanceof InetSocketAddress inet)) return socket;
        InetSocketAddress address = new InetSocketAddress(inet.getHostString(), inet.getPort());
        if (address.isUnresolved()) throw new IOException("address '" + text + "': unknown host " + inet.getHostString());
        return address;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the i-PI server", e);
        }
    }
}
