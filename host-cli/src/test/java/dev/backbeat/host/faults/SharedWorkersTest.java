// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.WorkerGroup;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ScriptedLink;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers of a share group on one store (each its own connection to the SQLite file, as two
 * processes have): what one stored, the other acknowledges and assembles from the store; a manifest
 * that overtook the records another worker is storing asks for nothing.
 */
class SharedWorkersTest {

    private static final String DEVICE = "strap-a";
    private static final String SESSION = "shared-1";

    @TempDir
    Path directory;

    @Test
    void recordsStoredByOneWorker_manifestSeenByTheOther_acknowledgedCompleteFromTheStoreAndNothingAskedFor()
            throws Exception {
        List<MqttLink.InboundMessage> records = sessionRecords();
        ScriptedLink first = new ScriptedLink(records.toArray(MqttLink.InboundMessage[]::new));
        ScriptedLink second = new ScriptedLink(manifest(records.size() - 2));
        Path store = directory.resolve("store");
        List<String> subscriptions = new CopyOnWriteArrayList<>();
        try (SessionStore firstStore = SessionStore.open(store, true); SessionStore secondStore = SessionStore.open(store, false)) {
            worker(first, firstStore, "w1", subscriptions).run(Duration.ofMillis(300));
            worker(second, secondStore, "w2", subscriptions).run(Duration.ofMillis(1_500));
        }
        assertEquals(List.of(SyncTopics.shared("clinic", SyncTopics.ALL_CHUNKS), SyncTopics.shared("clinic", SyncTopics.ALL_MANIFESTS)),
                subscriptions.subList(0, 2));
        SyncRecord.Acknowledgement ack = lastAcknowledgement(second);
        assertTrue(ack.complete(), "the worker that stored nothing acknowledges the session complete: " + ack);
        assertTrue(second.publishedTopics().stream().noneMatch(topic -> topic.equals(SyncTopics.requests(DEVICE))),
                "no gap request: " + second.publishedTopics());
        assertTrue(second.publishedTopics().contains(SyncTopics.workerPresence("w2")), second.publishedTopics().toString());
        assertTrue(second.publishedTopics().stream().noneMatch(topic -> topic.equals(SyncTopics.HOST_PRESENCE)),
                "a worker leaves the single host's presence alone");
    }

