// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ScriptedLink;
import dev.backbeat.mqtt.sync.AcknowledgementSigner;
import dev.backbeat.mqtt.sync.AcknowledgementVerifier;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sender believes of the acknowledgements that reach it, on a scripted connection: a
 * paired strap confirms a session only on the host's signature, and no strap goes back on an
 * acknowledgement it accepted.
 */
class OutboxSenderAcknowledgementTest {

    private static final String DEVICE = "strap-01";
    private static final String SESSION = "s1";
    private static final int CHUNKS = 3;
    private static final KeyPair HOST = keyPair();
    private static final KeyPair STRANGER = keyPair();
    private static final AcknowledgementVerifier PAIRED = AcknowledgementVerifier.requiringSignatureOf(HOST.getPublic());

    @TempDir
    Path directory;

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ended session of {@value #CHUNKS} chunks (the sender never looks inside the records). */
    private DeviceOutbox outboxWithOneSession() throws Exception {
        DeviceOutbox outbox = DeviceOutbox.open(directory.resolve("data"));
        outbox.begin(SESSION, Instant.parse("2026-11-20T09:00:00Z"), new byte[] {1});
        for (int index = 0; index < CHUNKS; index++) {
            outbox.seal(SESSION, index, new byte[] {2, (byte) index});
        }
        outbox.end(SESSION, new byte[] {3});
        return outbox;
    }

    private static SyncRecord.Acknowledgement complete(String sessionId) {
        return new SyncRecord.Acknowledgement(DEVICE, sessionId, true, true, ChunkRanges.firstN(CHUNKS), true);
    }

    private static MqttLink.InboundMessage onTopicOf(String sessionId, SyncRecord.Acknowledgement ack) {
        return new MqttLink.InboundMessage(SyncTopics.ack(DEVICE, sessionId), SyncCodec.encode(ack), true);
    }

    private static MqttLink.InboundMessage hostOnline() {
        return new MqttLink.InboundMessage(SyncTopics.HOST_PRESENCE, SyncTopics.ONLINE.getBytes(StandardCharsets.UTF_8), true);
    }

    private static OutboxSender.Result run(DeviceOutbox outbox, ScriptedLink link, AcknowledgementVerifier verifier,
                                           List<String> log, Duration timeout) throws Exception {
        // one record per message: these stand-in records are not encoded records, which a bundle requires
        return new OutboxSender(outbox, DEVICE, subscriptions -> link, OutboxSender.Settings.DEFAULTS.withBundleRecords(1),
                Clock.systemUTC(), log::add, verifier).run(timeout);
    }

    @Test
    void pairedStrap_forgedAcknowledgements_areRejectedAndConfirmNothing() throws Exception {
        try (DeviceOutbox outbox = outboxWithOneSession()) {
            ScriptedLink link = new ScriptedLink(hostOnline(),
                    onTopicOf(SESSION, complete(SESSION)),
                    onTopicOf(SESSION, new AcknowledgementSigner(STRANGER.getPrivate()).sign(complete(SESSION))),
                    onTopicOf(SESSION, new AcknowledgementSigner(HOST.getPrivate()).sign(complete("s2"))));
            List<String> log = new CopyOnWriteArrayList<>();
            OutboxSender.Result result = run(outbox, link, PAIRED, log, Duration.ofMillis(600));
            assertEquals(List.of(SESSION), result.pending(), log.toString());
            assertEquals(Optional.of(DeviceOutbox.State.ENDED), outbox.state(SESSION));
            List<String> rejections = log.stream().filter(line -> line.startsWith("rejected an acknowledgement of session s1: "))
                    .toList();
            assertEquals(3, rejections.size(), log.toString());
            assertTrue(rejections.get(0).contains("not signed"), rejections.get(0));
            assertTrue(rejections.get(1).contains("signature does not verify"), rejections.get(1));
            assertTrue(rejections.get(2).contains("about session s2"), rejections.get(2));
        }
    }

    @Test
    void pairedStrap_hostSignedCompleteAcknowledgement_confirms() throws Exception {
        try (DeviceOutbox outbox = outboxWithOneSession()) {
            ScriptedLink link = new ScriptedLink(hostOnline(), onTopicOf(SESSION, complete(SESSION)),
                    onTopicOf(SESSION, new AcknowledgementSigner(HOST.getPrivate()).sign(complete(SESSION))));
            List<String> log = new CopyOnWriteArrayList<>();
            OutboxSender.Result result = run(outbox, link, PAIRED, log, Duration.ofSeconds(10));
            assertEquals(List.of(SESSION), result.confirmed(), log.toString());
            assertEquals(Optional.of(DeviceOutbox.State.CONFIRMED), outbox.state(SESSION));
        }
    }

    @Test
    void unpairedStrap_unsignedAcknowledgement_confirmsAsBefore() throws Exception {
        try (DeviceOutbox outbox = outboxWithOneSession()) {
            ScriptedLink link = new ScriptedLink(hostOnline(), onTopicOf(SESSION, complete(SESSION)));
            List<String> log = new CopyOnWriteArrayList<>();
            OutboxSender.Result result = run(outbox, link, AcknowledgementVerifier.UNSIGNED_ACCEPTED, log,
                    Duration.ofSeconds(10));
            assertEquals(List.of(SESSION), result.confirmed(), log.toString());
        }
    }

    @Test
    void acknowledgementClaimingLessThanAnAcceptedOne_isIgnored_andCausesNoResend() throws Exception {
        AcknowledgementSigner host = new AcknowledgementSigner(HOST.getPrivate());
        SyncRecord.Acknowledgement everythingButComplete = host.sign(new SyncRecord.Acknowledgement(DEVICE, SESSION, true,
                true, ChunkRanges.firstN(CHUNKS), false));
        SyncRecord.Acknowledgement older = host.sign(new SyncRecord.Acknowledgement(DEVICE, SESSION, true, false,
                ChunkRanges.firstN(1), false));
        try (DeviceOutbox outbox = outboxWithOneSession()) {
            ScriptedLink link = new ScriptedLink(hostOnline(), onTopicOf(SESSION, everythingButComplete),
                    onTopicOf(SESSION, older));
            List<String> log = new CopyOnWriteArrayList<>();
            OutboxSender.Result result = run(outbox, link, PAIRED, log, Duration.ofMillis(600));
            assertEquals(List.of(SESSION), result.pending(), log.toString());
            assertTrue(log.stream().anyMatch(line -> line.startsWith("ignored an older acknowledgement of session s1")),
                    log.toString());
            assertTrue(log.stream().noneMatch(line -> line.startsWith("rejected")), log.toString());
            assertEquals(List.of(), link.publishedTopics().stream().filter(SyncTopics.chunks(DEVICE)::equals).toList(),
                    "what the host acknowledged is not sent again");
        }
    }
}
