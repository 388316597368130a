// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

/**
 * The value of one count of a sensor's output, when its samples are whole counts of the chip
 * (as every real IMU's are). With it, a chunk stores counts instead of floats, which is what makes
 * a chunk about a quarter of its samples' size as 32-bit floats. Samples that are not exact counts
 * (the sample-level simulator's) are stored as floats instead: the chunk is lossless either way.
 *
 * @param gyroscopeRadiansPerSecondPerCount e.g. 17.5 mdps = 3.054e-4 rad/s (LSM6DSOX at ±500 dps)
 * @param accelerometerMetersPerSecondSquaredPerCount e.g. 0.122 mg = 1.196e-3 m/s² (LSM6DSOX at ±4 g)
 */
public record SampleResolution(double gyroscopeRadiansPerSecondPerCount,
                               double accelerometerMetersPerSecondSquaredPerCount) {

    /** LSM6DSOX at ±500 dps and ±4 g (datasheet table 2: 17.50 mdps/LSB, 0.122 mg/LSB). */
    public static final SampleResolution LSM6DSOX_500DPS_4G =
            new SampleResolution(17.5e-3 * Math.PI / 180.0, 0.122e-3 * 9.80665);

    public SampleResolution {
        if (!(gyroscopeRadiansPerSecondPerCount > 0 && Double.isFinite(gyroscopeRadiansPerSecondPerCount))
                || !(accelerometerMetersPerSecondSquaredPerCount > 0
                        && Double.isFinite(accelerometerMetersPerSecondSquaredPerCount))) {
            throw new IllegalArgumentException("sample resolutions must be positive and finite");
        }
    }

    /** The float a chip count becomes (what a driver computes). */
    public static float value(long count, double step) {
        return (float) (count * step);
    }
}
