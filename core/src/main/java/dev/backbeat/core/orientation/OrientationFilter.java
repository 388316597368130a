// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

import dev.backbeat.core.math.Matrix3;
import dev.backbeat.core.math.PackedQuaternion;
import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;

/**
 * Real-time 6D orientation estimation from a gyroscope and an accelerometer: a Java port of VQF
 * (D. Laidig and T. Seel, "VQF: Highly Accurate IMU Orientation Estimation with Bias Estimation and
 * Magnetic Disturbance Rejection", Information Fusion 91 (2023) 187–204,
 * doi:10.1016/j.inffus.2022.10.014), following its reference implementation step by step; see
 * NOTICE. This is the filter the strap runs; {@link OrientationFilter9D} adds the magnetometer.
 *
 * <p>The 6D orientation is {@code a ⊗ g}:
 * <ul>
 *   <li>{@code g}, the strapdown integration of the bias-corrected angular rate, relative to an
 *       almost-inertial frame that only drifts slowly;</li>
 *   <li>{@code a}, the inclination correction: the accelerometer is rotated into the almost-inertial
 *       frame and low-pass filtered there (second-order Butterworth), so that short external
 *       accelerations average out, and {@code a} is nudged so that the filtered vector points up.</li>
 * </ul>
 * The gyroscope bias is estimated by a small Kalman filter: at rest (gyroscope and accelerometer
 * steady over a window) from the low-passed angular rate, and during motion from the horizontal
 * inclination correction.
 *
 * <p>Tuning is an {@link OrientationFilterSettings}; the values derived from it once are an
 * {@link OrientationFilterCoefficients}; everything learned is an {@link OrientationFilterState},
 * which {@link #state()} copies out and {@link #setState} restores.
 *
 * <p>Units: angular rate rad/s, acceleration m/s². Quaternions are scalar first and rotate
 * sensor-frame vectors into the earth frame (z up). The first accelerometer sample sets the
 * inclination immediately. Updates do not allocate. Not thread-safe.
 */
public final class OrientationFilter {

    private final OrientationFilterSettings settings;
    private final OrientationFilterCoefficients coefficients;
    /** Package-private so that the magnetometer heading correction can read {@code g}, {@code a} and rest. */
    final OrientationFilterState state = new OrientationFilterState();

    // ---- scratch arrays of one update, allocated once ----
    /** The accelerometer's direction in the 6D earth frame before this update's correction. */
    private final double[] accelerometerEarth = new double[3];
    private final double[] orientation = new double[4];
    private final double[] rotationMatrix = new double[9];
    private final double[] rotatedBias = new double[2];
    private final double[] gain = new double[9];
    private final double[] product = new double[9];
    private final double[] kalmanGain = new double[9];

    /**
     * @param settings the tuning, usually {@link OrientationFilterSettings#DEFAULTS}
     * @param sampleRateHz the rate at which {@code update} is called, Hz
     */
    public OrientationFilter(OrientationFilterSettings settings, double sampleRateHz) {
        if (settings == null) {
            throw new NullPointerException("settings");
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sampleRateHz must be positive and finite, was " + sampleRateHz);
        }
        this.settings = settings;
        this.coefficients = OrientationFilterCoefficients.of(settings, sampleRateHz);
        reset();
    }

    public OrientationFilterSettings settings() {
        return settings;
    }

    public double sampleRateHz() {
        return coefficients.sampleRateHz();
    }

    /** Forgets everything learned: orientation, bias and rest. */
    public void reset() {
        state.reset(coefficients.biasInitialVariance());
    }

    /** A copy of everything the filter has learned so far. Allocates. */
    public OrientationFilterState state() {
        return state.copy();
    }

    /** Continues from {@code saved} (a copy is taken), as if this filter had produced it. */
    public void setState(OrientationFilterState saved) {
        state.copyFrom(saved);
    }

    /**
     * One step: gyroscope (rad/s) and accelerometer (m/s²) in the sensor frame. A non-finite
     * gyroscope sample skips the integration; a zero or non-finite accelerometer sample skips the
     * inclination correction (see {@link OrientationDiagnostics#accelerometerSampleRejected()}).
     */
    public void update(double gyrX, double gyrY, double gyrZ, double accX, double accY, double accZ) {
        state.samplesProcessed++;
        if (Double.isFinite(gyrX) && Double.isFinite(gyrY) && Double.isFinite(gyrZ)) {
            detectRestFromGyroscope(gyrX, gyrY, gyrZ);
            double[] bias = state.bias;
            PackedQuaternion.integrate(state.inertial, 0, gyrX - bias[0], gyrY - bias[1], gyrZ - bias[2],
                    coefficients.samplePeriodSeconds());
        }
        state.accelerometerSampleRejected = !(Double.isFinite(accX) && Double.isFinite(accY) && Double.isFinite(accZ))
                || (accX == 0 && accY == 0 && accZ == 0);
        if (state.accelerometerSampleRejected) {
            return;
        }
        detectRestFromAccelerometer(accX, accY, accZ);
        correctInclination(accX, accY, accZ);
        estimateBias();
    }

