package dev.backbeat.core.orientation;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;

/**
 * Real-time orientation estimation from a gyroscope, an accelerometer and optionally a magnetometer,
 * following the structure of VQF (Laidig &amp; Seel, "VQF: Highly Accurate IMU Orientation
 * Estimation with Bias Estimation and Magnetic Disturbance Rejection", Information Fusion 91, 2023,
 * doi:10.1016/j.inffus.2022.10.014, arXiv:2203.17024), implemented here from the published method.
 *
 * <p>The orientation is split into three factors, {@code q9D = δ ⊗ a ⊗ g}:
 * <ul>
 *   <li>{@code g}, the strapdown integration of the bias-corrected angular rate, relative to an
 *       almost-inertial frame that only drifts slowly;</li>
 *   <li>{@code a}, the inclination correction: the accelerometer is rotated into the almost-inertial
 *       frame and low-pass filtered there (second-order Butterworth), so that short external
 *       accelerations average out, and {@code a} is nudged so that the filtered vector points up;</li>
 *   <li>{@code δ}, a rotation about the vertical by the heading offset, corrected by a first-order
 *       filter from the magnetometer's horizontal direction. The 6D result {@code a ⊗ g} never sees
 *       magnetic data, so 6D and 9D come out of the same update.</li>
 * </ul>
 * The gyroscope bias is estimated by a small Kalman filter: at rest (gyroscope and accelerometer
 * steady over a window) from the low-passed angular rate, and during motion from the horizontal
 * inclination correction. Magnetic disturbances are detected from the field norm and dip angle
 * against a reference that is learned and can be re-learned when a new homogeneous field persists.
 *
 * <p>Beyond VQF, two magnetometer error sources are modelled from physics: the magnetometer's latency
 * relative to the gyroscope (each field sample is rotated with the orientation of that many seconds
 * earlier), and a sensor-fixed offset (hard iron, such as a magnet attached to the sensor), fitted
 * over a short window from the requirement that the field, seen in the 6D earth frame, be the same
 * at every orientation.
 *
 * <p>Units: angular rate rad/s, acceleration m/s², magnetic field µT (any consistent unit works
 * for the magnetometer). Quaternions are scalar first and rotate sensor-frame vectors into the
 * earth frame (z up; for 9D, East-North-Up). The first accelerometer sample sets the inclination
 * immediately. Updates do not allocate. Not thread-safe.
 */
public final class OrientationFilter {

    private static final double DEGREES_TO_RADIANS = Math.PI / 180;
    /** Bias variances are kept in (0.01 °/s)² so that the Kalman arithmetic stays well scaled. */
    private static final double BIAS_VARIANCE_UNIT_DEGREES_PER_SECOND = 0.01;
    /** Below this half step angle the sine and cosine of the gyroscope step use their Taylor series. */
    private static final double SMALL_HALF_ANGLE_RADIANS = 0.05;
    /** The magnetic offset fit is solved every this many samples (a power of two). */
    private static final int MAGNETIC_OFFSET_SOLVE_INTERVAL_SAMPLES = 16;
    /**
     * Rotation spread needed for an offset fit: the smallest of the normalised eigenvalue measures
     * {@code det(M) / (tr(M)/3)³} of {@code M = s²I − SᵀS} (1 for rotations spread evenly over all
     * axes, 0 for rotation about one axis only, where the offset along that axis is unobservable).
     */
    private static final double MAGNETIC_OFFSET_MINIMUM_SPREAD = 0.2;
    /** Smallest {@code tr(M)/s²} (0 without rotation, up to 3) for an offset fit. */
    private static final double MAGNETIC_OFFSET_MINIMUM_ROTATION = 0.3;
    /** A fitted offset must leave less than this fraction of the squared residual of the applied one. */
    private static final double MAGNETIC_OFFSET_RESIDUAL_RATIO = 0.3;

    private final OrientationFilterSettings settings;
    private final double samplePeriodSeconds;

    // ---- coefficients derived once from the settings and the sample period ----
    private final double inverseSamplePeriod;
    private final double magnetometerGain;
    private final double magneticReferenceGain;
    private final double biasInitialVariance;
    private final double biasProcessNoiseVariance;
    private final double biasMotionMeasurementVariance;
    private final double biasVerticalMeasurementVariance;
    private final double biasRestMeasurementVariance;
    private final double biasClipRadiansPerSecond;
    private final double restGyroscopeThresholdSquared;
    private final double restAccelerometerThresholdSquared;
    private final double magneticDipThresholdRadians;
    private final double magneticNewFieldMinimumRateSquared;
    /** Magnetometer latency in samples; the history holds {@code floor(delay) + 2} orientations. */
    private final double magnetometerDelaySamples;
    private final int magnetometerDelayWholeSamples;
    private final double magnetometerDelayFraction;
    private final int inertialHistoryLength;
    /** Forgetting factor of the magnetic offset fit per sample; zero when the fit is disabled. */
    private final double magneticOffsetForgetting;

    private final ButterworthLowPass accelerometerLowPass;
    private final ButterworthLowPass rotationMatrixLowPass;
    private final ButterworthLowPass rotatedBiasLowPass;
    private final ButterworthLowPass restGyroscopeLowPass;
    private final ButterworthLowPass restAccelerometerLowPass;
    private final ButterworthLowPass magneticNormDipLowPass;

    // ---- scratch arrays, allocated once ----
    private final double[] accelerometerEarth = new double[3];
    private final double[] magnetometerEarth = new double[3];
    private final double[] rotationMatrix = new double[9];
    private final double[] rotatedBias = new double[2];
    private final double[] restGyroscopeFiltered = new double[3];
    private final double[] restAccelerometerFiltered = new double[3];
    private final double[] magneticNormDip = new double[2];
    private final double[] gain = new double[9];
    private final double[] product = new double[9];
    private final double[] kalmanGain = new double[9];
    private final double[] biasCovariance = new double[9];
    private final double[] delayedInertial = new double[4];
    private final double[] inertialHistory;
    /** Exponentially weighted sums of the offset fit: {@code Σ R}, {@code Σ R m}, {@code Σ m}. */
    private final double[] offsetRotationSum = new double[9];
    private final double[] offsetEarthFieldSum = new double[3];
    private final double[] offsetSensorFieldSum = new double[3];
    private final double[] offsetNormalMatrix = new double[9];
    private final double[] offsetRotation = new double[9];

