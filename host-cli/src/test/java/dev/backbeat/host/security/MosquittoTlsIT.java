package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.device.outbox.ChunkWriter;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.DeviceSync;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.host.faults.MosquittoProcess;
import dev.backbeat.host.pairing.ClinicBroker;
import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.paho.PahoDeviceLink;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.AcknowledgementSigner;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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
    private static HostAuthority authority;
    private static int port;

    @BeforeAll
    static void startBroker() throws Exception {
        authority = HostAuthority.openOrCreate(directory.resolve("ca"));
        Path brokerFiles = directory.resolve("broker");
        authority.issueBroker(List.of("localhost"), brokerFiles);
        authority.pairHost(directory.resolve("host"));
        authority.pairDevice("strap-a", directory.resolve("strap-a"));
        authority.pairDevice("strap-b", directory.resolve("strap-b"));
        Path acl = directory.resolve("acl");
        Files.writeString(acl, ClinicBroker.ACL);
        port = MosquittoProcess.freePort();
        // as root, Mosquitto would switch to the mosquitto user, who may not read our owner-only files
        String runAs = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        broker = new MosquittoProcess(directory.resolve("mosquitto"), port,
                runAs + ClinicBroker.tlsListener(brokerFiles, acl)).start();
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
        return endpoint(tls(), clientId, files);
    }

    /** A TLS endpoint at {@code uri} with the files {@code backbeat pair} wrote into {@code files}. */
    static BrokerEndpoint endpoint(String uri, String clientId, Path files) {
        return new BrokerEndpoint(uri, clientId, Optional.of(TlsFiles.in(files)), Duration.ofSeconds(5));
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
        Path data = directory.resolve("strap-a-data");
        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
            writeSession(outbox, "strap-a", "tls-session", 5);
        }
        try (SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            List<String> hostLog = new CopyOnWriteArrayList<>();
            SessionSync host = new SessionSync((subscriptions, willTopic, willPayload) -> PahoHostLink.connect(
                    endpoint("backbeat-host-tls", directory.resolve("host")), subscriptions, willTopic, willPayload),
                    store, Optional.of(AcknowledgementSigner.ofHost(TlsFiles.in(directory.resolve("host")))), hostLog::add);
            CompletableFuture<SyncReport> report = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    report.complete(host.run(null));
                } catch (Throwable e) {
                    report.completeExceptionally(e);
                }
            });
            OutboxSender.Result result;
            try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                result = DeviceSync.run(outbox, "strap-a", endpoint("strap-a", directory.resolve("strap-a")),
                        OutboxSender.Settings.DEFAULTS, Duration.ofSeconds(30), line -> { });
            }
            host.stop();
            report.get(30, TimeUnit.SECONDS);
            assertTrue(result.allConfirmed(), "confirmed over TLS; host: " + hostLog);
            List<SessionListing> stored = store.list();
            assertEquals(List.of("tls-session"), stored.stream().map(SessionListing::sessionId).toList());
            assertEquals(1000, stored.get(0).upperSamples() + stored.get(0).lowerSamples());
        }
    }

    @Test
    void brokerCertificateForAnotherName_isRefusedByHostnameVerification() {
        BrokerEndpoint byAddress = endpoint("ssl://127.0.0.1:" + port, "strap-a", directory.resolve("strap-a"));
        assertThrows(BrokerUnreachableException.class, () -> PahoDeviceLink.connect(byAddress, List.of(), 4).close(),
                "the broker's certificate names localhost, not 127.0.0.1");
    }

    @Test
    void noClientCertificate_isRefused() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", authority.caCertificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, trustManagers.getTrustManagers(), null);
        MqttAsyncClient client = new MqttAsyncClient(tls(), "no-certificate", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(context.getSocketFactory());
        options.setConnectionTimeout(5);
        options.setCleanSession(true);
        try {
            assertThrows(MqttException.class, () -> client.connect(options).waitForCompletion(10_000));
            assertFalse(client.isConnected());
        } finally {
            client.close(true);
        }
    }

    @Test
    void certificateFromAForeignCa_isRefused() throws Exception {
        HostAuthority.Issued foreignCa = HostAuthority.createCa("Someone else's CA", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
        HostAuthority.Issued impostor = HostAuthority.issue(foreignCa.certificate(), foreignCa.privateKey(), "strap-a",
                HostAuthority.Purpose.CLIENT, List.of(), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));
        Path files = directory.resolve("foreign");
        authority.writeClient(impostor, files); // trusts our CA, presents the foreign certificate
        assertThrows(BrokerUnreachableException.class,
                () -> PahoDeviceLink.connect(endpoint("strap-a", files), List.of(), 4).close());
    }

    @Test
    void expiredCertificate_isRefused() throws Exception {
        HostAuthority.Issued expired = authority.issue("strap-a", HostAuthority.Purpose.CLIENT, List.of(),
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));
        Path files = directory.resolve("expired");
        authority.writeClient(expired, files);
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
        List<String> topics = new java.util.ArrayList<>();
        try (MqttLink link = PahoDeviceLink.connect(endpoint(deviceId + "-reader", directory.resolve(deviceId)),
                List.of(filter), 4)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < deadline) {
                link.poll(Duration.ofMillis(100)).ifPresent(message -> topics.add(message.topic()));
            }
        } catch (BrokerUnreachableException refused) {
            assertTrue(refused.getMessage().contains("refused the subscription"), refused.getMessage());
        }
        return topics;
    }

    /** A short session of whole LSM6DSOX counts written into the outbox as the strap would. */
    static void writeSession(DeviceOutbox outbox, String deviceId, String sessionId, int seconds) throws Exception {
        List<SensorPosition> sensors = List.of(SensorPosition.UPPER, SensorPosition.LOWER);
        Instant startedAt = Instant.parse("2026-11-20T09:00:00Z");
        double rateHz = 100;
        outbox.batch(() -> {
            ChunkWriter writer = ChunkWriter.begin(outbox, OutboxRecording.start(deviceId, sessionId, startedAt, "test", rateHz,
                    sensors, Map.of()), Optional.empty(), ChunkWriter.DEFAULT_CHUNK_SECONDS);
            for (int tick = 0; tick < seconds * rateHz; tick++) {
                for (SensorPosition sensor : sensors) {
                    double time = tick / rateHz;
                    writer.accept(sensor, new ImuSample(time, new Vector3(0.01 * Math.sin(time), 0, 0.02),
                            new Vector3(9.81, 0.1 * Math.cos(time), 0.2)));
                }
            }
            int chunks = writer.finish();
            RecordedSession analysis = new RecordedSession(deviceId, sessionId, startedAt, "test", rateHz, List.of(),
                    List.of(), List.of(), new SessionSummary(seconds, 0, Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
            outbox.end(sessionId, SyncCodec.encode(OutboxRecording.endRecord(analysis, SyncRecord.EndStatus.COMPLETE, chunks)));
        });
    }
}
