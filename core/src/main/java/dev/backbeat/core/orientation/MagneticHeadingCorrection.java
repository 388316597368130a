// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

import dev.backbeat.core.math.PackedQuaternion;

/**
 * The magnetometer part of {@link OrientationFilter9D}: corrects the heading offset {@code δ}
 * between the 6D earth frame of an {@link OrientationFilter} and East-North-Up from the
 * magnetometer's horizontal direction, with VQF's magnetic disturbance detection (field norm and dip
 * against a learned reference) and three additions of ours:
 * <ul>
 *   <li>latency: each field sample is rotated with the strapdown orientation of
 *       {@code magnetometerDelaySeconds} earlier (a ring buffer of recent orientations);</li>
 *   <li>a sensor-fixed offset (hard iron, such as a magnet attached to the sensor) removed from
 *       every sample, fitted by {@link MagneticOffsetFit};</li>
 *   <li>the very first field reference may be learned at rest.</li>
 * </ul>
 * The fields of this class are coefficients, derived once from the settings; everything learned is
 * in a {@link MagnetometerState}.
 */
final class MagneticHeadingCorrection {

    private final OrientationFilterSettings settings;
    private final double samplePeriodSeconds;
    private final double referenceGain;
    private final double dipThresholdRadians;
    private final double newFieldMinimumRateSquared;
    /** Magnetometer latency in whole samples and the fraction of one; the history holds {@code whole + 2}. */
    private final int delayWholeSamples;
    private final double delayFraction;
    private final int inertialHistoryLength;
    /** The sensor-fixed offset fit; null when {@code magneticOffsetTimeConstantSeconds} is zero. */
    private final MagneticOffsetFit offsetFit;
    /** Low-pass of field norm and dip; null when {@code magneticCurrentTimeConstantSeconds} is zero. */
    private final ButterworthLowPass normDipLowPass;
    private final HeadingFilter headingFilter;

    // ---- scratch of one update ----
    private final double[] delayedInertial = new double[4];
    /** The 6D orientation {@code a ⊗ g} with the delayed {@code g}. */
    private final double[] delayedOrientation = new double[4];
    private final double[] earth = new double[3];
    private final double[] normDip = new double[2];

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
        this.offsetFit = settings.magneticOffsetTimeConstantSeconds() > 0 ? new MagneticOffsetFit(settings, ts) : null;
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
        double[] g = orientation.inertial;
        double[] history = state.inertialHistory;
        int h = 4 * newest;
        history[h] = g[0];
        history[h + 1] = g[1];
        history[h + 2] = g[2];
        history[h + 3] = g[3];
        state.inertialHistoryCount++;
    }

    /**
     * First-order correction of the heading offset towards the magnetometer's (µT, sensor frame,
     * nonzero and finite) horizontal direction in the 6D earth frame, with disturbance detection.
     */
    void correct(MagnetometerState state, OrientationFilterState orientation, double magX, double magY, double magZ) {
        double[] g = delayedInertial;
        delayedInertialOrientation(state, orientation, g);
        if (offsetFit != null) {
            PackedQuaternion.multiply(orientation.inclination, 0, g, 0, delayedOrientation, 0);
            offsetFit.update(state.offsetFit, delayedOrientation, orientation.samplesProcessed, magX, magY, magZ);
        }
        double[] e = earth;
        double[] offset = state.offsetFit.offset;
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
