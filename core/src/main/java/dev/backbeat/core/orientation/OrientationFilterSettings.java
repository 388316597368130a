// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

/**
 * Tuning of the {@link OrientationFilter} and {@link OrientationFilter9D} (VQF's {@code VQFParams}).
 * Every component carries its unit in its name; the defaults
 * ({@link #DEFAULTS}) are the published defaults of VQF (Laidig &amp; Seel, "VQF: Highly Accurate IMU
 * Orientation Estimation with Bias Estimation and Magnetic Disturbance Rejection", Information Fusion
 * 91, 2023, doi:10.1016/j.inffus.2022.10.014, arXiv:2203.17024), tuned for any IMU and motion, one
 * parameter set for all recordings; the last three components go beyond VQF (magnetometer latency,
 * sensor-fixed magnetic offset, first field reference at rest) and can be set to reproduce it
 * ({@code withMagnetometerDelaySeconds(0)}, {@code withMagneticOffsetTimeConstantSeconds(0)},
 * {@code withMagneticFirstReferenceAtRestEnabled(false)}).
 *
 * @param accelerometerTimeConstantSeconds Time constant of the second-order Butterworth low-pass
 *     applied to the accelerometer in the almost-inertial frame, s. Raising it rejects longer
 *     external accelerations but lets gyroscope drift tilt the estimate for longer. Default 3.0.
 * @param magnetometerTimeConstantSeconds Time constant of the first-order heading-offset
 *     correction from the magnetometer, s. Raising it smooths magnetic noise and short
 *     disturbances but corrects heading drift more slowly. Default 9.0.
 * @param motionBiasEstimationEnabled Estimate the horizontal gyroscope bias during motion from the
 *     inclination correction. Default true.
 * @param restBiasEstimationEnabled Detect rest and estimate the full gyroscope bias while at rest.
 *     Default true.
 * @param magneticDisturbanceRejectionEnabled Detect magnetic disturbances from field norm and dip
 *     and suspend or slow the heading correction while they last. Default true.
 * @param biasSigmaInitialDegreesPerSecond Standard deviation of the gyroscope bias before any
 *     estimate, °/s. Raising it lets the first estimate move faster. Default 0.5.
 * @param biasForgettingTimeSeconds Time in which the bias uncertainty grows from zero to 0.1 °/s
 *     without measurements, s. Raising it trusts an old estimate for longer. Default 100.0.
 * @param biasClipDegreesPerSecond Largest gyroscope bias magnitude per axis that is estimated,
 *     °/s; also bounds the disagreement fed to the estimator and the rate allowed at rest. Default
 *     2.0.
 * @param biasSigmaMotionDegreesPerSecond Steady-state standard deviation of the bias estimate
 *     reached during motion, °/s. Raising it makes motion updates weaker. Default 0.1.
 * @param biasVerticalForgettingFactor Factor (dimensionless, 0..1] by which the vertical bias
 *     component is updated during motion relative to the horizontal ones. Raising it lets the
 *     heading-axis bias follow the weakly observable motion update. Default 1.0e-4.
 * @param biasSigmaRestDegreesPerSecond Steady-state standard deviation of the bias estimate
 *     reached at rest, °/s. Raising it makes rest updates weaker. Default 0.03.
 * @param restMinimumDurationSeconds Time the rest criteria must hold before rest is detected, s.
 *     Raising it avoids false rest during slow motion. Default 1.5.
 * @param restFilterTimeConstantSeconds Time constant of the low-pass filters used by rest
 *     detection, s. Default 0.5.
 * @param restGyroscopeThresholdDegreesPerSecond Largest deviation of the angular rate from its
 *     low-pass for rest, °/s. Raising it detects rest more readily. Default 2.0.
 * @param restAccelerometerThresholdMetersPerSecondSquared Largest deviation of the acceleration
 *     from its low-pass for rest, m/s². Raising it detects rest more readily. Default 0.5.
 * @param magneticCurrentTimeConstantSeconds Time constant of the low-pass applied to field norm
 *     and dip before disturbance detection, s; zero disables it. Default 0.05.
 * @param magneticReferenceTimeConstantSeconds Time constant with which the reference norm and dip
 *     follow the undisturbed field, s. Default 20.0.
 * @param magneticNormThresholdRelative Largest relative deviation of the field norm from the
 *     reference for an undisturbed field (dimensionless). Default 0.1.
 * @param magneticDipThresholdDegrees Largest deviation of the dip angle from the reference for an
 *     undisturbed field, °. Default 10.0.
 * @param magneticNewFieldTimeSeconds Time of motion a new, homogeneous field must be seen before
 *     it replaces the reference, s. Default 20.0.
 * @param magneticNewFieldFirstTimeSeconds Like magneticNewFieldTimeSeconds, for the very first
 *     reference, s. Default 5.0.
 * @param magneticNewFieldMinimumRateDegreesPerSecond Angular rate above which time counts towards
 *     accepting a new field, °/s. Default 20.0.
 * @param magneticMinimumUndisturbedTimeSeconds Time the field must agree with the reference before
 *     a disturbance is declared over, s. Default 0.5.
 * @param magneticMaximumRejectionTimeSeconds Longest time the heading correction is fully
 *     suspended during a disturbance, s; afterwards it runs at reduced gain. Default 60.0.
 * @param magneticRejectionFactor Factor (≥ 1) by which the heading gain is divided after the
 *     maximum rejection time, and by which rejection time is paid back when undisturbed. Default
 *     2.0.
 * @param magnetometerDelaySeconds Latency of the magnetometer sample relative to the gyroscope
 *     sample delivered with it, s: each field sample is rotated into the earth frame with the
 *     orientation from this long ago (interpolated between samples). A latency that is not
 *     compensated turns every rotation about the vertical into a heading error of rate times
 *     latency. Zero disables it. Default 0.0125 (the BROAD IMU; estimated from the recordings
 *     alone, as the delay that minimises the short-term variation of the field in the
 *     gyroscope-integrated frame, see bench/README.md).
 * @param magneticOffsetTimeConstantSeconds Time constant of the exponentially weighted window over
 *     which a sensor-fixed magnetic offset (hard iron, e.g. a magnet or steel part attached to the
 *     sensor) is fitted, s: the field seen in the 6D earth frame must be the same everywhere
 *     once the offset is removed. A new offset is applied only when the sensor rotated enough
 *     within the window, the fit explains the field to within magneticNormThresholdRelative of its
 *     norm, and the offset differs from the applied one by more than that threshold; smaller
 *     offsets are left to the disturbance detection. Raising it estimates more steadily but later
 *     after a magnet is attached or removed. Zero disables it. Default 3.0.
 * @param magneticFirstReferenceAtRestEnabled Let the very first field reference also be learned
 *     while the sensor is at rest (magneticNewFieldFirstTimeSeconds of rest), not only during
 *     motion. Before any reference exists every field counts as disturbed and the heading follows
 *     it at reduced gain without any check, so a magnet met at the start of motion bends the
 *     heading; the steady field at rest is the best reference until a new homogeneous field is
 *     seen during motion (which still replaces it as before). Default true (VQF: false).
 */
