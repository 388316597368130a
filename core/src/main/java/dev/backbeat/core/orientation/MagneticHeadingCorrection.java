package dev.backbeat.core.orientation;

import dev.backbeat.core.math.Matrix3;
import dev.backbeat.core.math.PackedQuaternion;

/**
 * The magnetometer part of {@link OrientationFilter9D}: corrects the heading offset {@code δ}
 * between the 6D earth frame of an {@link OrientationFilter} and East-North-Up from the
 * magnetometer's horizontal direction, with VQF's magnetic disturbance detection (field norm and dip
 * against a learned reference) and three additions of ours:
 * <ul>
 *   <li>latency: each field sample is rotated with the strapdown orientation of
 *       {@code magnetometerDelaySeconds} earlier (a ring buffer of recent orientations);</li>
 *   <li>a sensor-fixed offset (hard iron, such as a magnet attached to the sensor), fitted over a
 *       short window from the requirement that the field, seen in the 6D earth frame, be the same
 *       at every orientation;</li>
 *   <li>the very first field reference may be learned at rest.</li>
 * </ul>
 * The fields of this class are coefficients, derived once from the settings; everything learned is
 * in a {@link MagnetometerState}.
 */
final class MagneticHeadingCorrection {

    /** The magnetic offset fit is solved every this many samples (a power of two). */
    private static final int OFFSET_SOLVE_INTERVAL_SAMPLES = 16;
    /**
     * Rotation spread needed for an offset fit: the smallest of the normalised eigenvalue measures
     * {@code det(M) / (tr(M)/3)³} of {@code M = s²I − SᵀS} (1 for rotations spread evenly over all
     * axes, 0 for rotation about one axis only, where the offset along that axis is unobservable).
     */
    private static final double OFFSET_MINIMUM_SPREAD = 0.2;
    /** Smallest {@code tr(M)/s²} (0 without rotation, up to 3) for an offset fit. */
    private static final double OFFSET_MINIMUM_ROTATION = 0.3;
    /** A fitted offset must leave less than this fraction of the squared residual of the applied one. */
    private static final double OFFSET_RESIDUAL_RATIO = 0.3;

    private final OrientationFilterSettings settings;
    private final double samplePeriodSeconds;
    private final double referenceGain;
    private final double dipThresholdRadians;
    private final double newFieldMinimumRateSquared;
    /** Magnetometer latency in whole samples and the fraction of one; the history holds {@code whole + 2}. */
    private final int delayWholeSamples;
    private final double delayFraction;
    private final int inertialHistoryLength;
    /** Forgetting factor of the magnetic offset fit per sample; zero when the fit is disabled. */
    private final double offsetForgetting;
    /** Low-pass of field norm and dip; null when {@code magneticCurrentTimeConstantSeconds} is zero. */
    private final ButterworthLowPass normDipLowPass;
    private final HeadingFilter headingFilter;

    // ---- scratch of one update ----
    private final double[] delayedInertial = new double[4];
    private final double[] delayedOrientation = new double[4];
    private final double[] earth = new double[3];
    private final double[] normDip = new double[2];
    private final double[] rotation = new double[9];
    private final double[] normalMatrix = new double[9];
    /** {@code |c|²} of the last {@link #offsetResidual}. */
    private double fieldSquared;

    MagneticHeadingCorrection(OrientationFilterSettings settings, double sampleRateHz) {
        double ts = 1.0 / sampleRateHz;
        this.settings = settings;
        this.samplePeriodSeconds = ts;
        this.referenceGain = 1 - Math.exp(-ts / settings.magneticReferenceTimeConstantSeconds());
        this.dipThresholdRadians = settings.magneticDipThresholdDegrees() * OrientationFilterCoefficients.DEGREES_TO_RADIANS;
        this.newFieldMinimumRateSquared = OrientationFilterCoefficients.square(
                settings.magneticNewFieldMinimumRateDegreesPerSecond() * OrientationFilterCoefficients.DEGREES_TO_RADIANS);
        double delaySamples = settings.magnetometerDelaySeconds() * sampleRateHz;
        this.delayWholeSamples = (int) Math.floor(delaySamples);
        this.delayFraction = delaySamples - delayWholeSamples;
        this.inertialHistoryLength = delaySamples > 0 ? delayWholeSamples + 2 : 0;
        this.offsetForgetting = settings.magneticOffsetTimeConstantSeconds() > 0
                ? Math.exp(-ts / settings.magneticOffsetTimeConstantSeconds())
                : 0;
        this.normDipLowPass = settings.magneticCurrentTimeConstantSeconds() > 0
                ? new ButterworthLowPass(settings.magneticCurrentTimeConstantSeconds(), ts)
                : null;
        this.headingFilter = new HeadingFilter(settings, ts);
    }

