// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.broker.TlsListenerSettings;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.paho.PahoDeviceLink;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.ClientIds;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's TLS listener with the same rules as the clinic set-up's Mosquitto
 * ({@link MosquittoTlsIT}): TLS 1.3, a client certificate from the host's CA required, each strap
 * kept to its own topics. Real HiveMQ, real TLS, the strap's own MQTT 3.1.1 client and the host's
 * MQTT 5 client. What must be refused is refused; a paired strap syncs a session to a host paired
 * with its own certificate, with hostname verification on.
 */
class EmbeddedBrokerTlsIT {

    private static final String STRAP_A = ClientIds.device("strap-a");
    private static final String STRAP_B = ClientIds.device("strap-b");

    @TempDir
    static Path directory;

    private static PairedClinic clinic;
    private static EmbeddedBroker broker;
    private static final List<String> REFUSALS = new CopyOnWriteArrayList<>();
    private static long startMillis;

    @BeforeAll
    static void startBroker() throws Exception {
        clinic = PairedClinic.pair(directory, "localhost", "strap-a", "strap-b");
        int plainPort = EmbeddedBroker.freeLoopbackPort();
        int tlsPort = EmbeddedBroker.freeLoopbackPort();
        TlsListenerSettings tls = TlsListenerSettings.defaults(clinic.brokerFiles()).withPort(tlsPort)
                .withListenAddress(InetAddress.getByName("127.0.0.1"));
        long start = System.nanoTime();
        broker = EmbeddedBroker.start(directory.resolve("broker-home"), plainPort, EmbeddedBroker.Persistence.IN_MEMORY,
                Optional.of(tls), REFUSALS::add);
        startMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("embedded broker with TLS started in " + startMillis + " ms");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String tls() {
        return "ssl://localhost:" + broker.tlsListener().orElseThrow().port();
    }

    private static BrokerEndpoint endpoint(String clientId, String files) {
        return PairedClinic.endpoint(tls(), clientId, clinic.files(files));
    }

    @Test
    void start_withTls_saysWhereClientsConnect_andKeepsItsKeystoresOwnerOnly() throws Exception {
        assertEquals(List.of(tls()), broker.tlsUris(), "one address for each name in broker.crt");
        Path keystores = directory.resolve("broker-home").resolve("conf").resolve("tls");
        try (var files = Files.list(keystores)) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file)), file.toString());
            }
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keystores)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                directory.resolve("broker-home").resolve("conf").resolve("config.xml"))), "config.xml holds the password");
    }

    @Test
    void pairedStrap_syncsASessionOverTls_toAPairedHost() throws Exception {
        PairedClinic.SyncOutcome sync = clinic.syncSession(tls(), "strap-a", STRAP_A, ClientIds.host("tls-sync"),
                "embedded-tls-session");
        assertTrue(sync.sent().allConfirmed(), "confirmed over TLS; host: " + sync.hostLog() + "; refusals: " + REFUSALS);
        assertEquals(List.of("embedded-tls-session"), sync.stored().stream().map(SessionListing::sessionId).toList());
        assertEquals(1000, sync.stored().get(0).upperSamples() + sync.stored().get(0).lowerSamples());
    }

    @Test
    void brokerCertificateForAnotherName_isRefusedByHostnameVerification() {
        BrokerEndpoint byAddress = PairedClinic.endpoint("ssl://127.0.0.1:" + broker.tlsListener().orElseThrow().port(),
                STRAP_A, clinic.files("strap-a"));
        BrokerUnreachableException refused = assertThrows(BrokerUnreachableException.class,
                () -> PahoDeviceLink.connect(byAddress, List.of(), 4).close(), "the broker's certificate names localhost, not 127.0.0.1");
        assertOneLineInWords(refused.getMessage());
        assertTrue(refused.getMessage().contains("the broker's certificate is not for the name 127.0.0.1"), refused.getMessage());
    }

    /** Issue 16: a certificate problem is one line in words, not a PKIX string or an exception's name. */
    private static void assertOneLineInWords(String message) {
        assertFalse(message.contains("\n"), message);
        for (String jargon : List.of("PKIX", "javax.net", "SSLHandshakeException", "sun.security", "Untranslated")) {
            assertFalse(message.contains(jargon), jargon + " in: " + message);
        }
    }

    @Test
    void noClientCertificate_isRefused() throws Exception {
        clinic.assertRefusedWithoutCertificate(tls());
    }

    @Test
    void certificateFromAForeignCa_isRefused() throws Exception {
        Path files = clinic.foreignCertificate("strap-a");
        BrokerUnreachableException refused = assertThrows(BrokerUnreachableException.class,
                () -> PahoDeviceLink.connect(PairedClinic.endpoint(tls(), STRAP_A, files), List.of(), 4).close());
        assertOneLineInWords(refused.getMessage());
    }

    @Test
    void expiredCertificate_isRefused() throws Exception {
        Path files = clinic.expiredCertificate("strap-a");
        assertThrows(BrokerUnreachableException.class,
                () -> PahoDeviceLink.connect(PairedClinic.endpoint(tls(), STRAP_A, files), List.of(), 4).close());
    }

    @Test
    void plainTcpToTheTlsPort_isRefused() {
        assertThrows(BrokerUnreachableException.class, () -> PahoDeviceLink.connect(
                BrokerEndpoint.plain("tcp://127.0.0.1:" + broker.tlsListener().orElseThrow().port(), STRAP_A)
                        .withKeepAlive(Duration.ofSeconds(5)), List.of(), 4).close());
    }

    @Test
    void handshake_tls12_isRefused_tls13_isAccepted() throws Exception {
        SSLSocketFactory sockets = TlsFiles.in(clinic.files("strap-a")).context().getSocketFactory();
        int port = broker.tlsListener().orElseThrow().port();
        try (SSLSocket tls12 = (SSLSocket) sockets.createSocket("localhost", port)) {
            tls12.setEnabledProtocols(new String[] {"TLSv1.2"});
            tls12.setSoTimeout(5_000);
            assertThrows(SSLException.class, tls12::startHandshake);
        }
        try (SSLSocket tls13 = (SSLSocket) sockets.createSocket("localhost", port)) {
            tls13.setEnabledProtocols(new String[] {"TLSv1.3"});
            tls13.setSoTimeout(5_000);
            tls13.startHandshake();
            assertEquals("TLSv1.3", tls13.getSession().getProtocol());
        }
    }

    @Test
    void strapWithAnotherClientsId_isRefused() {
        for (String taken : List.of(STRAP_B, ClientIds.host("4711"), "strap-a")) {
            BrokerUnreachableException refused = assertThrows(BrokerUnreachableException.class,
                    () -> PahoDeviceLink.connect(endpoint(taken, "strap-a"), List.of(), 4).close(), taken);
            assertTrue(REFUSALS.stream().anyMatch(line -> line.contains("client id '" + taken + "' is not its own")),
                    taken + ": " + refused.getMessage() + "; refusals: " + REFUSALS);
        }
    }

    @Test
    void strapPublishingAnotherStrapsChunks_isDisconnected_andNothingArrives() throws Exception {
        try (MqttLink host = PahoHostLink.connect(endpoint(ClientIds.host("watch-chunks"), "host"),
                List.of(SyncTopics.ALL_CHUNKS, SyncTopics.ALL_MANIFESTS), SyncTopics.HOST_PRESENCE, SyncTopics.OFFLINE);
             // the strap's own client: MQTT 3.1.1 has no refusal for a publish; HiveMQ drops it and disconnects
             MqttLink strapA = PahoDeviceLink.connect(endpoint(STRAP_A, "strap-a"), List.of(), 4)) {
            assertThrows(IOException.class, () -> strapA.publish(SyncTopics.chunks("strap-b"), forgedStart("strap-b"), false,
                    Duration.ofSeconds(5)));
            assertFalse(strapA.isConnected(), "disconnected for the refused publish");
            assertTrue(arrivedAt(host).stream().noneMatch(topic -> topic.contains("/strap-b/")), "nothing forged arrived");
            assertTrue(REFUSALS.stream().anyMatch(line -> line.contains("strap strap-a")
                    && line.contains("a publish to '" + SyncTopics.chunks("strap-b") + "'")), REFUSALS.toString());
        }
        // what the strap may write still goes through on a new connection
        try (MqttLink host = PahoHostLink.connect(endpoint(ClientIds.host("watch-manifest"), "host"),
                List.of(SyncTopics.ALL_MANIFESTS), SyncTopics.HOST_PRESENCE, SyncTopics.OFFLINE);
             MqttLink strapA = PahoDeviceLink.connect(endpoint(STRAP_A, "strap-a"), List.of(), 4)) {
            strapA.publish(SyncTopics.manifest("strap-a"), SyncCodec.encode(new SyncRecord.Manifest("strap-a", Instant.now(),
                    List.of())), true, Duration.ofSeconds(5));
            assertTrue(arrivedAt(host).contains(SyncTopics.manifest("strap-a")), "the strap's own manifest arrives");
        }
    }

    @Test
    void strapWritingAnAcknowledgement_isRefusedWith0x87() throws Exception {
        byte[] ack = SyncCodec.encode(new SyncRecord.Acknowledgement("strap-a", "s1", true, true, ChunkRanges.EMPTY, true));
        try (MqttLink host = PahoHostLink.connect(endpoint(ClientIds.host("watch-acks"), "host"),
                List.of("backbeat/v2/devices/+/acks/+"), SyncTopics.HOST_PRESENCE, SyncTopics.OFFLINE)) {
            for (String topic : List.of(SyncTopics.ack("strap-a", "s1"), SyncTopics.ack("strap-b", "s1"))) {
                // MQTT 5, so the broker's refusal (PUBACK 0x87, then a disconnect) is seen
                try (MqttLink strapA = PahoHostLink.connect(endpoint(STRAP_A, "strap-a"), List.of(),
                        SyncTopics.manifest("strap-a"), "")) {
                    IOException refused = assertThrows(IOException.class,
                            () -> strapA.publish(topic, ack, true, Duration.ofSeconds(5)));
                    assertTrue(refused.getMessage().contains("0x87"), refused.getMessage());
                }
            }
            assertEquals(List.of(), arrivedAt(host), "no forged acknowledgement arrived");
        }
    }

    @Test
    void strapWithALastWillOnAnotherStrapsTopic_isRefused() throws Exception {
        try (MqttLink host = PahoHostLink.connect(endpoint(ClientIds.host("watch-will"), "host"),
                List.of(SyncTopics.ALL_CHUNKS), SyncTopics.HOST_PRESENCE, SyncTopics.OFFLINE)) {
            assertThrows(BrokerUnreachableException.class, () -> PahoHostLink.connect(endpoint(STRAP_A, "strap-a"), List.of(),
                    SyncTopics.chunks("strap-b"), "forged will").close());
            assertEquals(List.of(), arrivedAt(host), "no will of strap-a's on strap-b's topic");
        }
    }

    @Test
    void strapSubscribingToAnotherStrapsTopics_isRefusedWith0x80_andReadsNothingOfThem() throws Exception {
        // a retained acknowledgement for strap-b, written by the host
        try (MqttLink host = PahoHostLink.connect(endpoint(ClientIds.host("ack"), "host"), List.of(),
                SyncTopics.HOST_PRESENCE, SyncTopics.OFFLINE)) {
            host.publish(SyncTopics.ack("strap-b", "secret"), SyncCodec.encode(new SyncRecord.Acknowledgement("strap-b",
                    "secret", true, false, ChunkRanges.EMPTY, false)), true, Duration.ofSeconds(5));
        }
        for (String filter : List.of(SyncTopics.acks("strap-b"), SyncTopics.requests("strap-b"), "backbeat/v2/devices/#",
                "backbeat/v2/devices/+/acks/+", "#")) {
            // PahoDeviceLink says "refused the subscription" only for SUBACK 0x80
            BrokerUnreachableException refused = assertThrows(BrokerUnreachableException.class,
                    () -> PahoDeviceLink.connect(endpoint(STRAP_A, "strap-a"), List.of(filter), 4).close(), filter);
            assertTrue(refused.getMessage().contains("refused the subscription to " + filter), refused.getMessage());
            assertEquals(List.of(), PairedClinic.receivedBy(endpoint(STRAP_A, "strap-a"), filter), filter);
        }
        // strap-b itself does read it, and strap-a its own topics
        assertEquals(List.of(SyncTopics.ack("strap-b", "secret")),
                PairedClinic.receivedBy(endpoint(STRAP_B, "strap-b"), SyncTopics.acks("strap-b")));
        for (String own : List.of(SyncTopics.acks("strap-a"), SyncTopics.requests("strap-a"), SyncTopics.HOST_PRESENCE)) {
            PahoDeviceLink.connect(endpoint(STRAP_A, "strap-a"), List.of(own), 4).close();
        }
    }

    @Test
    void localClientOnThePlainListener_isRefusedWhileTlsIsOn() throws Exception {
        // another user of the host machine must not read every strap's sessions through 127.0.0.1
        BrokerEndpoint local = BrokerEndpoint.plain(broker.uri(), "local-tool");
        BrokerUnreachableException refused = assertThrows(BrokerUnreachableException.class,
                () -> PahoHostLink.connect(local, List.of("#"), "local/will", "gone").close());
        assertTrue(refused.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not authorized"), refused.getMessage());
        // and backbeat sync says how to connect instead
        java.nio.file.Files.createDirectories(directory.resolve("refused-store"));
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine sync = dev.backbeat.host.cli.BackbeatMain.commandLine();
        sync.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true)).setErr(new java.io.PrintWriter(err, true));
        assertEquals(dev.backbeat.host.cli.ExitCodes.BROKER, sync.execute("sync", "--broker", broker.uri(), "--store",
                directory.resolve("refused-store").toString(), "--idle", "1"));
        assertTrue(err.toString().contains("takes clients over TLS only: use --broker ssl://"), err.toString());
    }

    private static byte[] forgedStart(String deviceId) {
        return SyncCodec.encode(new SyncRecord.SessionStart(deviceId, "forged", Instant.now(), "sim", 100,
                List.of(SensorPosition.UPPER), Map.of()));
    }

    /** The topics that arrive at {@code link} within a second. */
    private static List<String> arrivedAt(MqttLink link) throws InterruptedException {
        List<String> topics = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < deadline) {
            link.poll(Duration.ofMillis(100)).ifPresent(message -> topics.add(message.topic()));
        }
        return topics;
    }
}
