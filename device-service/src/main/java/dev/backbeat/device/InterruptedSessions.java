// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.OutboxException;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.device.outbox.OutboxSamples;
import dev.backbeat.hardware.actuator.SimulatedHapticActuator;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * After a power cut or crash: every session in the outbox without an end record is closed as
 * {@code interrupted} with everything sealed before the cut. Its analysis (repetitions, flexion
 * range, pacer cues) is recomputed by replaying the sealed samples through the session pipeline,
 * one chunk in memory at a time, with the motor left alone.
 */
public final class InterruptedSessions {

    private InterruptedSessions() {
    }

    /**
     * Closes the interrupted sessions in the outbox; returns their ids. A session whose records
     * cannot be read is left as it is, with a line saying why, so one damaged record does not stop
     * the strap from recording new sessions.
     *
     * @throws IOException when the outbox itself cannot be read or written
     */
    public static List<String> close(DeviceSettings settings, DeviceOutbox outbox, Consumer<String> progress)
            throws IOException {
        List<String> closed = new ArrayList<>();
        for (String sessionId : outbox.recording()) {
            try {
                closeOne(settings, outbox, progress, sessionId);
                closed.add(sessionId);
            } catch (UnreadableRecordException unreadable) {
                progress.accept("session " + sessionId + " was interrupted but cannot be closed: " + unreadable.getMessage()
                        + "; it stays in the outbox " + outbox.file() + " as it is");
            }
        }
        return closed;
    }

    private static void closeOne(DeviceSettings settings, DeviceOutbox outbox, Consumer<String> progress, String sessionId)
            throws IOException {
        SyncRecord.SessionStart start = decode(outbox.startRecord(sessionId), SyncRecord.SessionStart.class, sessionId);
        SessionPipeline pipeline = new SessionPipeline(recordedSettings(settings, start), start.sensors(),
                start.sampleRateHz(), new SimulatedHapticActuator(), start.startedAt(), sessionId);
        int chunkCount;
        try {
            chunkCount = OutboxSamples.forEachChunk(outbox, sessionId, (index, samples) -> {
                replay(samples, pipeline);
                pipeline.paceTo(pipeline.lastTimeSeconds()); // the cues fall on the pacer's schedule, whatever drives it
            });
        } catch (OutboxSamples.UnreadableChunkException unreadable) {
            throw new UnreadableRecordException(unreadable.getMessage());
        }
        RecordedSession session = pipeline.finish(start.hardware(), start.sampleRateHz());
        outbox.end(sessionId, SyncCodec.encode(
                OutboxRecording.endRecord(session, SyncRecord.EndStatus.INTERRUPTED, chunkCount)));
        progress.accept(String.format(java.util.Locale.ROOT,
                "session %s was interrupted; closed with its %d sealed chunk(s) (%.1f s)", sessionId, chunkCount,
                session.summary().durationSeconds()));
    }

    /** A record of the outbox that does not decode. */
    static final class UnreadableRecordException extends OutboxException {
        UnreadableRecordException(String message) {
            super(message);
        }
    }

    /**
     * The settings the session was recorded with, as far as its start record kept them (its device
     * id and pacer rate), over today's settings: the configuration may have changed since the cut.
     */
    static DeviceSettings recordedSettings(DeviceSettings today, SyncRecord.SessionStart start) {
        DeviceSettings settings = today.withDeviceId(start.deviceId());
        String breathsPerMinute = start.settings().get("pacer.breaths_per_minute");
        if (breathsPerMinute != null) {
            try {
                settings = settings.withPacer(settings.pacer().withBreathsPerMinute(Double.parseDouble(breathsPerMinute)));
            } catch (IllegalArgumentException unreadable) {
                // an unreadable or out-of-range rate leaves today's pacer: the cues are then approximate
            }
        }
        return settings;
    }

    /** Feeds a chunk's samples to the pipeline in time order across sensors. */
    private static void replay(ChunkSamples samples, SessionPipeline pipeline) {
        List<ChunkSamples.Block> blocks = samples.blocks();
        int[] next = new int[blocks.size()];
        while (true) {
            int earliest = -1;
            for (int index = 0; index < blocks.size(); index++) {
                ChunkSamples.Block block = blocks.get(index);
                if (next[index] < block.sampleCount() && (earliest < 0
                        || block.timeSeconds()[next[index]] < blocks.get(earliest).timeSeconds()[next[earliest]])) {
                    earliest = index;
                }
            }
            if (earliest < 0) {
                return;
            }
            ChunkSamples.Block block = blocks.get(earliest);
            int sample = next[earliest]++;
            float[] gyroscope = block.gyroscopeRadiansPerSecond();
            float[] accelerometer = block.accelerometerMetersPerSecondSquared();
            pipeline.accept(block.sensor(), new ImuSample(block.timeSeconds()[sample],
                    new Vector3(gyroscope[3 * sample], gyroscope[3 * sample + 1], gyroscope[3 * sample + 2]),
                    new Vector3(accelerometer[3 * sample], accelerometer[3 * sample + 1], accelerometer[3 * sample + 2])));
        }
    }

    private static <T extends SyncRecord> T decode(Optional<byte[]> bytes, Class<T> kind, String sessionId)
            throws IOException {
        if (bytes.isEmpty()) {
            throw new UnreadableRecordException("session " + sessionId + " has no " + kind.getSimpleName() + " record in the outbox");
        }
        SyncDecodeResult decoded = SyncCodec.decode(bytes.get());
        if (decoded instanceof SyncDecodeResult.Decoded(SyncRecord record) && kind.isInstance(record)) {
            return kind.cast(record);
        }
        throw new UnreadableRecordException("the outbox's " + kind.getSimpleName() + " record of session " + sessionId
                + " cannot be read: " + decoded);
    }
}