    MagnetometerState newState() {
        MagnetometerState state = new MagnetometerState(inertialHistoryLength);
        reset(state);
        return state;
    }

    void reset(MagnetometerState state) {
        state.reset(settings.magneticMaximumRejectionTimeSeconds());
    }

    /** Stores the strapdown quaternion {@code g} of this sample for latency compensation; call after every update. */
    void rememberInertialOrientation(MagnetometerState state, OrientationFilterState orientation) {
        if (inertialHistoryLength == 0) {
            return;
        }
        int newest = state.inertialHistoryNewest + 1;
        if (newest == inertialHistoryLength) {
            newest = 0;
        }
        state.inertialHistoryNewest = newest;
        System.arraycopy(orientation.inertial, 0, state.inertialHistory, 4 * newest, 4);
        state.inertialHistoryCount++;
    }

    /**
     * First-order correction of the heading offset towards the magnetometer's (µT, sensor frame,
     * nonzero and finite) horizontal direction in the 6D earth frame, with disturbance detection.
     */
    void correct(MagnetometerState state, OrientationFilterState orientation, double magX, double magY, double magZ) {
        double[] g = delayedInertial;
        delayedInertialOrientation(state, orientation, g);
        if (offsetForgetting > 0) {
            estimateOffset(state, orientation, g, magX, magY, magZ);
        }
        double[] e = earth;
        double[] offset = state.offset;
        PackedQuaternion.rotate(g, 0, magX - offset[0], magY - offset[1], magZ - offset[2], e);
        PackedQuaternion.rotate(orientation.inclination, 0, e[0], e[1], e[2], e);
        double ex = e[0];
        double ey = e[1];
        double ez = e[2];
        if (settings.magneticDisturbanceRejectionEnabled()) {
            detectDisturbance(state, orientation, ex, ey, ez);
        }
        headingFilter.update(state.heading, Math.atan2(ex, ey), state.disturbanceDetected);
    }

