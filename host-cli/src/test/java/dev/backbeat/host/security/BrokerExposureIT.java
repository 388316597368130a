// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.broker.TlsListenerSettings;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.paho.PahoHostLink;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded broker gives away to another user of the host machine: its log (refused
 * clients' strings are bounded) and its folders (owner-only, whatever the home directory's mode).
 */
class BrokerExposureIT {

    @TempDir
    Path directory;

    @Test
    void plainListener_clientIdsOf60000Characters_costTheLogABoundedAmount_andItsFoldersAreOwnerOnly() throws Exception {
        PairedClinic clinic = PairedClinic.pair(directory, "localhost", "strap-a");
        Path home = directory.resolve("broker-home");
        // a broker from before: its data folder world-readable, with a file in it
        Files.createDirectories(home.resolve("data").resolve("persistence"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path old = Files.writeString(home.resolve("data").resolve("persistence").resolve("retained.bin"), "retained");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> refusals = new CopyOnWriteArrayList<>();
        TlsListenerSettings tls = TlsListenerSettings.defaults(clinic.brokerFiles())
                .withPort(EmbeddedBroker.freeLoopbackPort()).withListenAddress(InetAddress.getByName("127.0.0.1"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(home, EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.FILE, Optional.of(tls), refusals::add)) {
            String huge = "x".repeat(60_000);
            int attempts = 40;
            long started = System.nanoTime();
            for (int attempt = 0; attempt < attempts; attempt++) {
                String clientId = huge + attempt;
                assertThrows(BrokerUnreachableException.class, () -> PahoHostLink.connect(
                        BrokerEndpoint.plain(broker.uri(), clientId), List.of(), "local/will", "gone").close());
            }
            long windows = (System.nanoTime() - started) / 10_000_000_000L + 1;
            int logged = refusals.stream().mapToInt(String::length).sum();
            System.out.println(attempts + " refused connections with 60 000-character client ids in " + windows
                    + " 10-second window(s): " + refusals.size() + " line(s), " + logged + " characters logged");
            // before: every attempt logged its whole client id, 60 000 characters
            assertTrue(refusals.stream().allMatch(line -> line.length() <= 401), "each line bounded");
            assertTrue(refusals.size() <= 21 * windows, refusals.size() + " lines in " + windows + " window(s)");
            assertTrue(refusals.get(0).contains("(60001 characters)"), refusals.get(0));
            for (Path folder : List.of(home, home.resolve("conf"), home.resolve("data"), home.resolve("extensions"))) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)), folder.toString());
            }
            try (Stream<Path> data = Files.walk(home.resolve("data"))) {
                for (Path path : data.filter(path -> path.toFile().exists()).toList()) {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                    if (path.equals(old) || path.equals(old.getParent())) {
                        assertTrue(mode.endsWith("------"), path + " " + mode);
                    }
                }
            }
        }
    }
}
