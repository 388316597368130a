// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.DeviceSync;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.host.faults.MosquittoProcess;
import dev.backbeat.host.pairing.ClinicBroker;
import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.AcknowledgementSigner;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed acknowledgements against a real Mosquitto over TLS whose ACL is missing (a misconfigured
 * clinic broker): any paired client may then write a strap's acknowledgements, so the host's
 * signature is all that stands between a forger and the strap's outbox. A forger with a valid
 * strap certificate but no host key writes complete acknowledgements, unsigned and signed with its
 * own key: the strap rejects both and keeps the session; the real host's signed one confirms it.
 */
class ForgedAcknowledgementIT {

    private static final String STRAP = "strap-a";
    private static final String SESSION = "forgery-target";

    @TempDir
    static Path directory;

    private static MosquittoProcess broker;
    private static int port;

    @BeforeAll
    static void startBrokerWithoutAcl() throws Exception {
        HostAuthority authority = HostAuthority.openOrCreate(directory.resolve("ca"));
        authority.issueBroker(List.of("localhost"), directory.resolve("broker"));
        authority.pairHost(directory.resolve("host"));
        authority.pairDevice(STRAP, directory.resolve(STRAP));
        authority.pairDevice("forger", directory.resolve("forger"));
        // the clinic listener as 'backbeat pair --broker' writes it, but with its acl_file line lost
        String withoutAcl = ClinicBroker.tlsListener(directory.resolve("broker"), directory.resolve("no-acl")).lines()
                .filter(line -> !line.startsWith("acl_file")).collect(Collectors.joining("\n", "", "\n"));
        String runAs = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        port = MosquittoProcess.freePort();
        broker = new MosquittoProcess(directory.resolve("mosquitto"), port, runAs + withoutAcl).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static BrokerEndpoint endpoint(String clientId, String files) {
        return PairedClinic.endpoint("ssl://localhost:" + port, clientId, directory.resolve(files));
    }

    @Test
    void forgedAcknowledgement_onBrokerWithoutAcl_isRejectedUntilTheHostsSignedOneConfirms() throws Exception {
        Path data = directory.resolve("strap-data");
        int chunks;
        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
            PairedClinic.writeSession(outbox, STRAP, SESSION, 5);
            chunks = outbox.pending().get(0).sealedChunks();
        }
        SyncRecord.Acknowledgement complete = new SyncRecord.Acknowledgement(STRAP, SESSION, true, true,
                ChunkRanges.firstN(chunks), true);
        List<String> strapLog = new CopyOnWriteArrayList<>();
        try (MqttLink forger = PahoHostLink.connect(endpoint("forger", "forger"), List.of(),
                SyncTopics.manifest("forger"), "")) {
            // without the ACL the broker takes all of it (MQTT 5: a refusal would throw here)
            forger.publish(SyncTopics.HOST_PRESENCE, SyncTopics.ONLINE.getBytes(StandardCharsets.UTF_8), true,
                    Duration.ofSeconds(5));
            forger.publish(SyncTopics.ack(STRAP, SESSION), SyncCodec.encode(complete), true, Duration.ofSeconds(5));

            CompletableFuture<OutboxSender.Result> strap = syncStrap(data, Duration.ofSeconds(8), strapLog);
            awaitLine(strapLog, line -> line.contains("rejected an acknowledgement of session " + SESSION)
                    && line.contains("not signed"));
            AcknowledgementSigner forgersKey = new AcknowledgementSigner(TlsFiles.in(directory.resolve("forger")).ownPrivateKey());
            forger.publish(SyncTopics.ack(STRAP, SESSION), SyncCodec.encode(forgersKey.sign(complete)), true,
                    Duration.ofSeconds(5));
            awaitLine(strapLog, line -> line.contains("rejected an acknowledgement of session " + SESSION)
                    && line.contains("signature does not verify"));

            OutboxSender.Result forged = strap.get(30, TimeUnit.SECONDS);
            assertFalse(forged.allConfirmed(), "no forged acknowledgement confirmed anything: " + strapLog);
            assertEquals(List.of(SESSION), forged.pending());
        }
        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
            assertEquals(Optional.of(DeviceOutbox.State.ENDED), outbox.state(SESSION), "the session stays in the outbox");
        }

        try (SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            List<String> hostLog = new CopyOnWriteArrayList<>();
            BrokerEndpoint hostEndpoint = endpoint("backbeat-host", "host");
            SessionSync host = new SessionSync((subscriptions, willTopic, willPayload) -> PahoHostLink.connect(
                    hostEndpoint, subscriptions, willTopic, willPayload), store,
                    Optional.of(AcknowledgementSigner.ofHost(TlsFiles.in(directory.resolve("host")))), hostLog::add);
            CompletableFuture<SyncReport> report = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    report.complete(host.run(null));
                } catch (Throwable e) {
                    report.completeExceptionally(e);
                }
            });
            strapLog.clear();
            OutboxSender.Result result = syncStrap(data, Duration.ofSeconds(30), strapLog).get(60, TimeUnit.SECONDS);
            host.stop();
            report.get(30, TimeUnit.SECONDS);
            assertTrue(result.allConfirmed(), "the host's signed acknowledgement confirms; strap: " + strapLog
                    + "\nhost: " + hostLog);
            assertEquals(List.of(SESSION), store.list().stream().map(SessionListing::sessionId).toList());
        }
        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
            assertEquals(Optional.of(DeviceOutbox.State.CONFIRMED), outbox.state(SESSION));
        }
    }

    /** The strap's sync (signatures required: it has TLS files) on a thread of its own. */
    private static CompletableFuture<OutboxSender.Result> syncStrap(Path data, Duration timeout, List<String> log) {
        CompletableFuture<OutboxSender.Result> result = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                result.complete(DeviceSync.run(outbox, STRAP, endpoint(STRAP, STRAP), OutboxSender.Settings.DEFAULTS,
                        timeout, log::add));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static void awaitLine(List<String> log, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (log.stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the strap did not log the expected line within 15 s: " + log);
    }
}
