// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.orientation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OfflineOrientationEstimatorTest {

    private static final double RATE_HZ = 100;
    private static final Vector3 EARTH_FIELD = new Vector3(0, 20, -45);

    /** 10 s rest, 60 s turning about a tilted axis, 10 s rest; constant gyroscope bias; truth per sample. */
    private record Recording(double[] gyroscope, double[] accelerometer, double[] magnetometer, Quaternion[] truth) {
    }

    private static Recording simulate(Vector3 bias) {
        return simulate(bias, Vector3.ZERO, 0);
    }

    /**
     * As {@link #simulate(Vector3)}, with {@code magnet} (sensor frame, µT) added to the field from
     * 20 s to 50 s, and the magnetometer reporting the field {@code latencySamples} samples late.
     */
    private static Recording simulate(Vector3 bias, Vector3 magnet, int latencySamples) {
        int n = (int) (80 * RATE_HZ);
        double[] gyr = new double[3 * n];
        double[] acc = new double[3 * n];
        double[] mag = new double[3 * n];
        Quaternion[] truth = new Quaternion[n];
        Random random = new Random(7);
        Quaternion q = Quaternion.fromAxisAngle(Vector3.UNIT_Z, 0.4);
        for (int i = 0; i < n; i++) {
            double t = i / RATE_HZ;
            Vector3 rate = t < 10 || t >= 70 ? Vector3.ZERO
                    : new Vector3(0.4 * Math.sin(0.5 * t), 0.3 * Math.cos(0.3 * t), 0.6);
            q = q.times(Quaternion.fromRotationVector(rate.times(1 / RATE_HZ)));
            truth[i] = q;
            Vector3 measuredRate = rate.plus(bias);
            Vector3 a = q.inverseRotate(new Vector3(0, 0, 9.81));
            Vector3 m = truth[Math.max(i - latencySamples, 0)].inverseRotate(EARTH_FIELD)
                    .plus(t >= 20 && t < 50 ? magnet : Vector3.ZERO);
            for (int axis = 0; axis < 3; axis++) {
                gyr[3 * i + axis] = component(measuredRate, axis) + 0.001 * random.nextGaussian();
                acc[3 * i + axis] = component(a, axis) + 0.03 * random.nextGaussian();
                mag[3 * i + axis] = component(m, axis) + 0.2 * random.nextGaussian();
            }
        }
        return new Recording(gyr, acc, mag, truth);
    }

    private static double component(Vector3 v, int axis) {
        return axis == 0 ? v.x() : axis == 1 ? v.y() : v.z();
    }

    private static Quaternion at(double[] quaternions, int i) {
        return new Quaternion(quaternions[4 * i], quaternions[4 * i + 1], quaternions[4 * i + 2], quaternions[4 * i + 3]);
    }

    private static double inclinationErrorDegrees(Quaternion estimate, Quaternion truth) {
        Vector3 a = estimate.inverseRotate(Vector3.UNIT_Z);
        Vector3 b = truth.inverseRotate(Vector3.UNIT_Z);
        return Math.toDegrees(Math.acos(Math.min(1, a.dot(b))));
    }

    @Test
    void estimate_constantBias_isKnownFromTheFirstSample() {
        Vector3 bias = new Vector3(0.6, -0.4, 0.5).times(Math.toRadians(1));
        Recording recording = simulate(bias);
        OfflineOrientationEstimator.Result result = new OfflineOrientationEstimator(OrientationFilterSettings.DEFAULTS, RATE_HZ)
                .estimate(recording.gyroscope(), recording.accelerometer(), recording.magnetometer());
        // the real-time filter needs the first rest phase; the backward pass brings the end's estimate to the start
        double[] b = result.gyroscopeBias();
        Vector3 first = new Vector3(b[0], b[1], b[2]);
        assertTrue(Math.toDegrees(first.minus(bias).norm()) < 0.05,
                "bias at the start °/s " + first.times(Math.toDegrees(1)));
        assertTrue(result.restDetected()[0]);
    }

    @Test
    void estimate_undisturbedRecording_agreesWithTruthAndIsNoWorseThanRealTime() {
        Vector3 bias = new Vector3(0.3, 0.2, -0.4).times(Math.toRadians(1));
        Recording recording = simulate(bias);
        OfflineOrientationEstimator.Result offline = new OfflineOrientationEstimator(OrientationFilterSettings.DEFAULTS, RATE_HZ)
                .estimate(recording.gyroscope(), recording.accelerometer(), recording.magnetometer());
        OrientationFilter9D filter = new OrientationFilter9D(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        double offlineWorst = 0;
        double realTimeSum = 0;
        double offlineSum = 0;
        double[] g = recording.gyroscope();
        double[] a = recording.accelerometer();
        double[] m = recording.magnetometer();
        for (int i = 0; i < recording.truth().length; i++) {
            int j = 3 * i;
            filter.update(g[j], g[j + 1], g[j + 2], a[j], a[j + 1], a[j + 2], m[j], m[j + 1], m[j + 2]);
            double offlineError = inclinationErrorDegrees(at(offline.orientation9D(), i), recording.truth()[i]);
            offlineWorst = Math.max(offlineWorst, offlineError);
            offlineSum += offlineError;
            realTimeSum += inclinationErrorDegrees(filter.orientation9D(), recording.truth()[i]);
        }
        assertTrue(offlineWorst < 1.0, "worst offline inclination error " + offlineWorst + "°");
        assertTrue(offlineSum <= realTimeSum, "offline " + offlineSum + " real-time " + realTimeSum);
        Quaternion last = at(offline.orientation9D(), recording.truth().length - 1);
        double totalError = Math.toDegrees(last.conjugate().times(recording.truth()[recording.truth().length - 1]).angleRadians());
        assertTrue(totalError < 2, "final 9D error " + totalError + "°");
    }

    @Test
    void estimate_attachedMagnetAndLateMagnetometer_headingWithinOneDegree() {
        Recording recording = simulate(Vector3.ZERO, new Vector3(-6, 2, 55), 2);
        OrientationFilterSettings settings = OrientationFilterSettings.DEFAULTS.withMagnetometerDelaySeconds(2 / RATE_HZ);
        OfflineOrientationEstimator.Result result = new OfflineOrientationEstimator(settings, RATE_HZ)
                .estimate(recording.gyroscope(), recording.accelerometer(), recording.magnetometer());
        double sumSquares = 0;
        int count = 0;
        for (int i = (int) (10 * RATE_HZ); i < 70 * RATE_HZ; i++) {
            Quaternion error = at(result.orientation9D(), i).times(recording.truth()[i].conjugate());
            double heading = Math.toDegrees(2 * Math.atan2(error.z(), error.w()));
            sumSquares += heading * heading;
            count++;
        }
        double rms = Math.sqrt(sumSquares / count);
        assertTrue(rms < 1, "heading RMS " + rms + "°");
    }

    @Test
    void estimate_withoutMagnetometer_gives6DOnly() {
        Recording recording = simulate(Vector3.ZERO);
        OfflineOrientationEstimator.Result result = new OfflineOrientationEstimator(OrientationFilterSettings.DEFAULTS, RATE_HZ)
                .estimate(recording.gyroscope(), recording.accelerometer(), null);
        assertNull(result.orientation9D());
        assertEquals(4 * recording.truth().length, result.orientation6D().length);
    }

    @Test
    void estimate_mismatchedLengths_throws() {
        OfflineOrientationEstimator estimator = new OfflineOrientationEstimator(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(new double[6], new double[3], null));
    }
}
