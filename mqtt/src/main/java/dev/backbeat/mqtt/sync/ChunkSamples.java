// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import dev.backbeat.core.imu.SensorPosition;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The raw samples of one chunk (about a second of a session): one block per sensor.
 *
 * @param blocks at most one per sensor
 */
public record ChunkSamples(List<Block> blocks) {

    public ChunkSamples {
        blocks = List.copyOf(blocks);
        // loops, not streams: built once a chunk on the strap and on the host, where a stream
        // pipeline's dozen small methods stay interpreted for minutes at that rate
        long sensorsSeen = 0;
        for (Block block : blocks) {
            long bit = 1L << block.sensor().ordinal();
            if ((sensorsSeen & bit) != 0) {
                throw new IllegalArgumentException("a chunk holds at most one block per sensor");
            }
            sensorsSeen |= bit;
        }
    }

    public int sampleCount() {
        int count = 0;
        for (Block block : blocks) {
            count += block.sampleCount();
        }
        return count;
    }

    /** Samples of one sensor in this chunk. */
    public int sampleCount(SensorPosition sensor) {
        int count = 0;
        for (Block block : blocks) {
            if (block.sensor() == sensor) {
                count += block.sampleCount();
            }
        }
        return count;
    }

    /**
     * One sensor's samples: times in seconds since the session start, gyroscope (rad/s) and
     * accelerometer (m/s²) as interleaved x, y, z.
     */
    public record Block(SensorPosition sensor, double[] timeSeconds, float[] gyroscopeRadiansPerSecond,
                        float[] accelerometerMetersPerSecondSquared) {

        public Block {
            Objects.requireNonNull(sensor, "sensor");
            if (gyroscopeRadiansPerSecond.length != 3 * timeSeconds.length
                    || accelerometerMetersPerSecondSquared.length != 3 * timeSeconds.length) {
                throw new IllegalArgumentException("a block of " + timeSeconds.length + " samples needs "
                        + 3 * timeSeconds.length + " gyroscope and accelerometer values");
            }
        }

        public int sampleCount() {
            return timeSeconds.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Block block && sensor == block.sensor
                    && Arrays.equals(timeSeconds, block.timeSeconds)
                    && Arrays.equals(gyroscopeRadiansPerSecond, block.gyroscopeRadiansPerSecond)
                    && Arrays.equals(accelerometerMetersPerSecondSquared, block.accelerometerMetersPerSecondSquared);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sensor, Arrays.hashCode(timeSeconds));
        }

        @Override
        public String toString() {
            return "Block[" + sensor.label() + ", " + sampleCount() + " samples]";
        }
    }
}