    // ---- state ----
    /** Strapdown quaternion {@code g}: sensor frame relative to the almost-inertial frame. */
    private double inertialW;
    private double inertialX;
    private double inertialY;
    private double inertialZ;
    /** Inclination correction {@code a}: almost-inertial frame relative to the 6D earth frame. */
    private double inclinationW;
    private double inclinationX;
    private double inclinationY;
    private double inclinationZ;
    /** Heading offset {@code δ} of the 6D earth frame relative to East-North-Up, rad. */
    private double headingOffsetRadians;

    private double biasX;
    private double biasY;
    private double biasZ;

    private boolean restDetected;
    private double restDurationSeconds;

    private double magneticReferenceNorm;
    private double magneticReferenceDipRadians;
    private double magneticCandidateNorm;
    private double magneticCandidateDipRadians;
    private double magneticCandidateSeconds;
    private boolean magneticDisturbanceDetected;
    private double magneticUndisturbedSeconds;
    private double magneticRejectionSeconds;
    /** Lower bound 1/N for the heading gain during start-up, zero once the start-up is over. */
    private double magnetometerStartUpGain;

    private boolean accelerometerSampleRejected;
    private double inclinationCorrectionRadians;
    private double magneticDisagreementRadians;
    private long samplesProcessed;

    private int inertialHistoryNewest;
    private long inertialHistoryCount;
    /** Sum of weights {@code s} and weighted sum of squared field norms of the offset fit. */
    private double offsetWeightSum;
    private double offsetSquaredNormSum;
    private double offsetSeconds;
    private double offsetFieldSquared;
    /** The sensor-fixed magnetic offset subtracted from every magnetometer sample, µT. */
    private double magneticOffsetX;
    private double magneticOffsetY;
    private double magneticOffsetZ;

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
        this.samplePeriodSeconds = 1.0 / sampleRateHz;
        double ts = samplePeriodSeconds;
        this.inverseSamplePeriod = sampleRateHz;
        this.magnetometerGain = gainFromTimeConstant(settings.magnetometerTimeConstantSeconds(), ts);
        this.magneticReferenceGain = gainFromTimeConstant(settings.magneticReferenceTimeConstantSeconds(), ts);

        double unit = BIAS_VARIANCE_UNIT_DEGREES_PER_SECOND;
        this.biasInitialVariance = square(settings.biasSigmaInitialDegreesPerSecond() / unit);
        // the process noise raises the variance from zero to (0.1 °/s)² in the forgetting time
        this.biasProcessNoiseVariance = square(0.1 / unit) * ts / settings.biasForgettingTimeSeconds();
        // measurement variances chosen so that the steady-state deviation is the configured sigma
        double motionVariance = square(settings.biasSigmaMotionDegreesPerSecond() / unit);
        this.biasMotionMeasurementVariance = square(motionVariance) / biasProcessNoiseVariance + motionVariance;
        this.biasVerticalMeasurementVariance =
                biasMotionMeasurementVariance / settings.biasVerticalForgettingFactor();
        double restVariance = square(settings.biasSigmaRestDegreesPerSecond() / unit);
        this.biasRestMeasurementVariance = square(restVariance) / biasProcessNoiseVariance + restVariance;
        this.biasClipRadiansPerSecond = settings.biasClipDegreesPerSecond() * DEGREES_TO_RADIANS;
        this.restGyroscopeThresholdSquared =
                square(settings.restGyroscopeThresholdDegreesPerSecond() * DEGREES_TO_RADIANS);
        this.restAccelerometerThresholdSquared =
                square(settings.restAccelerometerThresholdMetersPerSecondSquared());
        this.magneticDipThresholdRadians = settings.magneticDipThresholdDegrees() * DEGREES_TO_RADIANS;
        this.magneticNewFieldMinimumRateSquared =
                square(settings.magneticNewFieldMinimumRateDegreesPerSecond() * DEGREES_TO_RADIANS);
        this.magnetometerDelaySamples = settings.magnetometerDelaySeconds() * sampleRateHz;
        this.magnetometerDelayWholeSamples = (int) Math.floor(magnetometerDelaySamples);
        this.magnetometerDelayFraction = magnetometerDelaySamples - magnetometerDelayWholeSamples;
        this.inertialHistoryLength = magnetometerDelaySamples > 0 ? magnetometerDelayWholeSamples + 2 : 0;
        this.inertialHistory = new double[4 * inertialHistoryLength];
        this.magneticOffsetForgetting = settings.magneticOffsetTimeConstantSeconds() > 0
                ? Math.exp(-ts / settings.magneticOffsetTimeConstantSeconds())
                : 0;

