package org.tensornet4j.ipi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpiAddressTest {
    @Test
    void unixNamesAreIpisSocketFiles() {
        assertEquals(UnixDomainSocketAddress.of("/tmp/ipi_md"), IpiAddress.parse("unix:md").socket());
        assertEquals(UnixDomainSocketAddress.of("/run/me/socket"), IpiAddress.parse("unix:/run/me/socket").socket());
    }

    @ParameterizedTest
    @CsvSource({"localhost:31415,localhost,31415", "10.0.0.2:1,10.0.0.2,1", "[::1]:65535,::1,65535"})
    void inetAddressesAreHostAndPort(String text, String host, int port) {
        InetSocketAddress a = (InetSocketAddress) IpiAddress.parse(text).socket();
        assertEquals(host, a.getHostString());
        assertEquals(port, a.getPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", ":31415", "localhost:port", "localhost:0", "localhost:70000", "unix:"})
    void anythingElseIsRefusedWithBothForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpiAddress.parse(text));
        assertTrue(e.getMessage().startsWith("address '" + text + "': ") && e.getMessage().contains("HOST:PORT")
                && e.getMessage().contains("unix:NAME"), e.getMessage());
    }

    @Test
    void noServerIsAnErrorAfterTheWait() {
        String name = "tn4j_address_test_" + ProcessHandle.current().pid();
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> IpiAddress.parse("unix:" + name).connect(0.3));
        assertTrue((System.nanoTime() - start) / 1e9 >= 0.3, "gave up before the wait");
        assertTrue(e.getMessage().startsWith("no i-PI server at unix:" + name + " after 0.3 s"), e.getMessage());
        assertTrue(!Path.of("/tmp/ipi_" + name).toFile().exists());
    }
}
