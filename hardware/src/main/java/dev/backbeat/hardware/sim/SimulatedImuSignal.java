// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import java.util.Random;

/**
 * What one IMU on the simulated wearer measures: angular rate and specific force in the sensor
 * frame, derived from the wearer's motion, plus white noise and a slowly drifting gyroscope offset
 * (a random walk, and optionally a steady drift).
 *
 * <p>Angular rate comes from the orientation change across ±{@value #DIFFERENCE_STEP_SECONDS} s,
 * acceleration from a central second difference of position across ±{@value #DIFFERENCE_STEP_SECONDS} s
 * (both exact to second order); specific force is {@code R^T (a + g·z)} with g = 9.81 m/s².
 * Seeded: the same seed and query times give the same readings. Query times must not decrease.
 */
public final class SimulatedImuSignal {

    /** Standard gravity, m/s². */
    public static final double GRAVITY_METERS_PER_SECOND_SQUARED = 9.81;
    static final double DIFFERENCE_STEP_SECONDS = 5e-4;

    private final SimulatedWearer wearer;
    private final SensorPosition sensor;
    private final SensorErrorSettings errors;
    private final double sampleRateHz;
    private final Random random;
    private final double[] gyroscopeBias = new double[3];
    /** Steady drift of each axis's offset, rad/s per second. */
    private final double[] gyroscopeBiasDrift = new double[3];
    private final Vector3 accelerometerBias;
    private double lastTimeSeconds = Double.NEGATIVE_INFINITY;

    /**
     * @param sampleRateHz the rate at which this signal will be sampled, Hz: sets the noise
     *     bandwidth (half the rate) of the white noise per reading
     */
    public SimulatedImuSignal(SimulatedWearer wearer, SensorPosition sensor, SensorErrorSettings errors,
                              double sampleRateHz, long seed) {
        this.wearer = wearer;
        this.sensor = sensor;
        this.errors = errors;
        this.sampleRateHz = sampleRateHz;
        this.random = new Random(seed * 31 + sensor.ordinal());
        for (int axis = 0; axis < 3; axis++) {
            gyroscopeBias[axis] = uniform(errors.gyroscopeBiasMaxRadiansPerSecond());
        }
        // a separate stream, so settings without a steady drift keep their readings
        Random driftRandom = new Random((seed * 31 + sensor.ordinal()) ^ 0xD21F7L);
        for (int axis = 0; axis < 3; axis++) {
            gyroscopeBiasDrift[axis] = (2 * driftRandom.nextDouble() - 1)
                    * errors.gyroscopeBiasDriftMaxRadiansPerSecondPerMinute() / 60;
        }
        double accelerometerBiasMax = errors.accelerometerBiasMaxMetersPerSecondSquared();
        this.accelerometerBias = new Vector3(uniform(accelerometerBiasMax), uniform(accelerometerBiasMax),
                uniform(accelerometerBiasMax));
    }

    public SensorPosition sensor() {
        return sensor;
    }

    /** The current gyroscope offset (random walk and steady drift included), rad/s (for evaluations). */
    public Vector3 gyroscopeBias() {
        double time = lastTimeSeconds == Double.NEGATIVE_INFINITY ? 0 : lastTimeSeconds;
        return new Vector3(gyroscopeBias[0] + gyroscopeBiasDrift[0] * time, gyroscopeBias[1] + gyroscopeBiasDrift[1] * time,
                gyroscopeBias[2] + gyroscopeBiasDrift[2] * time);
    }

