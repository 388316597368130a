// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.mqtt.sync.ChunkSamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The raw samples of one chunk, per sensor, as they arrive: times as doubles (s), gyroscope (rad/s)
 * and accelerometer (m/s²) as interleaved x, y, z floats, the values the chunk record keeps. Filled
 * on the sampling thread, sealed on the storage thread, then {@linkplain #clear() cleared} and
 * filled again: once its arrays have grown to a chunk's samples, adding allocates nothing.
 */
public final class ChunkBuffer {

    /** Samples per sensor a new buffer has room for before it grows (a second at 256 Hz). */
    static final int INITIAL_SAMPLES = 256;

    private final double[][] times = new double[SensorPosition.values().length][];
    private final float[][] gyroscope = new float[SensorPosition.values().length][];
    private final float[][] accelerometer = new float[SensorPosition.values().length][];
    private final int[] counts = new int[SensorPosition.values().length];

    public ChunkBuffer() {
        for (int sensor = 0; sensor < counts.length; sensor++) {
            times[sensor] = new double[INITIAL_SAMPLES];
            gyroscope[sensor] = new float[3 * INITIAL_SAMPLES];
            accelerometer[sensor] = new float[3 * INITIAL_SAMPLES];
        }
    }

    /** Adds one sample of {@code sensor}. */
    public void add(SensorPosition sensor, ImuSample sample) {
        int index = sensor.ordinal();
        int count = counts[index];
        if (count == times[index].length) {
            times[index] = Arrays.copyOf(times[index], 2 * count);
            gyroscope[index] = Arrays.copyOf(gyroscope[index], 6 * count);
            accelerometer[index] = Arrays.copyOf(accelerometer[index], 6 * count);
        }
        int base = 3 * count;
        Vector3 rate = sample.gyroscopeRadiansPerSecond();
        Vector3 force = sample.accelerometerMetersPerSecondSquared();
        times[index][count] = sample.timeSeconds();
        gyroscope[index][base] = (float) rate.x();
        gyroscope[index][base + 1] = (float) rate.y();
        gyroscope[index][base + 2] = (float) rate.z();
        accelerometer[index][base] = (float) force.x();
        accelerometer[index][base + 1] = (float) force.y();
        accelerometer[index][base + 2] = (float) force.z();
        counts[index] = count + 1;
    }

    /** Samples held, all sensors. */
    public int sampleCount() {
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
    }

    /** The samples as a chunk's blocks (copies), one per sensor with samples, in sensor order. */
    public ChunkSamples samples() {
        List<ChunkSamples.Block> blocks = new ArrayList<>();
        for (SensorPosition sensor : SensorPosition.values()) {
            int index = sensor.ordinal();
            int count = counts[index];
            if (count > 0) {
                blocks.add(new ChunkSamples.Block(sensor, Arrays.copyOf(times[index], count),
                        Arrays.copyOf(gyroscope[index], 3 * count), Arrays.copyOf(accelerometer[index], 3 * count)));
            }
        }
        return new ChunkSamples(blocks);
    }

    /** Empties the buffer, keeping its arrays. */
    public void clear() {
        Arrays.fill(counts, 0);
    }
}
