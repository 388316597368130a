// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

/**
 * Values of the 6D {@link OrientationFilter} derived once from its {@link OrientationFilterSettings}
 * and sample period (VQF's coefficients); they never change while the filter runs.
 *
 * @param samplePeriodSeconds time between updates, s
 * @param sampleRateHz updates per second, Hz
 * @param biasInitialVariance bias variance before any estimate, in (0.01 °/s)²
 * @param biasProcessNoiseVariance growth of the bias variance per update, in (0.01 °/s)²
 * @param biasMotionMeasurementVariance measurement variance of the horizontal motion bias update
 * @param biasVerticalMeasurementVariance measurement variance of the vertical motion bias update
 * @param biasRestMeasurementVariance measurement variance of the rest bias update
 * @param biasClipRadiansPerSecond largest bias per axis, and largest disagreement fed to the update, rad/s
 * @param restGyroscopeThresholdSquared largest squared deviation of the rate from its low-pass at rest, (rad/s)²
 * @param restAccelerometerThresholdSquared largest squared deviation of the acceleration from its low-pass at rest, (m/s²)²
 * @param accelerometerLowPass the inclination low-pass (accelerometer, rotation matrix and bias in the motion update)
 * @param restLowPass the low-pass of the rest detection (gyroscope and accelerometer)
 */
record OrientationFilterCoefficients(
        double samplePeriodSeconds,
        double sampleRateHz,
        double biasInitialVariance,
        double biasProcessNoiseVariance,
        double biasMotionMeasurementVariance,
        double biasVerticalMeasurementVariance,
        double biasRestMeasurementVariance,
        double biasClipRadiansPerSecond,
        double restGyroscopeThresholdSquared,
        double restAccelerometerThresholdSquared,
        ButterworthLowPass accelerometerLowPass,
        ButterworthLowPass restLowPass) {

    /** Bias variances are kept in (0.01 °/s)² so that the Kalman arithmetic stays well scaled. */
    static final double BIAS_VARIANCE_UNIT_DEGREES_PER_SECOND = 0.01;
    static final double DEGREES_TO_RADIANS = Math.PI / 180;

    static OrientationFilterCoefficients of(OrientationFilterSettings settings, double sampleRateHz) {
        double ts = 1.0 / sampleRateHz;
        double unit = BIAS_VARIANCE_UNIT_DEGREES_PER_SECOND;
        double initialVariance = square(settings.biasSigmaInitialDegreesPerSecond() / unit);
        // the process noise raises the variance from zero to (0.1 °/s)² in the forgetting time
        double processNoiseVariance = square(0.1 / unit) * ts / settings.biasForgettingTimeSeconds();
        // measurement variances chosen so that the steady-state deviation is the configured sigma
        double motionVariance = square(settings.biasSigmaMotionDegreesPerSecond() / unit);
        double motionMeasurementVariance = square(motionVariance) / processNoiseVariance + motionVariance;
        double restVariance = square(settings.biasSigmaRestDegreesPerSecond() / unit);
        return new OrientationFilterCoefficients(
                ts,
                sampleRateHz,
                initialVariance,
                processNoiseVariance,
                motionMeasurementVariance,
                motionMeasurementVariance / settings.biasVerticalForgettingFactor(),
                square(restVariance) / processNoiseVariance + restVariance,
                settings.biasClipDegreesPerSecond() * DEGREES_TO_RADIANS,
                square(settings.restGyroscopeThresholdDegreesPerSecond() * DEGREES_TO_RADIANS),
                square(settings.restAccelerometerThresholdMetersPerSecondSquared()),
                new ButterworthLowPass(settings.accelerometerTimeConstantSeconds(), ts),
                new ButterworthLowPass(settings.restFilterTimeConstantSeconds(), ts));
    }

    static double square(double value) {
        return value * value;
    }
}