public record OrientationFilterSettings(
        double accelerometerTimeConstantSeconds,
        double magnetometerTimeConstantSeconds,
        boolean motionBiasEstimationEnabled,
        boolean restBiasEstimationEnabled,
        boolean magneticDisturbanceRejectionEnabled,
        double biasSigmaInitialDegreesPerSecond,
        double biasForgettingTimeSeconds,
        double biasClipDegreesPerSecond,
        double biasSigmaMotionDegreesPerSecond,
        double biasVerticalForgettingFactor,
        double biasSigmaRestDegreesPerSecond,
        double restMinimumDurationSeconds,
        double restFilterTimeConstantSeconds,
        double restGyroscopeThresholdDegreesPerSecond,
        double restAccelerometerThresholdMetersPerSecondSquared,
        double magneticCurrentTimeConstantSeconds,
        double magneticReferenceTimeConstantSeconds,
        double magneticNormThresholdRelative,
        double magneticDipThresholdDegrees,
        double magneticNewFieldTimeSeconds,
        double magneticNewFieldFirstTimeSeconds,
        double magneticNewFieldMinimumRateDegreesPerSecond,
        double magneticMinimumUndisturbedTimeSeconds,
        double magneticMaximumRejectionTimeSeconds,
        double magneticRejectionFactor,
        double magnetometerDelaySeconds,
        double magneticOffsetTimeConstantSeconds,
        boolean magneticFirstReferenceAtRestEnabled) {

    /**
     * The published VQF defaults, plus magnetometer latency compensation, sensor-fixed offset
     * estimation and a first field reference learned at rest (the last three components).
     */
    public static final OrientationFilterSettings DEFAULTS = new OrientationFilterSettings(
            3.0,
            9.0,
            true,
            true,
            true,
            0.5,
            100.0,
            2.0,
            0.1,
            1.0e-4,
            0.03,
            1.5,
            0.5,
            2.0,
            0.5,
            0.05,
            20.0,
            0.1,
            10.0,
            20.0,
            5.0,
            20.0,
            0.5,
            60.0,
            2.0,
            0.0125,
            3.0,
            true);

    public OrientationFilterSettings {
        requirePositive("accelerometerTimeConstantSeconds", accelerometerTimeConstantSeconds);
        requirePositive("magnetometerTimeConstantSeconds", magnetometerTimeConstantSeconds);
        requirePositive("biasSigmaInitialDegreesPerSecond", biasSigmaInitialDegreesPerSecond);
        requirePositive("biasForgettingTimeSeconds", biasForgettingTimeSeconds);
        requirePositive("biasClipDegreesPerSecond", biasClipDegreesPerSecond);
        requirePositive("biasSigmaMotionDegreesPerSecond", biasSigmaMotionDegreesPerSecond);
        requireFraction("biasVerticalForgettingFactor", biasVerticalForgettingFactor);
        requirePositive("biasSigmaRestDegreesPerSecond", biasSigmaRestDegreesPerSecond);
        requirePositive("restMinimumDurationSeconds", restMinimumDurationSeconds);
        requirePositive("restFilterTimeConstantSeconds", restFilterTimeConstantSeconds);
        requirePositive("restGyroscopeThresholdDegreesPerSecond", restGyroscopeThresholdDegreesPerSecond);
        requirePositive("restAccelerometerThresholdMetersPerSecondSquared", restAccelerometerThresholdMetersPerSecondSquared);
        requireNonNegative("magneticCurrentTimeConstantSeconds", magneticCurrentTimeConstantSeconds);
        requirePositive("magneticReferenceTimeConstantSeconds", magneticReferenceTimeConstantSeconds);
        requirePositive("magneticNormThresholdRelative", magneticNormThresholdRelative);
        requirePositive("magneticDipThresholdDegrees", magneticDipThresholdDegrees);
        requirePositive("magneticNewFieldTimeSeconds", magneticNewFieldTimeSeconds);
        requirePositive("magneticNewFieldFirstTimeSeconds", magneticNewFieldFirstTimeSeconds);
        requireNonNegative("magneticNewFieldMinimumRateDegreesPerSecond", magneticNewFieldMinimumRateDegreesPerSecond);
        requireNonNegative("magneticMinimumUndisturbedTimeSeconds", magneticMinimumUndisturbedTimeSeconds);
        requireNonNegative("magneticMaximumRejectionTimeSeconds", magneticMaximumRejectionTimeSeconds);
        requireAtLeastOne("magneticRejectionFactor", magneticRejectionFactor);
        requireNonNegative("magnetometerDelaySeconds", magnetometerDelaySeconds);
        requireNonNegative("magneticOffsetTimeConstantSeconds", magneticOffsetTimeConstantSeconds);
    }

    private static void requirePositive(String name, double value) {
        require(Double.isFinite(value) && value > 0, name, value, "positive and finite");
    }

    private static void requireNonNegative(String name, double value) {
        require(Double.isFinite(value) && value >= 0, name, value, "non-negative and finite");
    }

    private static void requireFraction(String name, double value) {
        require(value > 0 && value <= 1, name, value, "in (0, 1]");
    }

    private static void requireAtLeastOne(String name, double value) {
        require(Double.isFinite(value) && value >= 1, name, value, "at least 1 and finite");
    }

    private static void require(boolean valid, String name, double value, String expectation) {
        if (!valid) {
            throw new IllegalArgumentException(name + " must be " + expectation + ", was " + value);
        }
    }

    /** A copy with accelerometerTimeConstantSeconds replaced. */
    public OrientationFilterSettings withAccelerometerTimeConstantSeconds(double value) {
        return new OrientationFilterSettings(value, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magnetometerTimeConstantSeconds replaced. */
    public OrientationFilterSettings withMagnetometerTimeConstantSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, value, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with motionBiasEstimationEnabled replaced. */
    public OrientationFilterSettings withMotionBiasEstimationEnabled(boolean value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, value, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with restBiasEstimationEnabled replaced. */
    public OrientationFilterSettings withRestBiasEstimationEnabled(boolean value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, value, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticDisturbanceRejectionEnabled replaced. */
    public OrientationFilterSettings withMagneticDisturbanceRejectionEnabled(boolean value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, value, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with biasSigmaInitialDegreesPerSecond replaced. */
    public OrientationFilterSettings withBiasSigmaInitialDegreesPerSecond(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, value, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with biasForgettingTimeSeconds replaced. */
    public OrientationFilterSettings withBiasForgettingTimeSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, value, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with biasClipDegreesPerSecond replaced. */
    public OrientationFilterSettings withBiasClipDegreesPerSecond(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, value, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with biasSigmaMotionDegreesPerSecond replaced. */
    public OrientationFilterSettings withBiasSigmaMotionDegreesPerSecond(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, value, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with biasVerticalForgettingFactor replaced. */
    public OrientationFilterSettings withBiasVerticalForgettingFactor(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, value, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with biasSigmaRestDegreesPerSecond replaced. */
    public OrientationFilterSettings withBiasSigmaRestDegreesPerSecond(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, value, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with restMinimumDurationSeconds replaced. */
    public OrientationFilterSettings withRestMinimumDurationSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, value, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with restFilterTimeConstantSeconds replaced. */
    public OrientationFilterSettings withRestFilterTimeConstantSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, value, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with restGyroscopeThresholdDegreesPerSecond replaced. */
    public OrientationFilterSettings withRestGyroscopeThresholdDegreesPerSecond(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, value, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with restAccelerometerThresholdMetersPerSecondSquared replaced. */
    public OrientationFilterSettings withRestAccelerometerThresholdMetersPerSecondSquared(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, value, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticCurrentTimeConstantSeconds replaced. */
    public OrientationFilterSettings withMagneticCurrentTimeConstantSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, value, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticReferenceTimeConstantSeconds replaced. */
    public OrientationFilterSettings withMagneticReferenceTimeConstantSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, value, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticNormThresholdRelative replaced. */
    public OrientationFilterSettings withMagneticNormThresholdRelative(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, value, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticDipThresholdDegrees replaced. */
    public OrientationFilterSettings withMagneticDipThresholdDegrees(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, value, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticNewFieldTimeSeconds replaced. */
    public OrientationFilterSettings withMagneticNewFieldTimeSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, value, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticNewFieldFirstTimeSeconds replaced. */
    public OrientationFilterSettings withMagneticNewFieldFirstTimeSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, value, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticNewFieldMinimumRateDegreesPerSecond replaced. */
    public OrientationFilterSettings withMagneticNewFieldMinimumRateDegreesPerSecond(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, value, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticMinimumUndisturbedTimeSeconds replaced. */
    public OrientationFilterSettings withMagneticMinimumUndisturbedTimeSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, value, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticMaximumRejectionTimeSeconds replaced. */
    public OrientationFilterSettings withMagneticMaximumRejectionTimeSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, value, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticRejectionFactor replaced. */
    public OrientationFilterSettings withMagneticRejectionFactor(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, value, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magnetometerDelaySeconds replaced. */
    public OrientationFilterSettings withMagnetometerDelaySeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, value, magneticOffsetTimeConstantSeconds, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticOffsetTimeConstantSeconds replaced. */
    public OrientationFilterSettings withMagneticOffsetTimeConstantSeconds(double value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, value, magneticFirstReferenceAtRestEnabled);
    }

    /** A copy with magneticFirstReferenceAtRestEnabled replaced. */
    public OrientationFilterSettings withMagneticFirstReferenceAtRestEnabled(boolean value) {
        return new OrientationFilterSettings(accelerometerTimeConstantSeconds, magnetometerTimeConstantSeconds, motionBiasEstimationEnabled, restBiasEstimationEnabled, magneticDisturbanceRejectionEnabled, biasSigmaInitialDegreesPerSecond, biasForgettingTimeSeconds, biasClipDegreesPerSecond, biasSigmaMotionDegreesPerSecond, biasVerticalForgettingFactor, biasSigmaRestDegreesPerSecond, restMinimumDurationSeconds, restFilterTimeConstantSeconds, restGyroscopeThresholdDegreesPerSecond, restAccelerometerThresholdMetersPerSecondSquared, magneticCurrentTimeConstantSeconds, magneticReferenceTimeConstantSeconds, magneticNormThresholdRelative, magneticDipThresholdDegrees, magneticNewFieldTimeSeconds, magneticNewFieldFirstTimeSeconds, magneticNewFieldMinimumRateDegreesPerSecond, magneticMinimumUndisturbedTimeSeconds, magneticMaximumRejectionTimeSeconds, magneticRejectionFactor, magnetometerDelaySeconds, magneticOffsetTimeConstantSeconds, value);
    }
}