    @Test
    void manifestOvertakesTheRecordsAnotherWorkerStores_comparedAfterTheSettleTime_asksForNothing() throws Exception {
        List<MqttLink.InboundMessage> records = sessionRecords();
        ScriptedLink manifestWorker = new ScriptedLink(manifest(records.size() - 2));
        ScriptedLink recordWorker = new ScriptedLink();
        Path store = directory.resolve("store");
        try (SessionStore firstStore = SessionStore.open(store, true); SessionStore secondStore = SessionStore.open(store, false)) {
            // the start and chunks 0 and 3 are stored already: compared at once, chunks 1 and 2 would be holes
            recordWorker.inbound.addAll(List.of(records.get(0), records.get(1), records.get(4)));
            worker(recordWorker, firstStore, "w1", new ArrayList<>()).run(Duration.ofMillis(300));
            SessionSync waiting = worker(manifestWorker, secondStore, "w2", new ArrayList<>());
            Thread comparing = Thread.ofPlatform().start(() -> {
                try {
                    waiting.run(Duration.ofMillis(2_000));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200); // the manifest has arrived; the records are still on their way to the other worker
            recordWorker.inbound.addAll(records.subList(2, 4));
            recordWorker.inbound.addAll(records.subList(5, records.size()));
            worker(recordWorker, firstStore, "w1", new ArrayList<>()).run(Duration.ofMillis(300));
            comparing.join(10_000);
        }
        assertTrue(manifestWorker.publishedTopics().stream().noneMatch(topic -> topic.equals(SyncTopics.requests(DEVICE))),
                "nothing asked for: " + manifestWorker.publishedTopics());
        assertTrue(lastAcknowledgement(manifestWorker).complete(), "acknowledged complete after the settle time");
    }

    @Test
    void partsStoredButNoCommitAssembledThem_theNextManifestAssemblesAndAcknowledges() throws Exception {
        List<MqttLink.InboundMessage> records = sessionRecords();
        Path store = directory.resolve("store");
        ScriptedLink link = new ScriptedLink(manifest(records.size() - 2));
        List<String> progress = new CopyOnWriteArrayList<>();
        try (SessionStore sessions = SessionStore.open(store, true)) {
            // as two workers leave it when each commits one of the last parts without seeing the other's
            SyncStore parts = new SyncStore(sessions);
            parts.inTransaction(() -> {
                for (MqttLink.InboundMessage message : records) {
                    SyncRecord record = ((SyncDecodeResult.Decoded) SyncCodec.decode(message.payload())).record();
                    switch (record) {
                        case SyncRecord.SessionStart start -> parts.storeStart(start, message.payload());
                        case SyncRecord.SessionChunk chunk -> parts.storeChunk(chunk, message.payload());
                        case SyncRecord.SessionEnd end -> parts.storeEnd(end, message.payload());
                        default -> throw new AssertionError(record);
                    }
                }
            });
            assertEquals(0, sessions.list().size(), "every part stored, the session not assembled");
            new SessionSync((subscriptions, willTopic, willPayload) -> link, sessions, Optional.empty(),
                    Optional.of(new WorkerGroup("clinic", "w1")), progress::add).run(Duration.ofMillis(1_500));
            assertEquals(1, sessions.list().size(), progress.toString());
        }
        assertTrue(lastAcknowledgement(link).complete());
        assertTrue(progress.contains("stored " + DEVICE + "/" + SESSION + " (its last parts came to different workers)"),
                progress.toString());
    }

    private static SessionSync worker(ScriptedLink link, SessionStore store, String workerId, List<String> subscriptions) {
        return new SessionSync((topics, willTopic, willPayload) -> {
            subscriptions.addAll(topics);
            assertEquals(SyncTopics.workerPresence(workerId), willTopic);
            assertEquals("", willPayload, "a worker's last will clears its presence");
            return link;
        }, store, Optional.empty(), Optional.of(new WorkerGroup("clinic", workerId)), line -> { });
    }

    private List<MqttLink.InboundMessage> sessionRecords() throws Exception {
        List<MqttLink.InboundMessage> records = new ArrayList<>();
        try (DeviceOutbox outbox = DeviceOutbox.open(directory.resolve("strap"))) {
            SyncChaosIT.writeSession(outbox, DEVICE, SESSION, 6, false);
            records.add(chunkMessage(outbox.startRecord(SESSION).orElseThrow()));
            for (int index = 0; index < outbox.pending().getFirst().sealedChunks(); index++) {
                records.add(chunkMessage(outbox.chunkRecord(SESSION, index).orElseThrow()));
            }
            records.add(chunkMessage(outbox.endRecord(SESSION).orElseThrow()));
        }
        return records;
    }

    private static MqttLink.InboundMessage chunkMessage(byte[] record) {
        return new MqttLink.InboundMessage(SyncTopics.chunks(DEVICE), record, false);
    }

    private static MqttLink.InboundMessage manifest(int sealedChunks) {
        return new MqttLink.InboundMessage(SyncTopics.manifest(DEVICE), SyncCodec.encode(new SyncRecord.Manifest(DEVICE,
                Instant.now(), List.of(new SyncRecord.ManifestEntry(SESSION, sealedChunks, true)))), false);
    }

    private static SyncRecord.Acknowledgement lastAcknowledgement(ScriptedLink link) {
        SyncRecord.Acknowledgement last = null;
        for (ScriptedLink.Publication publication : link.published) {
            if (publication.topic().equals(SyncTopics.ack(DEVICE, SESSION))) {
                last = assertInstanceOf(SyncRecord.Acknowledgement.class,
                        ((SyncDecodeResult.Decoded) SyncCodec.decode(publication.payload())).record());
            }
        }
        assertTrue(last != null, "an acknowledgement was published: " + link.publishedTopics());
        return last;
    }
}
