// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

import dev.backbeat.core.math.Matrix3;
import dev.backbeat.core.math.PackedQuaternion;

/**
 * Acausal orientation estimation for a whole recording (re-analysis on the host): a port of VQF's
 * offline variant ({@code offlineVQF} in its reference implementation's {@code offline_vqf.cpp}, see
 * NOTICE): every estimate may use the samples after it as well as before. Each step is the real-time
 * filter's own ({@link PackedQuaternion#integrate}, {@link InclinationCorrection}, {@link HeadingFilter}).
 *
 * <ol>
 *   <li>Gyroscope bias: the real-time {@link OrientationFilter} runs forwards and, on the reversed
 *       recording with negated angular rate, backwards; at each sample the two bias estimates are
 *       combined by their Kalman covariances (information-weighted mean), so the bias is known from
 *       the start and across rest-free stretches.</li>
 *   <li>Strapdown integration of the angular rate minus that bias.</li>
 *   <li>The accelerometer, rotated into the almost-inertial frame, is low-pass filtered forwards and
 *       backwards (zero phase, no lag) and the inclination is corrected to it at each sample.</li>
 *   <li>The heading offset to the magnetometer is filtered forwards and backwards with the real-time
 *       first-order gain, skipping samples that both passes flagged as magnetically disturbed.</li>
 * </ol>
 * The magnetometer latency is compensated by reading each field sample {@code
 * magnetometerDelaySeconds} later (interpolated), which works for both passes; the sensor-fixed
 * magnetic offset is the one the real-time filter applied in a pass that found the field undisturbed
 * there (the forward pass if both did).
 * Uses the same {@link OrientationFilterSettings}. Allocates arrays proportional to the recording.
 */
public final class OfflineOrientationEstimator {

    /**
     * The estimate for every sample.
     *
     * @param orientation6D interleaved w, x, y, z: sensor frame relative to an earth frame with z up
     * @param orientation9D interleaved w, x, y, z relative to East-North-Up; {@code null} without magnetometer
     * @param gyroscopeBias interleaved x, y, z, rad/s
     * @param restDetected whether either pass detected rest at the sample
     * @param magneticDisturbanceDetected whether both passes flagged a magnetic disturbance (null without magnetometer)
     */
    public record Result(double[] orientation6D, double[] orientation9D, double[] gyroscopeBias,
                         boolean[] restDetected, boolean[] magneticDisturbanceDetected) {
    }

    private final OrientationFilterSettings settings;
    private final double sampleRateHz;

    public OfflineOrientationEstimator(OrientationFilterSettings settings, double sampleRateHz) {
        if (settings == null) {
            throw new NullPointerException("settings");
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sampleRateHz must be positive and finite, was " + sampleRateHz);
        }
        this.settings = settings;
        this.sampleRateHz = sampleRateHz;
    }

    /**
     * @param gyroscope rad/s, interleaved x, y, z per sample
     * @param accelerometer m/s², interleaved
     * @param magnetometer µT, interleaved, or {@code null} for 6D only
     */
    public Result estimate(double[] gyroscope, double[] accelerometer, double[] magnetometer) {
        int n = gyroscope.length / 3;
        if (accelerometer.length != 3 * n || (magnetometer != null && magnetometer.length != 3 * n)) {
            throw new IllegalArgumentException("signal arrays must have the same number of samples");
        }
        boolean[] rest = new boolean[n];
        boolean[] disturbed = magnetometer == null ? null : new boolean[n];
        double[] aligned = magnetometer == null ? null : alignMagnetometer(magnetometer);
        double[] offset = magnetometer == null ? null : new double[3 * n];
        double[] bias = estimateBiasBothWays(gyroscope, accelerometer, aligned, rest, disturbed, offset);
        double[] inertial = integrate(gyroscope, bias);
        double[] orientation6D = correctInclination(inertial, accelerometer);
        if (aligned != null) {
            for (int i = 0; i < aligned.length; i++) {
                aligned[i] -= offset[i];
            }
        }
        double[] orientation9D = magnetometer == null ? null : correctHeading(orientation6D, aligned, disturbed);
        return new Result(orientation6D, orientation9D, bias, rest, disturbed);
    }