    // ------------------------------------------------------------------ named steps

    private void detectRestFromGyroscope(double gyrX, double gyrY, double gyrZ) {
        if (!settings.restBiasEstimationEnabled() && !settings.magneticDisturbanceRejectionEnabled()) {
            return;
        }
        double[] filtered = state.restGyroscopeFiltered;
        filtered[0] = gyrX;
        filtered[1] = gyrY;
        filtered[2] = gyrZ;
        coefficients.restLowPass().filter(filtered, state.restGyroscopeLowPass);
        double deviationSquared = square(gyrX - filtered[0]) + square(gyrY - filtered[1]) + square(gyrZ - filtered[2]);
        double clip = coefficients.biasClipRadiansPerSecond();
        if (deviationSquared >= coefficients.restGyroscopeThresholdSquared()
                || Math.abs(filtered[0]) > clip
                || Math.abs(filtered[1]) > clip
                || Math.abs(filtered[2]) > clip) {
            state.restDurationSeconds = 0;
            state.restDetected = false;
        }
    }

    private void detectRestFromAccelerometer(double accX, double accY, double accZ) {
        if (!settings.restBiasEstimationEnabled()) {
            return;
        }
        double[] filtered = state.restAccelerometerFiltered;
        filtered[0] = accX;
        filtered[1] = accY;
        filtered[2] = accZ;
        coefficients.restLowPass().filter(filtered, state.restAccelerometerLowPass);
        double deviationSquared = square(accX - filtered[0]) + square(accY - filtered[1]) + square(accZ - filtered[2]);
        if (deviationSquared >= coefficients.restAccelerometerThresholdSquared()) {
            state.restDurationSeconds = 0;
            state.restDetected = false;
        } else {
            state.restDurationSeconds += coefficients.samplePeriodSeconds();
            if (state.restDurationSeconds >= settings.restMinimumDurationSeconds()) {
                state.restDetected = true;
            }
        }
    }

    /**
     * Rotates the accelerometer into the almost-inertial frame, low-passes it there and corrects
     * {@code a} ({@link InclinationCorrection}). Leaves the normalised pre-correction direction in
     * {@link #accelerometerEarth}.
     */
    private void correctInclination(double accX, double accY, double accZ) {
        double[] earth = accelerometerEarth;
        PackedQuaternion.rotate(state.inertial, 0, accX, accY, accZ, earth);
        coefficients.accelerometerLowPass().filter(earth, state.accelerometerLowPass);
        InclinationCorrection.correct(state.inclination, earth);
    }

