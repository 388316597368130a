// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.hardware.strap.StrapSampleSink;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SampleResolution;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams a session's samples into the outbox: samples are buffered until the session time
 * crosses the next whole {@link #chunkSeconds} boundary, then sealed as one compressed, hashed
 * chunk record (one transaction). Chunk indexes count sealed chunks: 0, 1, 2, ... without holes.
 */
public final class ChunkWriter implements StrapSampleSink {

    /** Session seconds per chunk (default 1 s: a power cut loses at most this much). */
    public static final double DEFAULT_CHUNK_SECONDS = 1.0;

    private final DeviceOutbox outbox;
    private final String deviceId;
    private final String sessionId;
    private final Optional<SampleResolution> resolution;
    private final double chunkSeconds;
    private final Map<SensorPosition, BlockBuilder> blocks = new EnumMap<>(SensorPosition.class);
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
        blocks.computeIfAbsent(sensor, BlockBuilder::new).add(sample);
    }

    private double nextBoundary(double time) {
        return (Math.floor(time / chunkSeconds) + 1) * chunkSeconds;
    }

    /** Seals what is buffered; returns the number of chunks of the session. */
    public int finish() throws IOException {
        seal();
        return sealed;
    }

    public int sealedChunks() {
        return sealed;
    }

    /** Bytes of chunk records sealed so far. */
    public long sealedBytes() {
        return sealedBytes;
    }

    private void seal() throws IOException {
        List<ChunkSamples.Block> built = new ArrayList<>();
        for (BlockBuilder builder : blocks.values()) {
            if (builder.count > 0) {
                built.add(builder.build());
            }
        }
        blocks.clear();
        if (built.isEmpty()) {
            return;
        }
        SyncRecord.SessionChunk chunk = SyncRecord.SessionChunk.seal(deviceId, sessionId, sealed,
                new ChunkSamples(built), resolution);
        byte[] record = SyncCodec.encode(chunk);
        outbox.seal(sessionId, sealed, record);
        sealed++;
        sealedBytes += record.length;
    }

    private static final class BlockBuilder {
        private final SensorPosition sensor;
        private double[] times = new double[256];
        private float[] gyroscope = new float[768];
        private float[] accelerometer = new float[768];
        private int count;

        BlockBuilder(SensorPosition sensor) {
            this.sensor = sensor;
        }

        void add(ImuSample sample) {
            if (count == times.length) {
                times = Arrays.copyOf(times, 2 * count);
                gyroscope = Arrays.copyOf(gyroscope, 6 * count);
                accelerometer = Arrays.copyOf(accelerometer, 6 * count);
            }
            int base = 3 * count;
            times[count] = sample.timeSeconds();
            gyroscope[base] = (float) sample.gyroscopeRadiansPerSecond().x();
            gyroscope[base + 1] = (float) sample.gyroscopeRadiansPerSecond().y();
            gyroscope[base + 2] = (float) sample.gyroscopeRadiansPerSecond().z();
            accelerometer[base] = (float) sample.accelerometerMetersPerSecondSquared().x();
            accelerometer[base + 1] = (float) sample.accelerometerMetersPerSecondSquared().y();
            accelerometer[base + 2] = (float) sample.accelerometerMetersPerSecondSquared().z();
            count++;
        }

        ChunkSamples.Block build() {
            return new ChunkSamples.Block(sensor, Arrays.copyOf(times, count), Arrays.copyOf(gyroscope, 3 * count),
                    Arrays.copyOf(accelerometer, 3 * count));
        }
    }
}
