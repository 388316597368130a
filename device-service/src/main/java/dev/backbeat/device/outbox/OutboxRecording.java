// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.hardware.strap.StrapSampleSink;
import dev.backbeat.mqtt.sync.SampleResolution;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One session being written into the outbox as it happens: the start record now, a chunk each
 * second through {@link #tee}, the end record with the analysis at {@link #finish}.
 */
public final class OutboxRecording implements AutoCloseable {

    private final DeviceOutbox outbox;
    private final SyncRecord.SessionStart start;
    private final ChunkWriter chunks;

    private OutboxRecording(DeviceOutbox outbox, SyncRecord.SessionStart start, ChunkWriter chunks) {
        this.outbox = outbox;
        this.start = start;
        this.chunks = chunks;
    }

    /** Opens the outbox in {@code dataDirectory} and writes the session's start record. */
    public static OutboxRecording begin(Path dataDirectory, SyncRecord.SessionStart start,
                                        Optional<SampleResolution> resolution) throws IOException {
        DeviceOutbox outbox = DeviceOutbox.open(dataDirectory);
        try {
            return new OutboxRecording(outbox, start,
                    ChunkWriter.begin(outbox, start, resolution, ChunkWriter.DEFAULT_CHUNK_SECONDS));
        } catch (IOException | RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    /** The start record of a session. */
    public static SyncRecord.SessionStart start(String deviceId, String sessionId, Instant startedAt, String hardware,
                                                double sampleRateHz, List<SensorPosition> sensors,
                                                Map<String, String> settings) {
        return new SyncRecord.SessionStart(deviceId, sessionId, startedAt, hardware, sampleRateHz, sensors, settings);
    }

    /** A sink that gives every sample to {@code pipeline} and then to the chunk writer. */
    public StrapSampleSink tee(StrapSampleSink pipeline) {
        return new StrapSampleSink() {
            @Override
            public void accept(SensorPosition sensor, dev.backbeat.core.imu.ImuSample sample) {
                pipeline.accept(sensor, sample);
                chunks.accept(sensor, sample);
            }

            @Override
            public void gap(SensorPosition sensor, double fromSeconds, double toSeconds) {
                pipeline.gap(sensor, fromSeconds, toSeconds); // kept in the analysis of the end record
            }
        };
    }

    /**
     * Seals the last chunk and writes the end record ({@code complete}) with the session's
     * analysis (summary, repetitions, pacer cues; the samples are in the chunks).
     *
     * @return the number of chunks
     */
    public int finish(RecordedSession session) throws IOException {
        try {
            int chunkCount = chunks.finish();
            outbox.end(start.sessionId(), SyncCodec.encode(endRecord(session, SyncRecord.EndStatus.COMPLETE, chunkCount)));
            return chunkCount;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The end record of a session: its analysis without samples. */
    public static SyncRecord.SessionEnd endRecord(RecordedSession session, SyncRecord.EndStatus status, int chunkCount) {
        RecordedSession analysis = session.withTracks(List.of());
        return new SyncRecord.SessionEnd(session.deviceId(), session.sessionId(), status, chunkCount,
                SessionCodec.encode(analysis));
    }

    public Path file() {
        return outbox.file();
    }

    public int sealedChunks() {
        return chunks.sealedChunks();
    }

    @Override
    public void close() {
        outbox.close();
    }
}
