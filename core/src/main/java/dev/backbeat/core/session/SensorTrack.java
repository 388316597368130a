// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import java.util.Arrays;
import java.util.Objects;

/**
 * The raw samples of one sensor over a session, stored compactly: times as doubles (seconds),
 * gyroscope (rad/s) and accelerometer (m/s²) as interleaved x, y, z floats.
 */
public final class SensorTrack {

    private final SensorPosition sensor;
    private final double[] timeSeconds;
    private final float[] gyroscopeRadiansPerSecond;
    private final float[] accelerometerMetersPerSecondSquared;
    /** {@link #medianSampleRateHz()} once known, else 0 (the median interval is positive or the rate NaN). */
    private volatile double medianSampleRateHz;

    public SensorTrack(SensorPosition sensor, double[] timeSeconds, float[] gyroscopeRadiansPerSecond,
                       float[] accelerometerMetersPerSecondSquared) {
        this.sensor = Objects.requireNonNull(sensor, "sensor");
        if (gyroscopeRadiansPerSecond.length != 3 * timeSeconds.length
                || accelerometerMetersPerSecondSquared.length != 3 * timeSeconds.length) {
            throw new IllegalArgumentException("a track of " + timeSeconds.length + " samples needs "
                    + 3 * timeSeconds.length + " gyroscope and accelerometer values");
        }
        this.timeSeconds = timeSeconds;
        this.gyroscopeRadiansPerSecond = gyroscopeRadiansPerSecond;
        this.accelerometerMetersPerSecondSquared = accelerometerMetersPerSecondSquared;
    }

    public SensorPosition sensor() {
        return sensor;
    }

    public int sampleCount() {
        return timeSeconds.length;
    }

    public double timeSeconds(int index) {
        return timeSeconds[index];
    }

    public ImuSample sample(int index) {
        int base = 3 * index;
        return new ImuSample(timeSeconds[index],
                new Vector3(gyroscopeRadiansPerSecond[base], gyroscopeRadiansPerSecond[base + 1], gyroscopeRadiansPerSecond[base + 2]),
                new Vector3(accelerometerMetersPerSecondSquared[base], accelerometerMetersPerSecondSquared[base + 1],
                        accelerometerMetersPerSecondSquared[base + 2]));
    }

    /**
     * The median sample rate, Hz (robust to a few late or lost samples); NaN for fewer than two
     * samples. Computed once (the reader, the gap detection and the analysis all ask).
     */
    public double medianSampleRateHz() {
        double rateHz = medianSampleRateHz;
        if (rateHz == 0) {
            rateHz = computeMedianSampleRateHz();
            medianSampleRateHz = rateHz;
        }
        return rateHz;
    }

    private double computeMedianSampleRateHz() {
        if (timeSeconds.length < 2) {
            return Double.NaN;
        }
        double[] intervals = new double[timeSeconds.length - 1];
        for (int index = 1; index < timeSeconds.length; index++) {
            intervals[index - 1] = timeSeconds[index] - timeSeconds[index - 1];
        }
        Arrays.sort(intervals);
        return 1 / intervals[intervals.length / 2];
    }

    /** The gyroscope readings as interleaved x, y, z doubles (rad/s), a copy. */
    public double[] gyroscopeInterleaved() {
        return toDoubles(gyroscopeRadiansPerSecond);
    }

    /** The accelerometer readings as interleaved x, y, z doubles (m/s²), a copy. */
    public double[] accelerometerInterleaved() {
        return toDoubles(accelerometerMetersPerSecondSquared);
    }

    private static double[] toDoubles(float[] values) {
        double[] copy = new double[values.length];
        for (int index = 0; index < values.length; index++) {
            copy[index] = values[index];
        }
        return copy;
    }

    double[] times() {
        return timeSeconds;
    }

    float[] gyroscope() {
        return gyroscopeRadiansPerSecond;
    }

    float[] accelerometer() {
        return accelerometerMetersPerSecondSquared;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SensorTrack track && sensor == track.sensor
                && Arrays.equals(timeSeconds, track.timeSeconds)
                && Arrays.equals(gyroscopeRadiansPerSecond, track.gyroscopeRadiansPerSecond)
                && Arrays.equals(accelerometerMetersPerSecondSquared, track.accelerometerMetersPerSecondSquared);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensor, Arrays.hashCode(timeSeconds));
    }

    @Override
    public String toString() {
        return "SensorTrack[" + sensor.label() + ", " + sampleCount() + " samples]";
    }

    /** Collects samples as they arrive; grows as needed. */
    public static final class Builder {
        private final SensorPosition sensor;
        private double[] times = new double[1024];
        private float[] gyroscope = new float[3 * 1024];
        private float[] accelerometer = new float[3 * 1024];
        private int count;

        public Builder(SensorPosition sensor) {
            this.sensor = sensor;
        }

        /** Adds {@code [time s, gyroscope x, y, z rad/s, accelerometer x, y, z m/s²]} without allocating. */
        public void add(double[] timeGyroscopeAccelerometer) {
            grow();
            int base = 3 * count;
            times[count] = timeGyroscopeAccelerometer[0];
            for (int axis = 0; axis < 3; axis++) {
                gyroscope[base + axis] = (float) timeGyroscopeAccelerometer[1 + axis];
                accelerometer[base + axis] = (float) timeGyroscopeAccelerometer[4 + axis];
            }
            count++;
        }

        private void grow() {
            if (count == times.length) {
                times = Arrays.copyOf(times, 2 * count);
                gyroscope = Arrays.copyOf(gyroscope, 6 * count);
                accelerometer = Arrays.copyOf(accelerometer, 6 * count);
            }
        }

        public void add(ImuSample sample) {
            grow();
            int base = 3 * count;
            times[count] = sample.timeSeconds();
            Vector3 rate = sample.gyroscopeRadiansPerSecond();
            Vector3 force = sample.accelerometerMetersPerSecondSquared();
            gyroscope[base] = (float) rate.x();
            gyroscope[base + 1] = (float) rate.y();
            gyroscope[base + 2] = (float) rate.z();
            accelerometer[base] = (float) force.x();
            accelerometer[base + 1] = (float) force.y();
            accelerometer[base + 2] = (float) force.z();
            count++;
        }

        public int count() {
            return count;
        }

        public SensorTrack build() {
            return new SensorTrack(sensor, Arrays.copyOf(times, count), Arrays.copyOf(gyroscope, 3 * count),
                    Arrays.copyOf(accelerometer, 3 * count));
        }
    }
}
