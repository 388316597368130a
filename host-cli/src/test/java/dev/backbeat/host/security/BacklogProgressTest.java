// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ScriptedLink;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync's backlog progress (what {@code backbeat sync} draws as a bar): the sessions a strap's
 * manifest lists as not yet stored are the backlog, and each one stored in the run counts; one
 * already stored is not part of it.
 */
class BacklogProgressTest {

    @TempDir
    Path directory;

    @Test
    void backlogProgress_manifestOfThreeSessionsThenTheirRecords_countsUpToThreeOfThree() throws Exception {
        List<String> ids = List.of("first", "second", "third");
        List<MqttLink.InboundMessage> records = new ArrayList<>();
        List<SyncRecord.ManifestEntry> entries = new ArrayList<>();
        try (DeviceOutbox outbox = DeviceOutbox.open(directory.resolve("strap"))) {
            for (String id : ids) {
                PairedClinic.writeSession(outbox, "strap-a", id, 2);
            }
            for (DeviceOutbox.PendingSession pending : outbox.pending()) {
                String id = pending.sessionId();
                entries.add(new SyncRecord.ManifestEntry(id, pending.sealedChunks(), true));
                records.add(chunks(outbox.startRecord(id).orElseThrow()));
                for (int index = 0; index < pending.sealedChunks(); index++) {
                    records.add(chunks(outbox.chunkRecord(id, index).orElseThrow()));
                }
                records.add(chunks(outbox.endRecord(id).orElseThrow()));
            }
        }
        ScriptedLink link = new ScriptedLink();
        // the retained manifest arrives first, as on subscribing; then the strap sends its backlog
        link.inbound.add(new MqttLink.InboundMessage(SyncTopics.manifest("strap-a"),
                SyncCodec.encode(new SyncRecord.Manifest("strap-a", Instant.now(), entries)), true));
        List<String> progress = new CopyOnWriteArrayList<>();
        try (SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            SessionSync sync = new SessionSync((subscriptions, willTopic, willPayload) -> link, store, line -> { });
            sync.backlogProgress((stored, announced) -> progress.add(stored + "/" + announced));
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(150); // after the manifest's batch
                    link.inbound.addAll(records);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sync.run(Duration.ofMillis(500));
            assertEquals(3, store.list().size());
        }
        assertEquals(List.of("0/1", "0/2", "0/3", "1/3", "2/3", "3/3"), progress);
    }

    private static MqttLink.InboundMessage chunks(byte[] record) {
        return new MqttLink.InboundMessage(SyncTopics.chunks("strap-a"), record, false);
    }
}
