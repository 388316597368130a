// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ScriptedLink;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that reach the host again (replayed by someone on the broker, or resent) are stored once
 * and change nothing; the host says so in one line per batch, not one per record.
 */
class ReplayedRecordsTest {

    @TempDir
    Path directory;

    @Test
    void replayedSession_isStoredOnce_andLoggedInOneLinePerBatch() throws Exception {
        List<MqttLink.InboundMessage> session = new ArrayList<>();
        try (DeviceOutbox outbox = DeviceOutbox.open(directory.resolve("strap"))) {
            PairedClinic.writeSession(outbox, "strap-a", "replayed", 5);
            int chunks = outbox.pending().get(0).sealedChunks();
            session.add(chunkMessage(outbox.startRecord("replayed").orElseThrow()));
            for (int index = 0; index < chunks; index++) {
                session.add(chunkMessage(outbox.chunkRecord("replayed", index).orElseThrow()));
            }
            session.add(chunkMessage(outbox.endRecord("replayed").orElseThrow()));
        }
        ScriptedLink link = new ScriptedLink();
        link.inbound.addAll(session);
        link.inbound.addAll(session); // the replay, in the same batch
        List<String> progress = new CopyOnWriteArrayList<>();
        SyncReport report;
        try (SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            report = new SessionSync((subscriptions, willTopic, willPayload) -> link, store, progress::add)
                    .run(Duration.ofMillis(300));
            assertEquals(1, store.list().size());
        }
        assertEquals(List.of("strap-a/replayed"), report.stored());
        assertEquals(session.size(), report.duplicates());
        List<String> repeated = progress.stream().filter(line -> line.startsWith("received ")).toList();
        assertEquals(List.of("received " + session.size() + " record(s) already stored (resent, delivered twice or "
                + "replayed; nothing changed): strap-a/replayed ×" + session.size()), repeated, progress.toString());
    }

    @Test
    void manifestListingAStoredSessionAThousandTimes_isAnsweredWithOneAcknowledgement() throws Exception {
        List<MqttLink.InboundMessage> session = new ArrayList<>();
        try (DeviceOutbox outbox = DeviceOutbox.open(directory.resolve("strap"))) {
            PairedClinic.writeSession(outbox, "strap-a", "listed", 2);
            session.add(chunkMessage(outbox.startRecord("listed").orElseThrow()));
            for (int index = 0; index < outbox.pending().get(0).sealedChunks(); index++) {
                session.add(chunkMessage(outbox.chunkRecord("listed", index).orElseThrow()));
            }
            session.add(chunkMessage(outbox.endRecord("listed").orElseThrow()));
        }
        List<SyncRecord.ManifestEntry> entries = new ArrayList<>();
        for (int line = 0; line < 1000; line++) {
            entries.add(new SyncRecord.ManifestEntry("listed", session.size() - 2, true));
        }
        byte[] manifest = SyncCodec.encode(new SyncRecord.Manifest("strap-a", java.time.Instant.now(), entries));
        ScriptedLink link = new ScriptedLink();
        link.inbound.addAll(session);
        try (SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            SessionSync sync = new SessionSync((subscriptions, willTopic, willPayload) -> link, store, line -> { });
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(150); // after the session's batch
                    link.inbound.add(new MqttLink.InboundMessage(SyncTopics.manifest("strap-a"), manifest, false));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sync.run(Duration.ofMillis(500));
            assertEquals(1, store.list().size());
        }
        long acknowledgements = link.publishedTopics().stream().filter(SyncTopics.ack("strap-a", "listed")::equals).count();
        assertEquals(2, acknowledgements, "one for the commit, one for the manifest (not a thousand)");
    }

    private static MqttLink.InboundMessage chunkMessage(byte[] record) {
        return new MqttLink.InboundMessage(SyncTopics.chunks("strap-a"), record, false);
    }
}
