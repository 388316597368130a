// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

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
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A clinic paired in a temporary directory, for the TLS tests against Mosquitto and the embedded
 * broker alike: the host's CA ({@code ca/}), the broker's certificate for one name
 * ({@code broker/}), the host's ({@code host/}) and each strap's ({@code <device id>/}), every one
 * made here by {@link HostAuthority} (nothing secret is committed), and what the tests do with them.
 */
final class PairedClinic {

    private final Path directory;
    private final HostAuthority authority;

    private PairedClinic(Path directory, HostAuthority authority) {
        this.directory = directory;
        this.authority = authority;
    }

    /** Pairs the host, the broker for {@code brokerName} and each of {@code straps}. */
    static PairedClinic pair(Path directory, String brokerName, String... straps) throws Exception {
        HostAuthority authority = HostAuthority.openOrCreate(directory.resolve("ca"));
        authority.issueBroker(List.of(brokerName), directory.resolve("broker"));
        authority.pairHost(directory.resolve("host"));
        for (String strap : straps) {
            authority.pairDevice(strap, directory.resolve(strap));
        }
        return new PairedClinic(directory, authority);
    }

    HostAuthority authority() {
        return authority;
    }

    /** The broker's files: ca.crt, broker.crt, broker.key. */
    Path brokerFiles() {
        return directory.resolve("broker");
    }

    /** The files of {@code name} ({@code host} or a device id), as {@code --tls DIR} reads them. */
    Path files(String name) {
        return directory.resolve(name);
    }

    /** A TLS endpoint at {@code uri} with the files {@code backbeat pair} wrote into {@code files}. */
    static BrokerEndpoint endpoint(String uri, String clientId, Path files) {
        return new BrokerEndpoint(uri, clientId, Optional.of(TlsFiles.in(files)), Duration.ofSeconds(5));
    }

    /** Files that trust our CA but present a certificate for {@code commonName} from someone else's CA. */
    Path foreignCertificate(String commonName) throws Exception {
        HostAuthority.Issued foreignCa = HostAuthority.createCa("Someone else's CA", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
        HostAuthority.Issued impostor = HostAuthority.issue(foreignCa.certificate(), foreignCa.privateKey(), commonName,
                HostAuthority.Purpose.CLIENT, List.of(), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));
        Path files = directory.resolve("foreign-" + commonName);
        authority.writeClient(impostor, files);
        return files;
    }

    /** Files with a certificate for {@code commonName} from our CA that expired yesterday. */
    Path expiredCertificate(String commonName) throws Exception {
        HostAuthority.Issued expired = authority.issue(commonName, HostAuthority.Purpose.CLIENT, List.of(),
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));
        Path files = directory.resolve("expired-" + commonName);
        authority.writeClient(expired, files);
        return files;
    }

    /** Asserts that a client trusting our CA but presenting no certificate cannot connect to {@code uri}. */
    void assertRefusedWithoutCertificate(String uri) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", authority.caCertificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, trustManagers.getTrustManagers(), null);
        MqttAsyncClient client = new MqttAsyncClient(uri, "no-certificate", new MemoryPersistence());
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

    /** What a strap sent and the host stored in one sync over TLS. */
    record SyncOutcome(OutboxSender.Result sent, List<SessionListing> stored, List<String> hostLog) {
    }

    /**
     * Records a short session into {@code deviceId}'s outbox, then syncs it to {@code uri}: the host
     * with its certificate as {@code hostClientId} (signing its acknowledgements), the strap with
     * its own as {@code strapClientId}.
     */
    SyncOutcome syncSession(String uri, String deviceId, String strapClientId, String hostClientId, String sessionId)
            throws Exception {
        Path data = directory.resolve(deviceId + "-data");
        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
            writeSession(outbox, deviceId, sessionId, 5);
        }
        try (SessionStore store = SessionStore.open(directory.resolve(deviceId + "-store"), true)) {
            List<String> hostLog = new CopyOnWriteArrayList<>();
            SessionSync host = new SessionSync((subscriptions, willTopic, willPayload) -> PahoHostLink.connect(
                    endpoint(uri, hostClientId, files("host")), subscriptions, willTopic, willPayload),
                    store, Optional.of(AcknowledgementSigner.ofHost(TlsFiles.in(files("host")))), hostLog::add);
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
                result = DeviceSync.run(outbox, deviceId, endpoint(uri, strapClientId, files(deviceId)),
                        OutboxSender.Settings.DEFAULTS, Duration.ofSeconds(30), line -> { });
            }
            host.stop();
            report.get(30, TimeUnit.SECONDS);
            return new SyncOutcome(result, store.list(), hostLog);
        }
    }

    /**
     * The topics {@code endpoint} receives within a second of subscribing (MQTT 3.1.1, as the
     * strap) to {@code filter}. The client stays connected whatever the broker answers to the
     * subscription (Mosquitto grants it and filters what it delivers; HiveMQ refuses it with SUBACK
     * 0x80), so an empty list means nothing was delivered, not only that the subscription failed.
     */
    static List<String> receivedBy(BrokerEndpoint endpoint, String filter) throws Exception {
        List<String> topics = new CopyOnWriteArrayList<>();
        org.eclipse.paho.client.mqttv3.MqttAsyncClient client = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(
                endpoint.uri(), endpoint.clientId(), new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        try {
            client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    topics.add(topic);
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            org.eclipse.paho.client.mqttv3.MqttConnectOptions options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            options.setCleanSession(true);
            options.setMqttVersion(org.eclipse.paho.client.mqttv3.MqttConnectOptions.MQTT_VERSION_3_1_1);
            if (endpoint.tls().isPresent()) {
                options.setSocketFactory(endpoint.tls().get().context().getSocketFactory());
                options.setHttpsHostnameVerificationEnabled(true);
            }
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(filter, 1).waitForCompletion(10_000); // a refusal (0x80) is not an error here
            Thread.sleep(1_000);
            assertTrue(client.isConnected(), "a refused subscription leaves the connection up");
            return List.copyOf(topics);
        } finally {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        }
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
