// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session's raw samples read back from its sealed chunks in the outbox, chunk by chunk: the
 * device keeps samples nowhere else.
 */
public final class OutboxSamples {

    private OutboxSamples() {
    }

    /** A sealed chunk that does not decode. */
    public static final class UnreadableChunkException extends OutboxException {
        UnreadableChunkException(String message) {
            super(message);
        }
    }

    /** Receives each sealed chunk's samples in chunk order. */
    @FunctionalInterface
    public interface ChunkReceiver {
        void chunk(int index, ChunkSamples samples) throws IOException;
    }

    /**
     * Gives every sealed chunk of {@code sessionId} to {@code receiver}, in order, one in memory at a
     * time; returns how many there were.
     *
     * @throws UnreadableChunkException when a chunk does not decode (naming the session and chunk)
     */
    public static int forEachChunk(DeviceOutbox outbox, String sessionId, ChunkReceiver receiver) throws IOException {
        int index = 0;
        while (true) {
            Optional<byte[]> record = outbox.chunkRecord(sessionId, index);
            if (record.isEmpty()) {
                return index;
            }
            SyncDecodeResult decoded = SyncCodec.decode(record.get());
            if (!(decoded instanceof SyncDecodeResult.Decoded(SyncRecord.SessionChunk chunk))) {
                throw new UnreadableChunkException("chunk " + index + " of session " + sessionId + " in " + outbox.file()
                        + " cannot be read: " + decoded);
            }
            receiver.chunk(index, chunk.samples());
            index++;
        }
    }

    /** Every sealed sample of {@code sessionId}, one track per sensor that has samples, upper first. */
    public static List<SensorTrack> tracks(DeviceOutbox outbox, String sessionId) throws IOException {
        Map<SensorPosition, SensorTrack.Builder> builders = new EnumMap<>(SensorPosition.class);
        double[] row = new double[7];
        forEachChunk(outbox, sessionId, (index, samples) -> {
            for (ChunkSamples.Block block : samples.blocks()) {
                SensorTrack.Builder builder = builders.computeIfAbsent(block.sensor(), SensorTrack.Builder::new);
                float[] gyroscope = block.gyroscopeRadiansPerSecond();
                float[] accelerometer = block.accelerometerMetersPerSecondSquared();
                for (int sample = 0; sample < block.sampleCount(); sample++) {
                    row[0] = block.timeSeconds()[sample];
                    for (int axis = 0; axis < 3; axis++) {
                        row[1 + axis] = gyroscope[3 * sample + axis];
                        row[4 + axis] = accelerometer[3 * sample + axis];
                    }
                    builder.add(row);
                }
            }
        });
        List<SensorTrack> tracks = new ArrayList<>();
        builders.values().forEach(builder -> tracks.add(builder.build()));
        return tracks;
    }
}
