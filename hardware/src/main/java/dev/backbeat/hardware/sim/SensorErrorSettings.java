// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/**
 * How a simulated IMU deviates from the truth. Defaults follow the MPU-6050 product specification
 * (rev 3.4, tables 6.1 and 6.2: rate noise 0.005 °/s/√Hz, accelerometer noise 400 µg/√Hz) with a
 * modest uncalibrated gyroscope offset.
 *
 * @param gyroscopeNoiseDensityRadiansPerSecondPerRootHertz white noise of the gyroscope, rad/s/√Hz (default 8.7e-5 = 0.005 °/s/√Hz)
 * @param accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz white noise of the accelerometer, m/s²/√Hz (default 0.0039 = 400 µg/√Hz)
 * @param gyroscopeBiasMaxRadiansPerSecond each axis's initial offset is drawn uniformly from ± this, rad/s
 *     (default 0.0087 = 0.5 °/s; the curvature evaluation uses up to 2 °/s)
 * @param gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond slow drift of the offset, rad/s/√s (default 2e-5)
 * @param accelerometerBiasMaxMetersPerSecondSquared each axis's constant offset is drawn uniformly from ± this, m/s² (default 0.02)
 * @param gyroscopeBiasDriftMaxRadiansPerSecondPerMinute a steady drift of each axis's offset (a chip
 *     warming up), drawn uniformly from ± this per axis and sensor, rad/s per minute, on top of the
 *     random walk (default 0; 0.0017 = 0.1 °/s per minute makes 1 °/s after ten minutes)
 */
public record SensorErrorSettings(
        double gyroscopeNoiseDensityRadiansPerSecondPerRootHertz,
        double accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz,
        double gyroscopeBiasMaxRadiansPerSecond,
        double gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond,
        double accelerometerBiasMaxMetersPerSecondSquared,
        double gyroscopeBiasDriftMaxRadiansPerSecondPerMinute) {

    public static final SensorErrorSettings DEFAULTS = new SensorErrorSettings(8.7e-5, 0.0039, 0.0087, 2e-5, 0.02);

    /** A perfect sensor: no noise, no offsets. */
    public static final SensorErrorSettings NONE = new SensorErrorSettings(0, 0, 0, 0, 0);

    public SensorErrorSettings {
        if (gyroscopeNoiseDensityRadiansPerSecondPerRootHertz < 0
                || accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz < 0
                || gyroscopeBiasMaxRadiansPerSecond < 0
                || gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond < 0
                || accelerometerBiasMaxMetersPerSecondSquared < 0
                || gyroscopeBiasDriftMaxRadiansPerSecondPerMinute < 0) {
            throw new IllegalArgumentException("sensor error settings must not be negative");
        }
    }

    /** Settings without a steady drift of the gyroscope offset. */
    public SensorErrorSettings(double gyroscopeNoiseDensityRadiansPerSecondPerRootHertz,
                               double accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz,
                               double gyroscopeBiasMaxRadiansPerSecond,
                               double gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond,
                               double accelerometerBiasMaxMetersPerSecondSquared) {
        this(gyroscopeNoiseDensityRadiansPerSecondPerRootHertz, accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz,
                gyroscopeBiasMaxRadiansPerSecond, gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond,
                accelerometerBiasMaxMetersPerSecondSquared, 0);
    }

    /** A copy whose gyroscope offsets drift steadily by up to ± {@code radiansPerSecondPerMinute} per axis. */
    public SensorErrorSettings withGyroscopeBiasDrift(double radiansPerSecondPerMinute) {
        return new SensorErrorSettings(gyroscopeNoiseDensityRadiansPerSecondPerRootHertz,
                accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz, gyroscopeBiasMaxRadiansPerSecond,
                gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond, accelerometerBiasMaxMetersPerSecondSquared,
                radiansPerSecondPerMinute);
    }

    public SensorErrorSettings withGyroscopeBiasMaxRadiansPerSecond(double newMax) {
        return new SensorErrorSettings(gyroscopeNoiseDensityRadiansPerSecondPerRootHertz,
                accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz, newMax,
                gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond, accelerometerBiasMaxMetersPerSecondSquared,
                gyroscopeBiasDriftMaxRadiansPerSecondPerMinute);
    }
}
