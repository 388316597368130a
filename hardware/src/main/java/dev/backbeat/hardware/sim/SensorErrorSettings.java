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
 */
public record SensorErrorSettings(
        double gyroscopeNoiseDensityRadiansPerSecondPerRootHertz,
        double accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz,
        double gyroscopeBiasMaxRadiansPerSecond,
        double gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond,
        double accelerometerBiasMaxMetersPerSecondSquared) {

    public static final SensorErrorSettings DEFAULTS = new SensorErrorSettings(8.7e-5, 0.0039, 0.0087, 2e-5, 0.02);

    /** A perfect sensor: no noise, no offsets. */
    public static final SensorErrorSettings NONE = new SensorErrorSettings(0, 0, 0, 0, 0);

    public SensorErrorSettings {
        if (gyroscopeNoiseDensityRadiansPerSecondPerRootHertz < 0
                || accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz < 0
                || gyroscopeBiasMaxRadiansPerSecond < 0
                || gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond < 0
                || accelerometerBiasMaxMetersPerSecondSquared < 0) {
            throw new IllegalArgumentException("sensor error settings must not be negative");
        }
    }

    public SensorErrorSettings withGyroscopeBiasMaxRadiansPerSecond(double newMax) {
        return new SensorErrorSettings(gyroscopeNoiseDensityRadiansPerSecondPerRootHertz,
                accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz, newMax,
                gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond, accelerometerBiasMaxMetersPerSecondSquared);
    }
}
