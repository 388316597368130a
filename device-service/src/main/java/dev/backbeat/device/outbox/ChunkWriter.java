// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.strap.StrapSampleSink;
import dev.backbeat.mqtt.sync.SampleResolution;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Seals a session's samples into the outbox as chunk records: each chunk compressed, hashed and
 * committed in one transaction. Chunk indexes count sealed chunks: 0, 1, 2, ... without holes.
 *
 * <p>Two ways in: {@link #seal(ChunkBuffer)} seals a chunk collected elsewhere (the device service's
 * storage thread, see {@link OutboxRecording}); as a {@link StrapSampleSink} it buffers samples
 * itself until the session time crosses the next whole {@code chunkSeconds} boundary and seals them
 * on the caller's thread (backlogs written by benchmarks and tests).
 */
public final class ChunkWriter implements StrapSampleSink {

    /** Session seconds per chunk (default 1 s: a power cut loses at most this much). */
    public static final double DEFAULT_CHUNK_SECONDS = 1.0;

    private final DeviceOutbox outbox;
    private final String deviceId;
    private final String sessionId;
    private final Optional<SampleResolution> resolution;
    private final double chunkSeconds;
    private final ChunkBuffer buffer = new ChunkBuffer();
    private double boundarySeconds = Double.NaN;
    private int sealed;
    private long sealedBytes;

    /** Writes the start record and returns a writer for the session's samples. */
    public static ChunkWriter begin(DeviceOutbox outbox, SyncRecord.SessionStart start,
                                    Optional<SampleResolution> resolution, double chunkSeconds) throws IOException {
        outbox.begin(start.sessionId(), start.startedAt(), SyncCodec.encode(start));
        return new ChunkWriter(outbox, start.deviceId(), start.sessionId(), resolution, chunkSeconds);
    }

    private ChunkWriter(DeviceOutbox outbox, String deviceId, String sessionId, Optional<SampleResolution> resolution,
                        double chunkSeconds) {
        if (!(chunkSeconds > 0 && chunkSeconds <= 30)) {
            throw new IllegalArgumentException("chunk length must be more than 0 and at most 30 s, was " + chunkSeconds);
        }
        this.outbox = outbox;
        this.deviceId = deviceId;
        this.sessionId = sessionId;
        this.resolution = resolution;
        this.chunkSeconds = chunkSeconds;
    }

    @Override
    public void accept(SensorPosition sensor, ImuSample sample) {
        double time = sample.timeSeconds();
        if (Double.isNaN(boundarySeconds)) {
            boundarySeconds = nextBoundary(time);
        } else if (time >= boundarySeconds) {
            try {
                seal();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boundarySeconds = nextBoundary(time);
        }
        buffer.add(sensor, sample);
    }

    private double nextBoundary(double time) {
        return (Math.floor(time / chunkSeconds) + 1) * chunkSeconds;
    }

    /** Seals what is buffered; returns the number of chunks of the session. */
    public int finish() throws IOException {
        seal();
        return sealed;
    }

    /** The session's chunks are {@code chunkSeconds} of session time long, s. */
    public double chunkSeconds() {
        return chunkSeconds;
    }

    public int sealedChunks() {
        return sealed;
    }

    /** Bytes of chunk records sealed so far. */
    public long sealedBytes() {
        return sealedBytes;
    }

    private void seal() throws IOException {
        seal(buffer);
        buffer.clear();
    }

    /**
     * Seals {@code samples} as the session's next chunk, in one transaction (nothing when it is
     * empty); the buffer is left as it is.
     */
    public void seal(ChunkBuffer samples) throws IOException {
        if (samples.sampleCount() == 0) {
            return;
        }
        SyncRecord.SessionChunk chunk = SyncRecord.SessionChunk.seal(deviceId, sessionId, sealed, samples.samples(),
                resolution);
        byte[] record = SyncCodec.encode(chunk);
        outbox.seal(sessionId, sealed, record);
        sealed++;
        sealedBytes += record.length;
    }
}