    /**
     * The strapdown quaternion {@code g} from {@code magnetometerDelaySeconds} ago, interpolated
     * (normalised linear interpolation) between the two neighbouring samples; the current one
     * without latency compensation or before the history is filled.
     */
    private void delayedInertialOrientation(MagnetometerState state, OrientationFilterState orientation, double[] out) {
        if (inertialHistoryLength == 0 || state.inertialHistoryCount < inertialHistoryLength) {
            System.arraycopy(orientation.inertial, 0, out, 0, 4);
            return;
        }
        int newer = state.inertialHistoryNewest - delayWholeSamples;
        if (newer < 0) {
            newer += inertialHistoryLength;
        }
        int older = newer == 0 ? inertialHistoryLength - 1 : newer - 1;
        double f = delayFraction;
        int a = 4 * newer;
        int b = 4 * older;
        double[] h = state.inertialHistory;
        out[0] = (1 - f) * h[a] + f * h[b];
        out[1] = (1 - f) * h[a + 1] + f * h[b + 1];
        out[2] = (1 - f) * h[a + 2] + f * h[b + 2];
        out[3] = (1 - f) * h[a + 3] + f * h[b + 3];
        PackedQuaternion.normalize(out, 0);
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
    private void estimateOffset(MagnetometerState state, OrientationFilterState orientation, double[] g,
                                double mx, double my, double mz) {
        double[] r = rotation;
        PackedQuaternion.multiply(orientation.inclination, 0, g, 0, delayedOrientation, 0);
        PackedQuaternion.toRotationMatrix(delayedOrientation, 0, r);
        double lambda = offsetForgetting;
        double[] rs = state.offsetRotationSum;
        for (int i = 0; i < 9; i++) {
            rs[i] = lambda * rs[i] + r[i];
        }
        double[] ys = state.offsetEarthFieldSum;
        ys[0] = lambda * ys[0] + r[0] * mx + r[1] * my + r[2] * mz;
        ys[1] = lambda * ys[1] + r[3] * mx + r[4] * my + r[5] * mz;
        ys[2] = lambda * ys[2] + r[6] * mx + r[7] * my + r[8] * mz;
        double[] ms = state.offsetSensorFieldSum;
        ms[0] = lambda * ms[0] + mx;
        ms[1] = lambda * ms[1] + my;
        ms[2] = lambda * ms[2] + mz;
        state.offsetWeightSum = lambda * state.offsetWeightSum + 1;
        state.offsetSquaredNormSum = lambda * state.offsetSquaredNormSum + mx * mx + my * my + mz * mz;
        state.offsetSeconds += samplePeriodSeconds;
        if ((orientation.samplesProcessed & (OFFSET_SOLVE_INTERVAL_SAMPLES - 1)) != 0
                || state.offsetSeconds < settings.magneticOffsetTimeConstantSeconds()) {
            return;
        }
        solveOffset(state);
    }

    private void solveOffset(MagnetometerState state) {
        double s = state.offsetWeightSum;
        double[] rs = state.offsetRotationSum;
        double[] ys = state.offsetEarthFieldSum;
        double[] ms = state.offsetSensorFieldSum;
        double[] m = normalMatrix;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = (i == j ? s * s : 0) - (rs[i] * rs[j] + rs[3 + i] * rs[3 + j] + rs[6 + i] * rs[6 + j]);
            }
        }
        double trace = m[0] + m[4] + m[8];
        double determinant = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        double third = trace / 3;
        if (!(trace > OFFSET_MINIMUM_ROTATION * s * s)
                || !(determinant > OFFSET_MINIMUM_SPREAD * third * third * third)) {
            return;
        }
        double vx = s * ms[0] - (rs[0] * ys[0] + rs[3] * ys[1] + rs[6] * ys[2]);
        double vy = s * ms[1] - (rs[1] * ys[0] + rs[4] * ys[1] + rs[7] * ys[2]);
        double vz = s * ms[2] - (rs[2] * ys[0] + rs[5] * ys[1] + rs[8] * ys[2]);
        Matrix3.invertInPlace(m);
        double bx = m[0] * vx + m[1] * vy + m[2] * vz;
        double by = m[3] * vx + m[4] * vy + m[5] * vz;
        double bz = m[6] * vx + m[7] * vy + m[8] * vz;
        double fitted = offsetResidual(state, bx, by, bz);
        double fittedFieldSquared = fieldSquared;
        double[] offset = state.offset;
        double applied = offsetResidual(state, offset[0], offset[1], offset[2]);
        double threshold = OrientationFilterCoefficients.square(settings.magneticNormThresholdRelative());
        if (!(fitted < threshold * fittedFieldSquared * s)) {
            return; // the field is not explained by any sensor-fixed offset: a disturbance, or turning too fast
        }
        boolean offsetApplied = offset[0] != 0 || offset[1] != 0 || offset[2] != 0;
        boolean large = bx * bx + by * by + bz * bz >= threshold * fittedFieldSquared;
        if (offsetApplied ? fitted <= applied : large && fitted < OFFSET_RESIDUAL_RATIO * applied) {
            // offsets below the norm threshold are not worth the risk: the disturbance detection tolerates them
            offset[0] = large ? bx : 0;
            offset[1] = large ? by : 0;
            offset[2] = large ? bz : 0;
        }
    }

    /**
     * Weighted sum of squared residuals {@code Σ|R m − c − R b|²} of the offset fit for offset
     * {@code b} with the best field {@code c = (Σ R m − S b) / s}; leaves {@code |c|²} in
     * {@link #fieldSquared}.
     */
    private double offsetResidual(MagnetometerState state, double bx, double by, double bz) {
        double s = state.offsetWeightSum;
        double[] rs = state.offsetRotationSum;
        double[] ys = state.offsetEarthFieldSum;
        double[] ms = state.offsetSensorFieldSum;
        double sbx = rs[0] * bx + rs[1] * by + rs[2] * bz;
        double sby = rs[3] * bx + rs[4] * by + rs[5] * bz;
        double sbz = rs[6] * bx + rs[7] * by + rs[8] * bz;
        double cx = (ys[0] - sbx) / s;
        double cy = (ys[1] - sby) / s;
        double cz = (ys[2] - sbz) / s;
        fieldSquared = cx * cx + cy * cy + cz * cz;
        // Σ|y|² + s|c|² + s|b|² − 2 c·Σy − 2 b·Σm + 2 cᵀ S b, using |R m| = |m| and (R m)·(R b) = m·b
        return state.offsetSquaredNormSum + s * fieldSquared + s * (bx * bx + by * by + bz * bz)
                - 2 * (cx * ys[0] + cy * ys[1] + cz * ys[2]) - 2 * (bx * ms[0] + by * ms[1] + bz * ms[2])
                + 2 * (cx * sbx + cy * sby + cz * sbz);
    }

    private void detectDisturbance(MagnetometerState state, OrientationFilterState orientation,
                                   double ex, double ey, double ez) {
        double[] nd = normDip;
        double norm = Math.sqrt(ex * ex + ey * ey + ez * ez);
        nd[0] = norm;
        nd[1] = -Math.asin(ez / norm);
        if (normDipLowPass != null) {
            normDipLowPass.filter(nd, state.normDipLowPass);
        }
        norm = nd[0];
        double dip = nd[1];
        double ts = samplePeriodSeconds;
        double normThreshold = settings.magneticNormThresholdRelative();

        boolean matchesReference = Math.abs(norm - state.referenceNorm) < normThreshold * state.referenceNorm
                && Math.abs(dip - state.referenceDipRadians) < dipThresholdRadians;
        if (matchesReference) {
            state.undisturbedSeconds += ts;
            if (state.undisturbedSeconds >= settings.magneticMinimumUndisturbedTimeSeconds()) {
                state.disturbanceDetected = false;
                state.referenceNorm += referenceGain * (norm - state.referenceNorm);
                state.referenceDipRadians += referenceGain * (dip - state.referenceDipRadians);
            }
        } else {
            state.undisturbedSeconds = 0;
            state.disturbanceDetected = true;
        }

        // a new homogeneous field replaces the reference once it has persisted during motion (the
        // very first one may also be learned at rest, see magneticFirstReferenceAtRestEnabled)
        boolean matchesCandidate = Math.abs(norm - state.candidateNorm) < normThreshold * state.candidateNorm
                && Math.abs(dip - state.candidateDipRadians) < dipThresholdRadians;
        if (matchesCandidate) {
            double[] rate = orientation.restGyroscopeFiltered;
            if (rate[0] * rate[0] + rate[1] * rate[1] + rate[2] * rate[2] >= newFieldMinimumRateSquared
                    || (state.referenceNorm == 0 && orientation.restDetected
                    && settings.magneticFirstReferenceAtRestEnabled())) {
                state.candidateSeconds += ts;
            }
            state.candidateNorm += referenceGain * (norm - state.candidateNorm);
            state.candidateDipRadians += referenceGain * (dip - state.candidateDipRadians);
            if (state.disturbanceDetected
                    && (state.candidateSeconds >= settings.magneticNewFieldTimeSeconds()
                    || (state.referenceNorm == 0
                    && state.candidateSeconds >= settings.magneticNewFieldFirstTimeSeconds()))) {
                state.referenceNorm = state.candidateNorm;
                state.referenceDipRadians = state.candidateDipRadians;
                state.disturbanceDetected = false;
                state.undisturbedSeconds = settings.magneticMinimumUndisturbedTimeSeconds();
            }
        } else {
            state.candidateSeconds = 0;
            state.candidateNorm = norm;
            state.candidateDipRadians = dip;
        }
    }
}