    /**
     * The magnetometer samples moved earlier by the magnetometer latency, so that sample {@code i}
     * belongs to the orientation at sample {@code i} (linear interpolation; the last samples are held).
     */
    private double[] alignMagnetometer(double[] mag) {
        int n = mag.length / 3;
        double delaySamples = settings.magnetometerDelaySeconds() * sampleRateHz;
        int whole = (int) Math.floor(delaySamples);
        double fraction = delaySamples - whole;
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            int a = Math.min(i + whole, n - 1);
            int b = Math.min(i + whole + 1, n - 1);
            for (int c = 0; c < 3; c++) {
                out[3 * i + c] = (1 - fraction) * mag[3 * a + c] + fraction * mag[3 * b + c];
            }
        }
        return out;
    }

    private double[] estimateBiasBothWays(double[] gyr, double[] acc, double[] mag, boolean[] rest, boolean[] disturbed,
                                          double[] offset) {
        int n = rest.length;
        double[] bias = new double[3 * n];
        double[] forwardInformation = new double[9 * n];
        double[] covariance = new double[9];
        double[] estimate = new double[3];
        double[] magneticOffset = new double[3];
        // the magnetometer is already aligned in time, so neither pass compensates latency again
        OrientationFilterSettings passSettings = settings.withMagnetometerDelaySeconds(0);
        OrientationFilter9D nineD = mag == null ? null : new OrientationFilter9D(passSettings, sampleRateHz);
        OrientationFilter filter = nineD != null ? nineD.sixD() : new OrientationFilter(passSettings, sampleRateHz);
        for (int i = 0; i < n; i++) {
            int j = 3 * i;
            if (nineD != null) {
                nineD.update(gyr[j], gyr[j + 1], gyr[j + 2], acc[j], acc[j + 1], acc[j + 2], mag[j], mag[j + 1], mag[j + 2]);
                disturbed[i] = nineD.magneticDisturbanceDetected();
                nineD.copyMagneticOffset(magneticOffset);
                System.arraycopy(magneticOffset, 0, offset, j, 3);
            } else {
                filter.update(gyr[j], gyr[j + 1], gyr[j + 2], acc[j], acc[j + 1], acc[j + 2]);
            }
            rest[i] = filter.restDetected();
            filter.copyBias(estimate);
            System.arraycopy(estimate, 0, bias, j, 3);
            filter.copyBiasCovariance(covariance);
            Matrix3.invertInPlace(covariance);
            System.arraycopy(covariance, 0, forwardInformation, 9 * i, 9);
        }
        if (nineD != null) {
            nineD.reset();
        } else {
            filter.reset();
        }
        double[] information = new double[9];
        for (int i = n - 1; i >= 0; i--) {
            int j = 3 * i;
            if (nineD != null) {
                nineD.update(-gyr[j], -gyr[j + 1], -gyr[j + 2], acc[j], acc[j + 1], acc[j + 2], mag[j], mag[j + 1], mag[j + 2]);
                boolean backwardDisturbed = nineD.magneticDisturbanceDetected();
                if (disturbed[i] && !backwardDisturbed) {
                    nineD.copyMagneticOffset(magneticOffset);
                    System.arraycopy(magneticOffset, 0, offset, j, 3);
                }
                disturbed[i] &= backwardDisturbed;
            } else {
                filter.update(-gyr[j], -gyr[j + 1], -gyr[j + 2], acc[j], acc[j + 1], acc[j + 2]);
            }
            rest[i] |= filter.restDetected();
            // the backward pass sees the negated rate, so its bias estimate is the negated bias
            filter.copyBias(estimate);
            filter.copyBiasCovariance(covariance);
            Matrix3.invertInPlace(covariance);
            double bx = -estimate[0], by = -estimate[1], bz = -estimate[2];
            double fx = bias[j], fy = bias[j + 1], fz = bias[j + 2];
            int k = 9 * i;
            double[] f = forwardInformation;
            double[] b = covariance;
            double vx = f[k] * fx + f[k + 1] * fy + f[k + 2] * fz + b[0] * bx + b[1] * by + b[2] * bz;
            double vy = f[k + 3] * fx + f[k + 4] * fy + f[k + 5] * fz + b[3] * bx + b[4] * by + b[5] * bz;
            double vz = f[k + 6] * fx + f[k + 7] * fy + f[k + 8] * fz + b[6] * bx + b[7] * by + b[8] * bz;
            for (int c = 0; c < 9; c++) {
                information[c] = f[k + c] + b[c];
            }
            Matrix3.invertInPlace(information);
            Matrix3.multiply(information, vx, vy, vz, estimate);
            System.arraycopy(estimate, 0, bias, j, 3);
        }
        return bias;
    }

    /** Strapdown integration of the bias-corrected rate, from identity (the real-time step); interleaved quaternions. */
    private double[] integrate(double[] gyr, double[] bias) {
        int n = gyr.length / 3;
        double[] out = new double[4 * n];
        double period = 1.0 / sampleRateHz;
        double[] q = {1, 0, 0, 0};
        for (int i = 0; i < n; i++) {
            int j = 3 * i;
            PackedQuaternion.integrate(q, 0, gyr[j] - bias[j], gyr[j + 1] - bias[j + 1], gyr[j + 2] - bias[j + 2], period);
            System.arraycopy(q, 0, out, 4 * i, 4);
        }
        return out;
    }

    /**
     * Zero-phase low-pass of the inertial-frame accelerometer, then per-sample inclination
     * correction (the real-time step, {@link InclinationCorrection}).
     */
    private double[] correctInclination(double[] inertial, double[] acc) {
        int n = acc.length / 3;
        double[] accelerationInertial = new double[3 * n];
        double[] v = new double[3];
        for (int i = 0; i < n; i++) {
            PackedQuaternion.rotate(inertial, 4 * i, acc[3 * i], acc[3 * i + 1], acc[3 * i + 2], v);
            System.arraycopy(v, 0, accelerationInertial, 3 * i, 3);
        }
        ButterworthLowPass lowPass = new ButterworthLowPass(settings.accelerometerTimeConstantSeconds(), 1 / sampleRateHz);
        ButterworthLowPass.State lowPassState = new ButterworthLowPass.State(3);
        for (int i = 0; i < n; i++) {
            System.arraycopy(accelerationInertial, 3 * i, v, 0, 3);
            lowPass.filter(v, lowPassState);
            System.arraycopy(v, 0, accelerationInertial, 3 * i, 3);
        }
        System.arraycopy(accelerationInertial, 3 * (n - 1), v, 0, 3);
        lowPass.startAt(v, lowPassState);
        for (int i = n - 1; i >= 0; i--) {
            System.arraycopy(accelerationInertial, 3 * i, v, 0, 3);
            lowPass.filter(v, lowPassState);
            System.arraycopy(v, 0, accelerationInertial, 3 * i, 3);
        }

        double[] out = new double[4 * n];
        double[] inclination = {1, 0, 0, 0};
        for (int i = 0; i < n; i++) {
            System.arraycopy(accelerationInertial, 3 * i, v, 0, 3);
            InclinationCorrection.correct(inclination, v);
            PackedQuaternion.multiply(inclination, 0, inertial, 4 * i, out, 4 * i);
        }
        return out;
    }

    /** Heading offset per sample from the magnetometer, first-order filtered forwards then backwards. */
    private double[] correctHeading(double[] orientation6D, double[] mag, boolean[] disturbed) {
        int n = disturbed.length;
        double[] heading = new double[n];
        double[] v = new double[3];
        for (int i = 0; i < n; i++) {
            PackedQuaternion.rotate(orientation6D, 4 * i, mag[3 * i], mag[3 * i + 1], mag[3 * i + 2], v);
            heading[i] = Math.atan2(v[0], v[1]);
        }
        filterHeading(heading, disturbed, false);
        filterHeading(heading, disturbed, true);
        double[] out = new double[4 * n];
        for (int i = 0; i < n; i++) {
            PackedQuaternion.rotateAboutVertical(orientation6D, 4 * i, heading[i], out, 4 * i);
        }
        return out;
    }

    /** In place: the real-time heading filter (gain, rejection and start-up rules) over the whole recording. */
    private void filterHeading(double[] heading, boolean[] disturbed, boolean backward) {
        int n = heading.length;
        HeadingFilter filter = new HeadingFilter(settings, 1 / sampleRateHz);
        HeadingFilter.State state = new HeadingFilter.State();
        state.reset(backward ? heading[n - 1] : heading[0], 0);
        for (int step = 0; step < n; step++) {
            int i = backward ? n - 1 - step : step;
            heading[i] = filter.update(state, heading[i], disturbed[i]);
        }
    }
}