    /** The reading at {@code timeSeconds}; times must not decrease between calls. */
    public ImuSample sampleAt(double timeSeconds) {
        if (timeSeconds < lastTimeSeconds) {
            throw new IllegalArgumentException("time went backwards: " + timeSeconds + " after " + lastTimeSeconds);
        }
        driftBias(timeSeconds);
        lastTimeSeconds = timeSeconds;
        double h = DIFFERENCE_STEP_SECONDS;
        SimulatedWearer.SensorPose before = wearer.sensorPose(sensor, timeSeconds - h);
        SimulatedWearer.SensorPose now = wearer.sensorPose(sensor, timeSeconds);
        SimulatedWearer.SensorPose after = wearer.sensorPose(sensor, timeSeconds + h);
        Vector3 angularRate = angularRate(before.orientation(), after.orientation());
        Vector3 specificForce = specificForce(before.position(), now.position(), after.position(), now.orientation());
        double bandwidthRootHertz = Math.sqrt(sampleRateHz / 2);
        double gyroscopeSigma = errors.gyroscopeNoiseDensityRadiansPerSecondPerRootHertz() * bandwidthRootHertz;
        double accelerometerSigma = errors.accelerometerNoiseDensityMetersPerSecondSquaredPerRootHertz() * bandwidthRootHertz;
        Vector3 gyroscope = new Vector3(
                angularRate.x() + gyroscopeBias[0] + gyroscopeBiasDrift[0] * timeSeconds + gyroscopeSigma * random.nextGaussian(),
                angularRate.y() + gyroscopeBias[1] + gyroscopeBiasDrift[1] * timeSeconds + gyroscopeSigma * random.nextGaussian(),
                angularRate.z() + gyroscopeBias[2] + gyroscopeBiasDrift[2] * timeSeconds + gyroscopeSigma * random.nextGaussian());
        Vector3 accelerometer = specificForce.plus(accelerometerBias).plus(new Vector3(
                accelerometerSigma * random.nextGaussian(),
                accelerometerSigma * random.nextGaussian(),
                accelerometerSigma * random.nextGaussian()));
        return new ImuSample(timeSeconds, gyroscope, accelerometer);
    }

    /** Noise-free angular rate in the sensor frame, rad/s. */
    public Vector3 trueAngularRate(double timeSeconds) {
        double h = DIFFERENCE_STEP_SECONDS;
        return angularRate(wearer.sensorOrientation(sensor, timeSeconds - h), wearer.sensorOrientation(sensor, timeSeconds + h));
    }

    /** The angular rate, rad/s in the sensor frame, from the orientations a step before and after. */
    private static Vector3 angularRate(Quaternion before, Quaternion after) {
        double h = DIFFERENCE_STEP_SECONDS;
        return before.conjugate().times(after).toRotationVector().times(1.0 / (2 * h));
    }

    /** Noise-free specific force in the sensor frame, m/s². */
    public Vector3 trueSpecificForce(double timeSeconds) {
        double h = DIFFERENCE_STEP_SECONDS;
        SimulatedWearer.SensorPose now = wearer.sensorPose(sensor, timeSeconds);
        return specificForce(wearer.sensorPosition(sensor, timeSeconds - h), now.position(),
                wearer.sensorPosition(sensor, timeSeconds + h), now.orientation());
    }

    /**
     * The specific force, m/s² in the sensor frame, from the positions a step before, at and after
     * the time and the orientation at it.
     */
    private static Vector3 specificForce(Vector3 before, Vector3 now, Vector3 after, Quaternion orientation) {
        double h = DIFFERENCE_STEP_SECONDS;
        Vector3 acceleration = after.minus(now.times(2)).plus(before).times(1.0 / (h * h));
        Vector3 specificForceEarth = acceleration.plus(new Vector3(0, 0, GRAVITY_METERS_PER_SECOND_SQUARED));
        return orientation.inverseRotate(specificForceEarth);
    }

    private void driftBias(double timeSeconds) {
        double randomWalk = errors.gyroscopeBiasRandomWalkRadiansPerSecondPerRootSecond();
        if (lastTimeSeconds == Double.NEGATIVE_INFINITY || randomWalk == 0) {
            return;
        }
        double step = randomWalk * Math.sqrt(timeSeconds - lastTimeSeconds);
        for (int axis = 0; axis < 3; axis++) {
            gyroscopeBias[axis] += step * random.nextGaussian();
        }
    }

    private double uniform(double maximum) {
        return maximum == 0 ? 0 : (2 * random.nextDouble() - 1) * maximum;
    }
}
