package dev.backbeat.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
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
}