        double tauAcc = settings.accelerometerTimeConstantSeconds();
        this.accelerometerLowPass = new ButterworthLowPass(3, tauAcc, ts);
        this.rotationMatrixLowPass = new ButterworthLowPass(9, tauAcc, ts);
        this.rotatedBiasLowPass = new ButterworthLowPass(2, tauAcc, ts);
        this.restGyroscopeLowPass = new ButterworthLowPass(3, settings.restFilterTimeConstantSeconds(), ts);
        this.restAccelerometerLowPass = new ButterworthLowPass(3, settings.restFilterTimeConstantSeconds(), ts);
        this.magneticNormDipLowPass = settings.magneticCurrentTimeConstantSeconds() > 0
                ? new ButterworthLowPass(2, settings.magneticCurrentTimeConstantSeconds(), ts)
                : null;
        reset();
    }

    public OrientationFilterSettings settings() {
        return settings;
    }

    public double sampleRateHz() {
        return inverseSamplePeriod;
    }

    /** Forgets everything learned: orientation, bias, rest and magnetic reference. */
    public void reset() {
        inertialW = 1;
        inertialX = inertialY = inertialZ = 0;
        inclinationW = 1;
        inclinationX = inclinationY = inclinationZ = 0;
        headingOffsetRadians = 0;
        biasX = biasY = biasZ = 0;
        java.util.Arrays.fill(biasCovariance, 0);
        biasCovariance[0] = biasCovariance[4] = biasCovariance[8] = biasInitialVariance;
        restDetected = false;
        restDurationSeconds = 0;
        java.util.Arrays.fill(restGyroscopeFiltered, 0);
        java.util.Arrays.fill(restAccelerometerFiltered, 0);
        magneticReferenceNorm = 0;
        magneticReferenceDipRadians = 0;
        magneticCandidateNorm = -1;
        magneticCandidateDipRadians = 0;
        magneticCandidateSeconds = 0;
        magneticDisturbanceDetected = true;
        magneticUndisturbedSeconds = 0;
        magneticRejectionSeconds = settings.magneticMaximumRejectionTimeSeconds();
        magnetometerStartUpGain = 1;
        accelerometerSampleRejected = false;
        inclinationCorrectionRadians = 0;
        magneticDisagreementRadians = 0;
        samplesProcessed = 0;
        inertialHistoryNewest = 0;
        inertialHistoryCount = 0;
        offsetWeightSum = 0;
        offsetSquaredNormSum = 0;
        offsetSeconds = 0;
        java.util.Arrays.fill(offsetRotationSum, 0);
        java.util.Arrays.fill(offsetEarthFieldSum, 0);
        java.util.Arrays.fill(offsetSensorFieldSum, 0);
        magneticOffsetX = magneticOffsetY = magneticOffsetZ = 0;
        accelerometerLowPass.reset();
        rotationMatrixLowPass.reset();
        rotatedBiasLowPass.reset();
        restGyroscopeLowPass.reset();
        restAccelerometerLowPass.reset();
        if (magneticNormDipLowPass != null) {
            magneticNormDipLowPass.reset();
        }
    }

    /**
     * One 6D step: gyroscope (rad/s) and accelerometer (m/s²) in the sensor frame. A non-finite
     * gyroscope sample skips the integration; a zero or non-finite accelerometer sample skips the
     * inclination correction (see {@link OrientationDiagnostics#accelerometerSampleRejected()}).
     */
    public void update(double gyrX, double gyrY, double gyrZ, double accX, double accY, double accZ) {
        samplesProcessed++;
        if (Double.isFinite(gyrX) && Double.isFinite(gyrY) && Double.isFinite(gyrZ)) {
            detectRestFromGyroscope(gyrX, gyrY, gyrZ);
            integrateGyroscope(gyrX - biasX, gyrY - biasY, gyrZ - biasZ);
        }
        if (inertialHistoryLength > 0) {
            rememberInertialOrientation();
        }
        accelerometerSampleRejected = !(Double.isFinite(accX) && Double.isFinite(accY) && Double.isFinite(accZ))
                || (accX == 0 && accY == 0 && accZ == 0);
        if (accelerometerSampleRejected) {
            return;
        }
        detectRestFromAccelerometer(accX, accY, accZ);
        correctInclination(accX, accY, accZ);
        estimateBias();
    }

    /**
     * One 9D step: as {@link #update(double, double, double, double, double, double)}, then the
     * heading offset is corrected from the magnetometer (µT, sensor frame). A zero or non-finite
     * magnetometer sample leaves the heading offset unchanged.
     */
    public void update(double gyrX, double gyrY, double gyrZ, double accX, double accY, double accZ,
                       double magX, double magY, double magZ) {
        update(gyrX, gyrY, gyrZ, accX, accY, accZ);
        if (!(Double.isFinite(magX) && Double.isFinite(magY) && Double.isFinite(magZ))
                || (magX == 0 && magY == 0 && magZ == 0)) {
            return;
        }
        correctHeading(magX, magY, magZ);
    }

    // ------------------------------------------------------------------ named steps

    private void detectRestFromGyroscope(double gyrX, double gyrY, double gyrZ) {
        if (!settings.restBiasEstimationEnabled() && !settings.magneticDisturbanceRejectionEnabled()) {
            return;
        }
        double[] filtered = restGyroscopeFiltered;
        filtered[0] = gyrX;
        filtered[1] = gyrY;
        filtered[2] = gyrZ;
        restGyroscopeLowPass.filter(filtered);
        double deviationSquared = square(gyrX - filtered[0]) + square(gyrY - filtered[1]) + square(gyrZ - filtered[2]);
        if (deviationSquared >= restGyroscopeThresholdSquared
                || Math.abs(filtered[0]) > biasClipRadiansPerSecond
                || Math.abs(filtered[1]) > biasClipRadiansPerSecond
                || Math.abs(filtered[2]) > biasClipRadiansPerSecond) {
            restDurationSeconds = 0;
            restDetected = false;
        }
    }

    /** Strapdown integration: {@code g ← g ⊗ exp(ω T_s / 2)}, renormalised. */
    private void integrateGyroscope(double rateX, double rateY, double rateZ) {
        double rateSquared = rateX * rateX + rateY * rateY + rateZ * rateZ;
        if (rateSquared == 0) {
            return;
        }
        double halfPeriod = 0.5 * samplePeriodSeconds;
        double halfAngleSquared = rateSquared * halfPeriod * halfPeriod;
        double cosine;
        double sineOverRate; // sin(|ω| T/2) / |ω|
        if (halfAngleSquared < SMALL_HALF_ANGLE_RADIANS * SMALL_HALF_ANGLE_RADIANS) {
            double h2 = halfAngleSquared;
            cosine = 1 - h2 / 2 * (1 - h2 / 12 * (1 - h2 / 30 * (1 - h2 / 56)));
            sineOverRate = halfPeriod * (1 - h2 / 6 * (1 - h2 / 20 * (1 - h2 / 42 * (1 - h2 / 72))));
        } else {
            double rate = Math.sqrt(rateSquared);
            double halfAngle = rate * halfPeriod;
            cosine = Math.cos(halfAngle);
            sineOverRate = Math.sin(halfAngle) / rate;
        }
        double sw = cosine;
        double sx = sineOverRate * rateX;
        double sy = sineOverRate * rateY;
        double sz = sineOverRate * rateZ;
        double w = inertialW * sw - inertialX * sx - inertialY * sy - inertialZ * sz;
        double x = inertialW * sx + inertialX * sw + inertialY * sz - inertialZ * sy;
        double y = inertialW * sy - inertialX * sz + inertialY * sw + inertialZ * sx;
        double z = inertialW * sz + inertialX * sy - inertialY * sx + inertialZ * sw;
        double inverseNorm = 1.0 / Math.sqrt(w * w + x * x + y * y + z * z);
        inertialW = w * inverseNorm;
        inertialX = x * inverseNorm;
        inertialY = y * inverseNorm;
        inertialZ = z * inverseNorm;
    }

    private void detectRestFromAccelerometer(double accX, double accY, double accZ) {
        if (!settings.restBiasEstimationEnabled()) {
            return;
        }
        double[] filtered = restAccelerometerFiltered;
        filtered[0] = accX;
        filtered[1] = accY;
        filtered[2] = accZ;
        restAccelerometerLowPass.filter(filtered);
        double deviationSquared = square(accX - filtered[0]) + square(accY - filtered[1]) + square(accZ - filtered[2]);
        if (deviationSquared >= restAccelerometerThresholdSquared) {
            restDurationSeconds = 0;
            restDetected = false;
        } else {
            restDurationSeconds += samplePeriodSeconds;
            if (restDurationSeconds >= settings.restMinimumDurationSeconds()) {
                restDetected = true;
            }
        }
    }

    /**
     * Rotates the accelerometer into the almost-inertial frame, low-passes it there, brings the
     * result into the 6D earth frame and rotates {@code a} so that it points straight up.
     * Leaves the normalised pre-correction direction in {@link #accelerometerEarth}.
     */
    private void correctInclination(double accX, double accY, double accZ) {
        double[] earth = accelerometerEarth;
        rotate(inertialW, inertialX, inertialY, inertialZ, accX, accY, accZ, earth);
        accelerometerLowPass.filter(earth);
        rotate(inclinationW, inclinationX, inclinationY, inclinationZ, earth[0], earth[1], earth[2], earth);
        double inverseNorm = 1.0 / Math.sqrt(earth[0] * earth[0] + earth[1] * earth[1] + earth[2] * earth[2]);
        double ex = earth[0] * inverseNorm;
        double ey = earth[1] * inverseNorm;
        double ez = earth[2] * inverseNorm;
        earth[0] = ex;
        earth[1] = ey;
        earth[2] = ez;

        // shortest rotation taking (ex, ey, ez) to (0, 0, 1)
        double cw;
        double cx;
        double cy;
        double halfCosineSquared = 0.5 * (ez + 1);
        if (halfCosineSquared > 1e-12) {
            cw = Math.sqrt(halfCosineSquared);
            double scale = 0.5 / cw;
            cx = ey * scale;
            cy = -ex * scale;
        } else {
            cw = 0;
            cx = 1;
            cy = 0;
        }
        double w = cw * inclinationW - cx * inclinationX - cy * inclinationY;
        double x = cw * inclinationX + cx * inclinationW + cy * inclinationZ;
        double y = cw * inclinationY - cx * inclinationZ + cy * inclinationW;
        double z = cw * inclinationZ + cx * inclinationY - cy * inclinationX;
        double inverseQuaternionNorm = 1.0 / Math.sqrt(w * w + x * x + y * y + z * z);
        inclinationW = w * inverseQuaternionNorm;
        inclinationX = x * inverseQuaternionNorm;
        inclinationY = y * inverseQuaternionNorm;
        inclinationZ = z * inverseQuaternionNorm;
        inclinationCorrectionRadians = ez; // converted lazily in diagnostics()
    }

    /**
     * Kalman update of the gyroscope bias. At rest the measurement is the low-passed angular rate;
     * during motion it is the angular rate of the inclination correction, compared with the
     * low-passed, earth-frame bias (horizontal components only; the vertical one is barely
     * observable and gets a much larger measurement variance).
     */
    private void estimateBias() {
        boolean atRest = restDetected && settings.restBiasEstimationEnabled();
        boolean inMotion = !atRest && settings.motionBiasEstimationEnabled();
        if (!settings.restBiasEstimationEnabled() && !settings.motionBiasEstimationEnabled()) {
            return;
        }
        double[] r = rotationMatrix;
        fillRotationMatrixOf6D(r);
        double[] rb = rotatedBias;
        rb[0] = r[0] * biasX + r[1] * biasY + r[2] * biasZ;
        rb[1] = r[3] * biasX + r[4] * biasY + r[5] * biasZ;
        rotationMatrixLowPass.filter(r);
        rotatedBiasLowPass.filter(rb);

        double[] p = biasCovariance;
        // process noise, growing the uncertainty back up to (but not beyond) the initial one
        if (p[0] < biasInitialVariance) {
            p[0] += biasProcessNoiseVariance;
        }
        if (p[4] < biasInitialVariance) {
            p[4] += biasProcessNoiseVariance;
        }
        if (p[8] < biasInitialVariance) {
            p[8] += biasProcessNoiseVariance;
        }
        double errorX;
        double errorY;
        double errorZ;
        double varianceX;
        double varianceY;
        double varianceZ;
        if (atRest) {
            errorX = restGyroscopeFiltered[0] - biasX;
            errorY = restGyroscopeFiltered[1] - biasY;
            errorZ = restGyroscopeFiltered[2] - biasZ;
            setIdentity(r);
            varianceX = varianceY = varianceZ = biasRestMeasurementVariance;
        } else if (inMotion) {
            double[] earth = accelerometerEarth;
            errorX = -earth[1] * inverseSamplePeriod + rb[0] - (r[0] * biasX + r[1] * biasY + r[2] * biasZ);
            errorY = earth[0] * inverseSamplePeriod + rb[1] - (r[3] * biasX + r[4] * biasY + r[5] * biasZ);
            errorZ = -(r[6] * biasX + r[7] * biasY + r[8] * biasZ);
            varianceX = varianceY = biasMotionMeasurementVariance;
            varianceZ = biasVerticalMeasurementVariance;
        } else {
            return;
        }
        errorX = clip(errorX, biasClipRadiansPerSecond);
        errorY = clip(errorY, biasClipRadiansPerSecond);
        errorZ = clip(errorZ, biasClipRadiansPerSecond);

        // K = P Rᵀ (R P Rᵀ + W)⁻¹;  b ← b + K e;  P ← P − K R P
        double[] scratch = gain;
        double[] innovation = product;
        double[] k = kalmanGain;
        multiplyByTransposed(p, r, scratch);
        multiply(r, scratch, innovation);
        innovation[0] += varianceX;
        innovation[4] += varianceY;
        innovation[8] += varianceZ;
        invertInPlace(innovation);
        multiply(scratch, innovation, k);
        biasX = clip(biasX + k[0] * errorX + k[1] * errorY + k[2] * errorZ, biasClipRadiansPerSecond);
        biasY = clip(biasY + k[3] * errorX + k[4] * errorY + k[5] * errorZ, biasClipRadiansPerSecond);
        biasZ = clip(biasZ + k[6] * errorX + k[7] * errorY + k[8] * errorZ, biasClipRadiansPerSecond);
        multiply(r, p, innovation);
        multiply(k, innovation, scratch);
        for (int i = 0; i < 9; i++) {
            p[i] -= scratch[i];
        }
    }

    /**
     * First-order correction of the heading offset towards the magnetometer's horizontal direction
     * in the 6D earth frame, with disturbance detection from field norm and dip.
     */
    private void correctHeading(double magX, double magY, double magZ) {
        double[] g = delayedInertial;
        delayedInertialOrientation(g);
        if (magneticOffsetForgetting > 0) {
            estimateMagneticOffset(g, magX, magY, magZ);
        }
        double[] earth = magnetometerEarth;
        rotate(g[0], g[1], g[2], g[3], magX - magneticOffsetX, magY - magneticOffsetY, magZ - magneticOffsetZ, earth);
        rotate(inclinationW, inclinationX, inclinationY, inclinationZ, earth[0], earth[1], earth[2], earth);
        double ex = earth[0];
        double ey = earth[1];
        double ez = earth[2];
        if (settings.magneticDisturbanceRejectionEnabled()) {
            detectMagneticDisturbance(ex, ey, ez);
        }
        double disagreement = wrapAngle(Math.atan2(ex, ey) - headingOffsetRadians);
        magneticDisagreementRadians = disagreement;
        double k = headingGain();
        headingOffsetRadians = wrapAngle(headingOffsetRadians + k * disagreement);
    }

    /** Stores the strapdown quaternion {@code g} of this sample in the latency ring buffer. */
    private void rememberInertialOrientation() {
        int newest = inertialHistoryNewest + 1;
        if (newest == inertialHistoryLength) {
            newest = 0;
        }
        inertialHistoryNewest = newest;
        int h = 4 * newest;
        inertialHistory[h] = inertialW;
        inertialHistory[h + 1] = inertialX;
        inertialHistory[h + 2] = inertialY;
        inertialHistory[h + 3] = inertialZ;
        inertialHistoryCount++;
    }

    /**
     * The strapdown quaternion {@code g} from {@code magnetometerDelaySeconds} ago, interpolated
     * (normalised linear interpolation) between the two neighbouring samples; the current one
     * without latency compensation or before the history is filled.
     */
    private void delayedInertialOrientation(double[] out) {
        if (inertialHistoryLength == 0 || inertialHistoryCount < inertialHistoryLength) {
            out[0] = inertialW;
            out[1] = inertialX;
            out[2] = inertialY;
            out[3] = inertialZ;
            return;
        }
        int newer = inertialHistoryNewest - magnetometerDelayWholeSamples;
        if (newer < 0) {
            newer += inertialHistoryLength;
        }
        int older = newer == 0 ? inertialHistoryLength - 1 : newer - 1;
        double f = magnetometerDelayFraction;
        int a = 4 * newer;
        int b = 4 * older;
        double[] h = inertialHistory;
        double w = (1 - f) * h[a] + f * h[b];
        double x = (1 - f) * h[a + 1] + f * h[b + 1];
        double y = (1 - f) * h[a + 2] + f * h[b + 2];
        double z = (1 - f) * h[a + 3] + f * h[b + 3];
        double inverseNorm = 1.0 / Math.sqrt(w * w + x * x + y * y + z * z);
        out[0] = w * inverseNorm;
        out[1] = x * inverseNorm;
        out[2] = y * inverseNorm;
        out[3] = z * inverseNorm;
    }

    /**
     * Fits a sensor-fixed magnetic offset {@code b} and the field {@code c} in the 6D earth frame to
     * {@code R m = c + R b} over an exponentially weighted window ({@code R}: rotation of the 6D
     * orientation, {@code m}: raw field). The normal equations reduce to the 3×3 system
     * {@code (s²I − SᵀS) b = s Σm − Sᵀ Σ(R m)} with {@code s = Σ1}, {@code S = ΣR}, solved every
     * few samples. A fit counts only when the rotations spread enough to make every component
     * observable and it explains the field to within the norm threshold. An offset is first applied
     * when it exceeds the norm threshold and explains the field much better than none; once applied,
     * it follows every fit that is no worse, and returns to zero when the fitted offset falls below
     * the threshold (smaller offsets are tolerated by the disturbance detection).
     */
    private void estimateMagneticOffset(double[] g, double mx, double my, double mz) {
        double[] r = offsetRotation;
        fillRotationMatrixOf6D(g[0], g[1], g[2], g[3], r);
        double lambda = magneticOffsetForgetting;
        double[] rs = offsetRotationSum;
        for (int i = 0; i < 9; i++) {
            rs[i] = lambda * rs[i] + r[i];
        }
        double[] ys = offsetEarthFieldSum;
        ys[0] = lambda * ys[0] + r[0] * mx + r[1] * my + r[2] * mz;
        ys[1] = lambda * ys[1] + r[3] * mx + r[4] * my + r[5] * mz;
        ys[2] = lambda * ys[2] + r[6] * mx + r[7] * my + r[8] * mz;
        double[] ms = offsetSensorFieldSum;
        ms[0] = lambda * ms[0] + mx;
        ms[1] = lambda * ms[1] + my;
        ms[2] = lambda * ms[2] + mz;
        offsetWeightSum = lambda * offsetWeightSum + 1;
        offsetSquaredNormSum = lambda * offsetSquaredNormSum + mx * mx + my * my + mz * mz;
        offsetSeconds += samplePeriodSeconds;
        if ((samplesProcessed & (MAGNETIC_OFFSET_SOLVE_INTERVAL_SAMPLES - 1)) != 0
                || offsetSeconds < settings.magneticOffsetTimeConstantSeconds()) {
            return;
        }
        solveMagneticOffset();
    }

    private void solveMagneticOffset() {
        double s = offsetWeightSum;
        double[] rs = offsetRotationSum;
        double[] ys = offsetEarthFieldSum;
        double[] ms = offsetSensorFieldSum;
        double[] m = offsetNormalMatrix;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = (i == j ? s * s : 0) - (rs[i] * rs[j] + rs[3 + i] * rs[3 + j] + rs[6 + i] * rs[6 + j]);
            }
        }
        double trace = m[0] + m[4] + m[8];
        double determinant = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        double third = trace / 3;
        if (!(trace > MAGNETIC_OFFSET_MINIMUM_ROTATION * s * s)
                || !(determinant > MAGNETIC_OFFSET_MINIMUM_SPREAD * third * third * third)) {
            return;
        }
        double vx = s * ms[0] - (rs[0] * ys[0] + rs[3] * ys[1] + rs[6] * ys[2]);
        double vy = s * ms[1] - (rs[1] * ys[0] + rs[4] * ys[1] + rs[7] * ys[2]);
        double vz = s * ms[2] - (rs[2] * ys[0] + rs[5] * ys[1] + rs[8] * ys[2]);
        invertInPlace(m);
        double bx = m[0] * vx + m[1] * vy + m[2] * vz;
        double by = m[3] * vx + m[4] * vy + m[5] * vz;
        double bz = m[6] * vx + m[7] * vy + m[8] * vz;
        double fitted = offsetResidual(bx, by, bz);
        double fieldSquared = offsetFieldSquared;
        double applied = offsetResidual(magneticOffsetX, magneticOffsetY, magneticOffsetZ);
        double threshold = square(settings.magneticNormThresholdRelative());
        if (!(fitted < threshold * fieldSquared * s)) {
            return; // the field is not explained by any sensor-fixed offset: a disturbance, or turning too fast
        }
        boolean offsetApplied = magneticOffsetX != 0 || magneticOffsetY != 0 || magneticOffsetZ != 0;
        boolean large = bx * bx + by * by + bz * bz >= threshold * fieldSquared;
        if (offsetApplied ? fitted <= applied : large && fitted < MAGNETIC_OFFSET_RESIDUAL_RATIO * applied) {
            // offsets below the norm threshold are not worth the risk: the disturbance detection tolerates them
            magneticOffsetX = large ? bx : 0;
            magneticOffsetY = large ? by : 0;
            magneticOffsetZ = large ? bz : 0;
        }
    }

    /**
     * Weighted sum of squared residuals {@code Σ|R m − c − R b|²} of the offset fit for offset
     * {@code b} with the best field {@code c = (Σ R m − S b) / s}; leaves {@code |c|²} in
     * {@link #offsetFieldSquared}.
     */
    private double offsetResidual(double bx, double by, double bz) {
        double s = offsetWeightSum;
        double[] rs = offsetRotationSum;
        double[] ys = offsetEarthFieldSum;
        double[] ms = offsetSensorFieldSum;
        double sbx = rs[0] * bx + rs[1] * by + rs[2] * bz;
        double sby = rs[3] * bx + rs[4] * by + rs[5] * bz;
        double sbz = rs[6] * bx + rs[7] * by + rs[8] * bz;
        double cx = (ys[0] - sbx) / s;
        double cy = (ys[1] - sby) / s;
        double cz = (ys[2] - sbz) / s;
        offsetFieldSquared = cx * cx + cy * cy + cz * cz;
        // Σ|y|² + s|c|² + s|b|² − 2 c·Σy − 2 b·Σm + 2 cᵀ S b, using |R m| = |m| and (R m)·(R b) = m·b
        return offsetSquaredNormSum + s * offsetFieldSquared + s * (bx * bx + by * by + bz * bz)
                - 2 * (cx * ys[0] + cy * ys[1] + cz * ys[2]) - 2 * (bx * ms[0] + by * ms[1] + bz * ms[2])
                + 2 * (cx * sbx + cy * sby + cz * sbz);
    }

    private void detectMagneticDisturbance(double ex, double ey, double ez) {
        double[] normDip = magneticNormDip;
        double norm = Math.sqrt(ex * ex + ey * ey + ez * ez);
        normDip[0] = norm;
        normDip[1] = -Math.asin(ez / norm);
        if (magneticNormDipLowPass != null) {
            magneticNormDipLowPass.filter(normDip);
        }
        norm = normDip[0];
        double dip = normDip[1];
        double ts = samplePeriodSeconds;

        boolean matchesReference = Math.abs(norm - magneticReferenceNorm)
                < settings.magneticNormThresholdRelative() * magneticReferenceNorm
                && Math.abs(dip - magneticReferenceDipRadians) < magneticDipThresholdRadians;
        if (matchesReference) {
            magneticUndisturbedSeconds += ts;
            if (magneticUndisturbedSeconds >= settings.magneticMinimumUndisturbedTimeSeconds()) {
                magneticDisturbanceDetected = false;
                magneticReferenceNorm += magneticReferenceGain * (norm - magneticReferenceNorm);
                magneticReferenceDipRadians += magneticReferenceGain * (dip - magneticReferenceDipRadians);
            }
        } else {
            magneticUndisturbedSeconds = 0;
            magneticDisturbanceDetected = true;
        }

        // a new homogeneous field replaces the reference once it has persisted during motion (the
        // very first one may also be learned at rest, see magneticFirstReferenceAtRestEnabled)
        boolean matchesCandidate = Math.abs(norm - magneticCandidateNorm)
                < settings.magneticNormThresholdRelative() * magneticCandidateNorm
                && Math.abs(dip - magneticCandidateDipRadians) < magneticDipThresholdRadians;
        if (matchesCandidate) {
            double[] rate = restGyroscopeFiltered;
            if (rate[0] * rate[0] + rate[1] * rate[1] + rate[2] * rate[2] >= magneticNewFieldMinimumRateSquared
                    || (magneticReferenceNorm == 0 && restDetected && settings.magneticFirstReferenceAtRestEnabled())) {
                magneticCandidateSeconds += ts;
            }
            magneticCandidateNorm += magneticReferenceGain * (norm - magneticCandidateNorm);
            magneticCandidateDipRadians += magneticReferenceGain * (dip - magneticCandidateDipRadians);
            if (magneticDisturbanceDetected
                    && (magneticCandidateSeconds >= settings.magneticNewFieldTimeSeconds()
                    || (magneticReferenceNorm == 0
                    && magneticCandidateSeconds >= settings.magneticNewFieldFirstTimeSeconds()))) {
                magneticReferenceNorm = magneticCandidateNorm;
                magneticReferenceDipRadians = magneticCandidateDipRadians;
                magneticDisturbanceDetected = false;
                magneticUndisturbedSeconds = settings.magneticMinimumUndisturbedTimeSeconds();
            }
        } else {
            magneticCandidateSeconds = 0;
            magneticCandidateNorm = norm;
            magneticCandidateDipRadians = dip;
        }
    }

    /** The heading gain for this sample: suspended or reduced during a disturbance, raised at start-up. */
    private double headingGain() {
        double k = magnetometerGain;
        double ts = samplePeriodSeconds;
        if (settings.magneticDisturbanceRejectionEnabled()) {
            if (magneticDisturbanceDetected) {
                if (magneticRejectionSeconds <= settings.magneticMaximumRejectionTimeSeconds()) {
                    magneticRejectionSeconds += ts;
                    k = 0;
                } else {
                    k /= settings.magneticRejectionFactor();
                }
            } else {
                magneticRejectionSeconds =
                        Math.max(magneticRejectionSeconds - settings.magneticRejectionFactor() * ts, 0);
            }
        }
        if (magnetometerStartUpGain != 0) {
            // the gain is at least 1/N for the N-th sample, i.e. a running mean, until tau has passed
            if (k < magnetometerStartUpGain) {
                k = magnetometerStartUpGain;
            }
            magnetometerStartUpGain = magnetometerStartUpGain / (magnetometerStartUpGain + 1);
            if (magnetometerStartUpGain * settings.magnetometerTimeConstantSeconds() < ts) {
                magnetometerStartUpGain = 0;
            }
        }
        return k;
    }

    // ------------------------------------------------------------------ outputs

    /** The 6D orientation {@code a ⊗ g}: sensor frame relative to an earth frame with z up. Allocates. */
    public Quaternion orientation6D() {
        double[] q = new double[4];
        copyOrientation6D(q);
        return new Quaternion(q[0], q[1], q[2], q[3]);
    }

    /** The 9D orientation {@code δ ⊗ a ⊗ g}: sensor frame relative to East-North-Up. Allocates. */
    public Quaternion orientation9D() {
        double[] q = new double[4];
        copyOrientation9D(q);
        return new Quaternion(q[0], q[1], q[2], q[3]);
    }

    /** Writes the 6D orientation (w, x, y, z) into {@code wxyz[0..3]}; no allocation. */
    public void copyOrientation6D(double[] wxyz) {
        double aw = inclinationW, ax = inclinationX, ay = inclinationY, az = inclinationZ;
        double gw = inertialW, gx = inertialX, gy = inertialY, gz = inertialZ;
        wxyz[0] = aw * gw - ax * gx - ay * gy - az * gz;
        wxyz[1] = aw * gx + ax * gw + ay * gz - az * gy;
        wxyz[2] = aw * gy - ax * gz + ay * gw + az * gx;
        wxyz[3] = aw * gz + ax * gy - ay * gx + az * gw;
    }

    /** Writes the 9D orientation (w, x, y, z) into {@code wxyz[0..3]}; no allocation. */
    public void copyOrientation9D(double[] wxyz) {
        copyOrientation6D(wxyz);
        double half = 0.5 * headingOffsetRadians;
        double c = Math.cos(half);
        double s = Math.sin(half);
        double w = wxyz[0], x = wxyz[1], y = wxyz[2], z = wxyz[3];
        wxyz[0] = c * w - s * z;
        wxyz[1] = c * x - s * y;
        wxyz[2] = c * y + s * x;
        wxyz[3] = c * z + s * w;
    }

    /** The current heading offset between the 6D frame and East-North-Up, rad. */
    public double headingOffsetRadians() {
        return headingOffsetRadians;
    }

    /** Writes the bias estimate (rad/s) into {@code out[0..2]}; for the offline estimator. */
    void copyBias(double[] out) {
        out[0] = biasX;
        out[1] = biasY;
        out[2] = biasZ;
    }

    /** Writes the bias covariance (row-major 3×3, in (0.01 °/s)²) into {@code out[0..8]}. */
    void copyBiasCovariance(double[] out) {
        System.arraycopy(biasCovariance, 0, out, 0, 9);
    }

    /** Writes the sensor-fixed magnetic offset (µT) into {@code out[0..2]}; for the offline estimator. */
    void copyMagneticOffset(double[] out) {
        out[0] = magneticOffsetX;
        out[1] = magneticOffsetY;
        out[2] = magneticOffsetZ;
    }

    boolean restDetected() {
        return restDetected;
    }

    boolean magneticDisturbanceDetected() {
        return magneticDisturbanceDetected;
    }

    /** A snapshot of the internal state. Allocates. */
    public OrientationDiagnostics diagnostics() {
        double largestVariance = Math.max(biasCovariance[0], Math.max(biasCovariance[4], biasCovariance[8]));
        double sigmaRadiansPerSecond = Math.sqrt(Math.max(largestVariance, 0))
                * BIAS_VARIANCE_UNIT_DEGREES_PER_SECOND * DEGREES_TO_RADIANS;
        double correctionAngle = samplesProcessed == 0 ? 0
                : Math.acos(Math.max(-1, Math.min(1, inclinationCorrectionRadians)));
        return new OrientationDiagnostics(
                restDetected,
                new Vector3(biasX, biasY, biasZ),
                sigmaRadiansPerSecond,
                magneticDisturbanceDetected,
                magneticReferenceNorm,
                magneticReferenceDipRadians,
                headingOffsetRadians,
                accelerometerSampleRejected,
                correctionAngle,
                magneticDisagreementRadians,
                samplesProcessed,
                new Vector3(magneticOffsetX, magneticOffsetY, magneticOffsetZ));
    }

    // ------------------------------------------------------------------ small algebra

    /** Row-major rotation matrix of the 6D quaternion {@code a ⊗ g}, with {@code g} the current inertial orientation. */
    private void fillRotationMatrixOf6D(double[] r) {
        fillRotationMatrixOf6D(inertialW, inertialX, inertialY, inertialZ, r);
    }

    /** Row-major rotation matrix of the 6D quaternion {@code a ⊗ g} for the inertial orientation {@code g} given. */
    private void fillRotationMatrixOf6D(double gw, double gx, double gy, double gz, double[] r) {
        double aw = inclinationW, ax = inclinationX, ay = inclinationY, az = inclinationZ;
        double w = aw * gw - ax * gx - ay * gy - az * gz;
        double x = aw * gx + ax * gw + ay * gz - az * gy;
        double y = aw * gy - ax * gz + ay * gw + az * gx;
        double z = aw * gz + ax * gy - ay * gx + az * gw;
        r[0] = 1 - 2 * (y * y + z * z);
        r[1] = 2 * (x * y - w * z);
        r[2] = 2 * (x * z + w * y);
        r[3] = 2 * (x * y + w * z);
        r[4] = 1 - 2 * (x * x + z * z);
        r[5] = 2 * (y * z - w * x);
        r[6] = 2 * (x * z - w * y);
        r[7] = 2 * (y * z + w * x);
        r[8] = 1 - 2 * (x * x + y * y);
    }

    /** Rotates a sensor-frame vector into the 6D earth frame. */
    private void rotate6D(double vx, double vy, double vz, double[] out) {
        rotate(inertialW, inertialX, inertialY, inertialZ, vx, vy, vz, out);
        rotate(inclinationW, inclinationX, inclinationY, inclinationZ, out[0], out[1], out[2], out);
    }

    /** {@code out = a · b} for row-major 3×3 matrices; {@code out} must be distinct from both. */
    private static void multiply(double[] a, double[] b, double[] out) {
        for (int row = 0; row < 3; row++) {
            double a0 = a[3 * row], a1 = a[3 * row + 1], a2 = a[3 * row + 2];
            out[3 * row] = a0 * b[0] + a1 * b[3] + a2 * b[6];
            out[3 * row + 1] = a0 * b[1] + a1 * b[4] + a2 * b[7];
            out[3 * row + 2] = a0 * b[2] + a1 * b[5] + a2 * b[8];
        }
    }

    /** {@code out = a · bᵀ}; {@code out} must be distinct from both. */
    private static void multiplyByTransposed(double[] a, double[] b, double[] out) {
        for (int row = 0; row < 3; row++) {
            double a0 = a[3 * row], a1 = a[3 * row + 1], a2 = a[3 * row + 2];
            out[3 * row] = a0 * b[0] + a1 * b[1] + a2 * b[2];
            out[3 * row + 1] = a0 * b[3] + a1 * b[4] + a2 * b[5];
            out[3 * row + 2] = a0 * b[6] + a1 * b[7] + a2 * b[8];
        }
    }

    /** Inverts a 3×3 matrix in place via its adjugate. */
    static void invertInPlace(double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7], m8 = m[8];
        double c0 = m4 * m8 - m5 * m7;
        double c3 = m5 * m6 - m3 * m8;
        double c6 = m3 * m7 - m4 * m6;
        double inverseDeterminant = 1.0 / (m0 * c0 + m1 * c3 + m2 * c6);
        m[0] = c0 * inverseDeterminant;
        m[1] = (m2 * m7 - m1 * m8) * inverseDeterminant;
        m[2] = (m1 * m5 - m2 * m4) * inverseDeterminant;
        m[3] = c3 * inverseDeterminant;
        m[4] = (m0 * m8 - m2 * m6) * inverseDeterminant;
        m[5] = (m2 * m3 - m0 * m5) * inverseDeterminant;
        m[6] = c6 * inverseDeterminant;
        m[7] = (m1 * m6 - m0 * m7) * inverseDeterminant;
        m[8] = (m0 * m4 - m1 * m3) * inverseDeterminant;
    }

    static double wrapAngle(double radians) {
        if (radians > Math.PI) {
            return radians - 2 * Math.PI;
        }
        if (radians < -Math.PI) {
            return radians + 2 * Math.PI;
        }
        return radians;
    }

    private static void setIdentity(double[] m) {
        m[0] = 1; m[1] = 0; m[2] = 0;
        m[3] = 0; m[4] = 1; m[5] = 0;
        m[6] = 0; m[7] = 0; m[8] = 1;
    }

    private static double gainFromTimeConstant(double timeConstantSeconds, double samplePeriodSeconds) {
        return 1 - Math.exp(-samplePeriodSeconds / timeConstantSeconds);
    }

    private static double square(double value) {
        return value * value;
    }

    private static double clip(double value, double limit) {
        return value > limit ? limit : (value < -limit ? -limit : value);
    }

    /** {@code out = q ⊗ v ⊗ q*}; {@code out} may be the array the components came from. */
    static void rotate(double w, double x, double y, double z, double vx, double vy, double vz, double[] out) {
        double tx = 2 * (y * vz - z * vy);
        double ty = 2 * (z * vx - x * vz);
        double tz = 2 * (x * vy - y * vx);
        out[0] = vx + w * tx + (y * tz - z * ty);
        out[1] = vy + w * ty + (z * tx - x * tz);
        out[2] = vz + w * tz + (x * ty - y * tx);
    }
}
