// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncStoreTest {

    private static final String DEVICE = "strap-01";
    private static final Instant STARTED_AT = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    Path directory;

    private static SyncRecord.SessionChunk chunk(int index) {
        double[] times = {index, index + 0.5};
        float[] values = {0.1f, 0.2f, 9.8f, 0.1f, 0.2f, 9.8f};
        return SyncRecord.SessionChunk.seal(DEVICE, "s1", index, new ChunkSamples(List.of(
                new ChunkSamples.Block(SensorPosition.UPPER, times, values, values.clone()))), Optional.empty());
    }

    @Test
    void assembleIfComplete_strayChunkBeyondTheEnd_neitherBlocksTheSessionNorIsAcknowledged() throws Exception {
        try (SessionStore store = SessionStore.open(directory, true)) {
            SyncStore sync = new SyncStore(store);
            SyncRecord.SessionStart start = new SyncRecord.SessionStart(DEVICE, "s1", STARTED_AT, "sim", 2,
                    List.of(SensorPosition.UPPER), Map.of());
            RecordedSession analysis = new RecordedSession(DEVICE, "s1", STARTED_AT, "sim", 2, List.of(), List.of(),
                    List.of(), new SessionSummary(2, 0, Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
            SyncRecord.SessionEnd end = OutboxRecording.endRecord(analysis, SyncRecord.EndStatus.COMPLETE, 2);
            boolean[] assembled = new boolean[1];
            sync.inTransaction(() -> {
                sync.storeStart(start, SyncCodec.encode(start));
                for (int index : new int[] {0, 1, 7}) { // 7: never sent by the strap, injected by someone else
                    sync.storeChunk(chunk(index), SyncCodec.encode(chunk(index)));
                }
                sync.storeEnd(end, SyncCodec.encode(end));
                assembled[0] = sync.assembleIfComplete(DEVICE, "s1");
            });
            assertTrue(assembled[0], "chunks 0 and 1 are the whole session");
            SyncRecord.Acknowledgement ack = sync.acknowledgement(DEVICE, "s1");
            assertEquals(ChunkRanges.firstN(2), ack.chunks(), "only the session's own chunks");
            assertTrue(ack.complete());
        }
    }

    private static SyncRecord.SessionStart start(String sessionId, List<SensorPosition> sensors) {
        return new SyncRecord.SessionStart(DEVICE, sessionId, STARTED_AT, "sim", 2, sensors, Map.of());
    }

    private static SyncRecord.SessionEnd end(String sessionId, int chunkCount, List<Repetition> repetitions) {
        RecordedSession analysis = new RecordedSession(DEVICE, sessionId, STARTED_AT, "sim", 2, List.of(), List.of(),
                repetitions, new SessionSummary(2, repetitions.size(), Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
        return OutboxRecording.endRecord(analysis, SyncRecord.EndStatus.COMPLETE, chunkCount);
    }

    @Test
    void assembleIfComplete_endWithUnreadableAnalysisStoredByAnOlderHost_keepsTheSessionAsAConflictAndCommitsTheRest()
            throws Exception {
        try (SessionStore store = SessionStore.open(directory, true)) {
            SyncStore sync = new SyncStore(store);
            // what a host from before the analysis check stored: the end's analysis is not a session payload
            SyncRecord.SessionEnd poisoned = new SyncRecord.SessionEnd(DEVICE, "s-old", SyncRecord.EndStatus.COMPLETE, 0,
                    new byte[] {1, 2, 3});
            SyncRecord.SessionStart good = start("s1", List.of(SensorPosition.UPPER));
            boolean[] assembled = new boolean[2];
            sync.inTransaction(() -> {
                sync.storeStart(start("s-old", List.of(SensorPosition.UPPER)),
                        SyncCodec.encode(start("s-old", List.of(SensorPosition.UPPER))));
                sync.storeEnd(poisoned, SyncCodec.encode(poisoned));
                assembled[0] = sync.assembleIfComplete(DEVICE, "s-old");
                sync.storeStart(good, SyncCodec.encode(good));
                sync.storeChunk(chunk(0), SyncCodec.encode(chunk(0)));
                sync.storeEnd(end("s1", 1, List.of()), SyncCodec.encode(end("s1", 1, List.of())));
                assembled[1] = sync.assembleIfComplete(DEVICE, "s1");
            });
            assertFalse(assembled[0]);
            assertTrue(assembled[1], "the other session of the same transaction is stored");
            assertEquals(List.of("s1"), store.list().stream().map(SessionListing::sessionId).toList());
            List<SyncStore.Unassembled> conflicts = sync.unassembled();
            assertEquals(1, conflicts.size(), conflicts.toString());
            assertEquals("s-old", conflicts.get(0).sessionId());
            assertTrue(conflicts.get(0).reason().contains("analysis cannot be read"), conflicts.get(0).reason());
            assertFalse(sync.acknowledgement(DEVICE, "s-old").complete(), "the strap keeps it");
        }
    }

    @Test
    void assembleIfComplete_chunksOfASensorTheStartDoesNotList_keepsTheSessionAsAConflict() throws Exception {
        try (SessionStore store = SessionStore.open(directory, true)) {
            SyncStore sync = new SyncStore(store);
            SyncRecord.SessionStart lowerOnly = start("s1", List.of(SensorPosition.LOWER));
            boolean[] assembled = new boolean[1];
            sync.inTransaction(() -> {
                sync.storeStart(lowerOnly, SyncCodec.encode(lowerOnly));
                sync.storeChunk(chunk(0), SyncCodec.encode(chunk(0))); // upper samples
                sync.storeEnd(end("s1", 1, List.of()), SyncCodec.encode(end("s1", 1, List.of())));
                assembled[0] = sync.assembleIfComplete(DEVICE, "s1");
            });
            assertFalse(assembled[0]);
            assertEquals(List.of(), store.list());
            assertTrue(sync.unassembled().get(0).reason().contains("upper samples"), sync.unassembled().toString());
        }
    }

    @Test
    void assembleIfComplete_repetitionWithoutAnExtensionPeak_isStored() throws Exception {
        try (SessionStore store = SessionStore.open(directory, true)) {
            SyncStore sync = new SyncStore(store);
            SyncRecord.SessionStart start = start("s1", List.of(SensorPosition.UPPER));
            SyncRecord.SessionEnd end = end("s1", 1, List.of(new Repetition(0.1, 0.9, 30, Double.NaN)));
            boolean[] assembled = new boolean[1];
            sync.inTransaction(() -> {
                sync.storeStart(start, SyncCodec.encode(start));
                sync.storeChunk(chunk(0), SyncCodec.encode(chunk(0)));
                sync.storeEnd(end, SyncCodec.encode(end));
                assembled[0] = sync.assembleIfComplete(DEVICE, "s1");
            });
            assertTrue(assembled[0], sync.unassembled().toString());
            assertEquals(1, store.list().get(0).repetitionCount());
        }
    }
}
