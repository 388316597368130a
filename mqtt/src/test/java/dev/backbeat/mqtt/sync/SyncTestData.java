// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import dev.backbeat.core.imu.SensorPosition;
import java.util.List;
import java.util.Random;

/** Chunk samples like a strap's: regular clocks, smooth motion plus noise. */
final class SyncTestData {

    private SyncTestData() {
    }

    /** One second of two sensors at {@code rateHz}; with a resolution the values are whole counts of it. */
    static ChunkSamples samples(long seed, double startSeconds, double rateHz, SampleResolution resolution) {
        Random random = new Random(seed);
        int n = (int) rateHz;
        List<ChunkSamples.Block> blocks = new java.util.ArrayList<>();
        for (SensorPosition sensor : SensorPosition.values()) {
            double offset = sensor == SensorPosition.LOWER ? 0.37 : 0;
            double[] times = new double[n];
            float[] gyroscope = new float[3 * n];
            float[] accelerometer = new float[3 * n];
            for (int index = 0; index < n; index++) {
                long tick = Math.round(startSeconds * rateHz) + index;
                times[index] = (tick + offset) / rateHz;
                for (int axis = 0; axis < 3; axis++) {
                    double gyro = 0.3 * Math.sin(times[index] * (1 + axis)) + 0.003 * random.nextGaussian();
                    double accel = (axis == 0 ? 9.81 : 0.5) * Math.cos(times[index] * 0.5 + axis) + 0.04 * random.nextGaussian();
                    gyroscope[3 * index + axis] = resolution == null ? (float) gyro
                            : SampleResolution.value(Math.round(gyro / resolution.gyroscopeRadiansPerSecondPerCount()),
                                    resolution.gyroscopeRadiansPerSecondPerCount());
                    accelerometer[3 * index + axis] = resolution == null ? (float) accel
                            : SampleResolution.value(Math.round(accel / resolution.accelerometerMetersPerSecondSquaredPerCount()),
                                    resolution.accelerometerMetersPerSecondSquaredPerCount());
                }
            }
            blocks.add(new ChunkSamples.Block(sensor, times, gyroscope, accelerometer));
        }
        return new ChunkSamples(blocks);
    }

    /** An end record's analysis of {@code deviceId}/{@code sessionId}: a summary without samples. */
    static byte[] analysis(String deviceId, String sessionId) {
        return dev.backbeat.core.session.SessionCodec.encode(new dev.backbeat.core.session.RecordedSession(deviceId,
                sessionId, java.time.Instant.ofEpochMilli(7), "sim", 100, java.util.List.of(), java.util.List.of(),
                java.util.List.of(), new dev.backbeat.core.session.SessionSummary(1, 0, Double.NaN, Double.NaN, 6, 0,
                        Double.NaN, Double.NaN)));
    }
}
