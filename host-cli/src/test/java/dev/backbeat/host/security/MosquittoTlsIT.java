// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.host.faults.MosquittoProcess;
import dev.backbeat.host.pairing.ClinicBroker;
import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.paho.PahoDeviceLink;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairing and the clinic set-up against a real Mosquitto: TLS 1.3 only, a client certificate
 * required and taken as the user name, the README's ACL. Every certificate is made here by
 * {@link HostAuthority} (nothing secret is committed). What must be refused is refused; a paired
 * strap syncs over TLS with hostname verification on.
 */
class MosquittoTlsIT {

    @TempDir
    static Path directory;

    private static MosquittoProcess broker;
    private static PairedClinic clinic;
    private static HostAuthority authority;
    private static int port;

    @BeforeAll
    static void startBroker() throws Exception {
        clinic = PairedClinic.pair(directory, "localhost", "strap-a", "strap-b");
        authority = clinic.authority();
        Path acl = directory.resolve("acl");
        Files.writeString(acl, ClinicBroker.ACL);
        port = MosquittoProcess.freePort();
        // as root, Mosquitto would switch to the mosquitto user, who may not read our owner-only files
        String runAs = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        broker = new MosquittoProcess(directory.resolve("mosquitto"), port,
                runAs + ClinicBroker.tlsListener(clinic.brokerFiles(), acl)).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String tls() {
        return "ssl://localhost:" + port;
    }

    private static BrokerEndpoint endpoint(String clientId, Path files) {
        return PairedClinic.endpoint(tls(), clientId, files);
    }

    @Test
    void pair_writesOwnerOnlyFiles_withTheDeviceIdAsCommonName() throws Exception {
        Path strap = directory.resolve("strap-a");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE),
                Files.getPosixFilePermissions(strap));
        for (String file : List.of("ca.crt", "client.crt", "client.key", "host.crt")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(strap.resolve(file)), file);
        }
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(directory.resolve("ca").resolve("ca.key")));
        var certificate = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(strap.resolve("client.crt")));
        assertEquals("CN=strap-a", certificate.getSubjectX500Principal().getName());
        certificate.verify(authority.caCertificate().getPublicKey());
        assertThrows(IllegalArgumentException.class, () -> HostAuthority.requireDeviceId(HostAuthority.HOST_IDENTITY));
        assertThrows(IllegalArgumentException.class, () -> HostAuthority.requireDeviceId("strap/+"));
    }

    @Test
    void pairedStrap_syncsOverTls_withHostnameVerification() throws Exception {
        PairedClinic.SyncOutcome sync = clinic.syncSession(tls(), "strap-a", "strap-a", "backbeat-host-tls", "tls-session");
        assertTrue(sync.sent().allConfirmed(), "confirmed over TLS; host: " + sync.hostLog());
        assertEquals(List.of("tls-session"), sync.stored().stream().map(SessionListing::sessionId).toList());
        assertEquals(1000, sync.stored().get(0).upperSamples() + sync.stored().get(0).lowerSamples());
    }

    @Test
    void brokerCertificateForAnotherName_isRefusedByHostnameVerification() {
        BrokerEndpoint byAddress = PairedClinic.endpoint("ssl://127.0.0.1:" + port, "strap-a", directory.resolve("strap-a"));
        assertThrows(BrokerUnreachableException.class, () -> PahoDeviceLink.connect(byAddress, List.of(), 4).close(),
                "the broker's certificate names localhost, not 127.0.0.1");
    }

    @Test
    void noClientCertificate_isRefused() throws Exception {
        clinic.assertRefusedWithoutCertificate(tls());
    }

    @Test
    void certificateFromAForeignCa_isRefused() throws Exception {
        Path files = clinic.foreignCertificate("strap-a"); // trusts our CA, presents the foreign certificate
        assertThrows(BrokerUnreachableException.class,
                () -> PahoDeviceLink.connect(endpoint("strap-a", files), List.of(), 4).close());
    }

    @Test
    void expiredCertificate_isRefused() throws Exception {
        Path files = clinic.expiredCertificate("strap-a");
        assertThrows(BrokerUnreachableException.class,
                () -> PahoDeviceLink.connect(endpoint("strap-a", files), List.of(), 4).close());
    }

    @Test
    void plainTcpToTheTlsPort_isRefused() {
        assertThrows(BrokerUnreachableException.class, () -> PahoDeviceLink.connect(
                BrokerEndpoint.plain("tcp://127.0.0.1:" + port, "plain").withKeepAlive(Duration.ofSeconds(5)), List.of(), 4)
                .close());
    }

    @Test
    void strapCannotWriteAnotherStrapsTopics_norAcknowledgements() throws Exception {
        try (MqttLink host = PahoHostLink.connect(endpoint("backbeat-host-watch", directory.resolve("host")),
                List.of(SyncTopics.ALL_CHUNKS, SyncTopics.ALL_MANIFESTS, "backbeat/v2/devices/+/acks/+"),
                SyncTopics.HOST_PRESENCE, SyncTopics.OFFLINE);
             // MQTT 5, so the broker's refusal (PUBACK 0x87) is seen; the device's own client is 3.1.1
             MqttLink strapA = PahoHostLink.connect(endpoint("strap-a", directory.resolve("strap-a")), List.of(),
                     SyncTopics.manifest("strap-a"), "")) {
            byte[] forged = SyncCodec.encode(new SyncRecord.SessionStart("strap-b", "forged", Instant.now(), "sim", 100,
                    List.of(SensorPosition.UPPER), Map.of()));
            IOException chunks = assertThrows(IOException.class,
                    () -> strapA.publish(SyncTopics.chunks("strap-b"), forged, false, Duration.ofSeconds(5)));
            assertTrue(chunks.getMessage().contains("0x87"), chunks.getMessage());
            byte[] ack = SyncCodec.encode(new SyncRecord.Acknowledgement("strap-a", "s1", true, true,
                    dev.backbeat.mqtt.sync.ChunkRanges.EMPTY, true));
            IOException ownAck = assertThrows(IOException.class,
                    () -> strapA.publish(SyncTopics.ack("strap-a", "s1"), ack, true, Duration.ofSeconds(5)));
            assertTrue(ownAck.getMessage().contains("0x87"), ownAck.getMessage());
            // what the strap may write still goes through, and nothing of the refused arrived
            strapA.publish(SyncTopics.manifest("strap-a"), SyncCodec.encode(new SyncRecord.Manifest("strap-a", Instant.now(),
                    List.of())), true, Duration.ofSeconds(5));
            List<String> arrived = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline) {
                host.poll(Duration.ofMillis(100)).ifPresent(message -> arrived.add(message.topic()));
            }
            assertTrue(arrived.contains(SyncTopics.manifest("strap-a")), "the strap's own manifest arrives: " + arrived);
            assertFalse(arrived.contains(SyncTopics.chunks("strap-b")), "nothing forged arrived: " + arrived);
            assertFalse(arrived.contains(SyncTopics.ack("strap-a", "s1")), "no forged acknowledgement: " + arrived);
        }
    }

    @Test
    void strapCannotReadAnotherStrapsTopics() throws Exception {
        // a retained acknowledgement for strap-b, written by the host
        try (MqttLink host = PahoHostLink.connect(endpoint("backbeat-host-ack", directory.resolve("host")), List.of(),
                SyncTopics.HOST_PRESENCE, SyncTopics.OFFLINE)) {
            host.publish(SyncTopics.ack("strap-b", "secret"), SyncCodec.encode(new SyncRecord.Acknowledgement("strap-b",
                    "secret", true, false, dev.backbeat.mqtt.sync.ChunkRanges.EMPTY, false)), true, Duration.ofSeconds(5));
        }
        // Mosquitto may grant the subscription (2.0 checks read access when delivering); either way
        // nothing of strap-b's may reach strap-a
        for (String filter : List.of(SyncTopics.acks("strap-b"), "backbeat/v2/devices/#", "#")) {
            List<String> leaked = receivedBy("strap-a", filter);
            assertTrue(leaked.stream().noneMatch(topic -> topic.contains("/strap-b/")), filter + " leaked " + leaked);
        }
        // strap-b itself does read it
        assertTrue(receivedBy("strap-b", SyncTopics.acks("strap-b")).contains(SyncTopics.ack("strap-b", "secret")),
                "strap-b reads its own acknowledgement");
    }

    /** What {@code deviceId} receives within a second of subscribing to {@code filter} (nothing if refused). */
    private static List<String> receivedBy(String deviceId, String filter) throws Exception {
        return PairedClinic.receivedBy(endpoint(deviceId + "-reader", directory.resolve(deviceId)), filter);
    }
}