    /**
     * Kalman update of the gyroscope bias. At rest the measurement is the low-passed angular rate;
     * during motion it is the angular rate of the inclination correction, compared with the
     * low-passed, earth-frame bias (horizontal components only; the vertical one is barely
     * observable and gets a much larger measurement variance).
     */
    private void estimateBias() {
        boolean atRest = state.restDetected && settings.restBiasEstimationEnabled();
        boolean inMotion = !atRest && settings.motionBiasEstimationEnabled();
        if (!settings.restBiasEstimationEnabled() && !settings.motionBiasEstimationEnabled()) {
            return;
        }
        double[] bias = state.bias;
        double biasX = bias[0];
        double biasY = bias[1];
        double biasZ = bias[2];
        double[] r = rotationMatrix;
        PackedQuaternion.multiply(state.inclination, 0, state.inertial, 0, orientation, 0);
        PackedQuaternion.toRotationMatrix(orientation, 0, r);
        double[] rb = rotatedBias;
        rb[0] = r[0] * biasX + r[1] * biasY + r[2] * biasZ;
        rb[1] = r[3] * biasX + r[4] * biasY + r[5] * biasZ;
        coefficients.accelerometerLowPass().filter(r, state.rotationMatrixLowPass);
        coefficients.accelerometerLowPass().filter(rb, state.rotatedBiasLowPass);

        double[] p = state.biasCovariance;
        double initialVariance = coefficients.biasInitialVariance();
        double processNoise = coefficients.biasProcessNoiseVariance();
        // process noise, growing the uncertainty back up to (but not beyond) the initial one
        if (p[0] < initialVariance) {
            p[0] += processNoise;
        }
        if (p[4] < initialVariance) {
            p[4] += processNoise;
        }
        if (p[8] < initialVariance) {
            p[8] += processNoise;
        }
        double errorX;
        double errorY;
        double errorZ;
        double varianceX;
        double varianceY;
        double varianceZ;
        if (atRest) {
            double[] rate = state.restGyroscopeFiltered;
            errorX = rate[0] - biasX;
            errorY = rate[1] - biasY;
            errorZ = rate[2] - biasZ;
            Matrix3.setIdentity(r);
            varianceX = varianceY = varianceZ = coefficients.biasRestMeasurementVariance();
        } else if (inMotion) {
            double[] earth = accelerometerEarth;
            double rate = coefficients.sampleRateHz();
            errorX = -earth[1] * rate + rb[0] - (r[0] * biasX + r[1] * biasY + r[2] * biasZ);
            errorY = earth[0] * rate + rb[1] - (r[3] * biasX + r[4] * biasY + r[5] * biasZ);
            errorZ = -(r[6] * biasX + r[7] * biasY + r[8] * biasZ);
            varianceX = varianceY = coefficients.biasMotionMeasurementVariance();
            varianceZ = coefficients.biasVerticalMeasurementVariance();
        } else {
            return;
        }
        double clip = coefficients.biasClipRadiansPerSecond();
        errorX = clip(errorX, clip);
        errorY = clip(errorY, clip);
        errorZ = clip(errorZ, clip);

        // K = P Rᵀ (R P Rᵀ + W)⁻¹;  b ← b + K e;  P ← P − K R P
        double[] scratch = gain;
        double[] innovation = product;
        double[] k = kalmanGain;
        Matrix3.multiplyByTransposed(p, r, scratch);
        Matrix3.multiply(r, scratch, innovation);
        innovation[0] += varianceX;
        innovation[4] += varianceY;
        innovation[8] += varianceZ;
        Matrix3.invertInPlace(innovation);
        Matrix3.multiply(scratch, innovation, k);
        bias[0] = clip(biasX + k[0] * errorX + k[1] * errorY + k[2] * errorZ, clip);
        bias[1] = clip(biasY + k[3] * errorX + k[4] * errorY + k[5] * errorZ, clip);
        bias[2] = clip(biasZ + k[6] * errorX + k[7] * errorY + k[8] * errorZ, clip);
        Matrix3.multiply(r, p, innovation);
        Matrix3.multiply(k, innovation, scratch);
        for (int i = 0; i < 9; i++) {
            p[i] -= scratch[i];
        }
    }

    // ------------------------------------------------------------------ outputs

    /** The 6D orientation {@code a ⊗ g}: sensor frame relative to an earth frame with z up. Allocates. */
    public Quaternion orientation6D() {
        double[] q = new double[4];
        copyOrientation6D(q);
        return new Quaternion(q[0], q[1], q[2], q[3]);
    }

    /** Writes the 6D orientation (w, x, y, z) into {@code wxyz[0..3]}; no allocation. */
    public void copyOrientation6D(double[] wxyz) {
        PackedQuaternion.multiply(state.inclination, 0, state.inertial, 0, wxyz, 0);
    }

    /** Writes the bias estimate (rad/s) into {@code out[0..2]}; for the offline estimator. */
    void copyBias(double[] out) {
        System.arraycopy(state.bias, 0, out, 0, 3);
    }

    /** Writes the bias covariance (row-major 3×3, in (0.01 °/s)²) into {@code out[0..8]}. */
    void copyBiasCovariance(double[] out) {
        System.arraycopy(state.biasCovariance, 0, out, 0, 9);
    }

    boolean restDetected() {
        return state.restDetected;
    }

    /** A snapshot of what the filter currently believes, for logging and explaining a result. Allocates. */
    public OrientationDiagnostics diagnostics() {
        double[] bias = state.bias;
        return new OrientationDiagnostics(state.restDetected, new Vector3(bias[0], bias[1], bias[2]),
                state.accelerometerSampleRejected, state.samplesProcessed);
    }

    // ------------------------------------------------------------------ small algebra

    private static double square(double value) {
        return value * value;
    }

    private static double clip(double value, double limit) {
        return value > limit ? limit : (value < -limit ? -limit : value);
    }
}
