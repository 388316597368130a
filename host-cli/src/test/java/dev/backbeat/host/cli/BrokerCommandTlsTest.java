// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.pairing.HostAuthority;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code backbeat broker --tls} refuses to start, with one line naming what is wrong, before the
 * broker itself starts: the pairing files missing or not belonging together, the address not this
 * machine's, the port taken.
 */
class BrokerCommandTlsTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path brokerFiles;
    private int plainPort;

    @BeforeEach
    void pairBroker() throws Exception {
        HostAuthority authority = HostAuthority.openOrCreate(directory.resolve("ca"));
        brokerFiles = directory.resolve("broker");
        authority.issueBroker(List.of("localhost"), brokerFiles);
        plainPort = EmbeddedBroker.freeLoopbackPort();
    }

    private int broker(String... arguments) {
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of("broker", "--home", directory.resolve("home").toString(),
                "--port", String.valueOf(plainPort)));
        all.addAll(List.of(arguments));
        return commandLine.execute(all.toArray(new String[0]));
    }

    private void assertOneLineError(String... expectedParts) {
        String[] lines = err.toString().strip().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("backbeat broker: "), err.toString());
        for (String part : expectedParts) {
            assertTrue(lines[0].contains(part), "'" + part + "' in " + err);
        }
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertEquals("", out.toString(), "nothing claims to listen");
    }

    @Test
    void tlsPort_withoutTls_exitsUsage() {
        assertEquals(ExitCodes.USAGE, broker("--tls-port", "8884"));
        assertOneLineError("--tls-port is for the TLS listener; give its certificates with --tls DIR");
    }

    @Test
    void listen_unresolvable_exitsUsage() {
        assertEquals(ExitCodes.USAGE, broker("--tls", brokerFiles.toString(), "--listen", "no-such-host.invalid"));
        assertOneLineError("--listen 'no-such-host.invalid' is neither an IP address nor a name");
    }

    @Test
    void tls_missingDirectory_namesIt() {
        Path missing = directory.resolve("missing");
        assertEquals(ExitCodes.INPUT, broker("--tls", missing.toString(), "--tls-port", freePort()));
        assertOneLineError(missing + " is not a directory", "backbeat pair --broker");
    }

    @Test
    void tls_missingKey_namesTheFile() throws Exception {
        Files.delete(brokerFiles.resolve("broker.key"));
        assertEquals(ExitCodes.INPUT, broker("--tls", brokerFiles.toString(), "--tls-port", freePort()));
        assertOneLineError(brokerFiles + " has no broker.key");
    }

    @Test
    void tls_certificateOfAnotherCa_namesBothFiles() throws Exception {
        HostAuthority other = HostAuthority.openOrCreate(directory.resolve("other-ca"));
        other.issueBroker(List.of("localhost"), directory.resolve("other-broker"));
        Files.copy(directory.resolve("other-broker").resolve("broker.crt"), brokerFiles.resolve("broker.crt"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(directory.resolve("other-broker").resolve("broker.key"), brokerFiles.resolve("broker.key"),
                StandardCopyOption.REPLACE_EXISTING);
        assertEquals(ExitCodes.INPUT, broker("--tls", brokerFiles.toString(), "--tls-port", freePort()));
        assertOneLineError(brokerFiles.resolve("broker.crt") + " is not issued by the CA in " + brokerFiles.resolve("ca.crt"));
    }

    @Test
    void tls_keyOfAnotherCertificate_namesBothFiles() throws Exception {
        HostAuthority.openOrCreate(directory.resolve("ca")).issueBroker(List.of("localhost"), directory.resolve("again"));
        Files.copy(directory.resolve("again").resolve("broker.key"), brokerFiles.resolve("broker.key"),
                StandardCopyOption.REPLACE_EXISTING);
        assertEquals(ExitCodes.INPUT, broker("--tls", brokerFiles.toString(), "--tls-port", freePort()));
        assertOneLineError(brokerFiles.resolve("broker.key") + " is not the key of " + brokerFiles.resolve("broker.crt"));
    }

    @Test
    void listen_addressOfAnotherMachine_isRefused() {
        // 192.0.2.0/24 is TEST-NET-1: documentation only, never a local address
        assertEquals(ExitCodes.USAGE, broker("--tls", brokerFiles.toString(), "--listen", "192.0.2.1", "--tls-port", freePort()));
        assertOneLineError("192.0.2.1 is not an address of this machine", "--listen");
    }

    @Test
    void tlsPort_inUse_namesPortAndOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(ExitCodes.BROKER, broker("--tls", brokerFiles.toString(), "--listen", "127.0.0.1", "--tls-port",
                    String.valueOf(taken.getLocalPort())));
            assertOneLineError("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use", "--tls-port");
        }
    }

    @Test
    void tlsPort_sameAsPlainPort_isRefused() {
        assertEquals(ExitCodes.USAGE, broker("--tls", brokerFiles.toString(), "--tls-port", String.valueOf(plainPort)));
        assertOneLineError("cannot share port " + plainPort);
    }

    private static String freePort() {
        return String.valueOf(EmbeddedBroker.freeLoopbackPort());
    }
}
