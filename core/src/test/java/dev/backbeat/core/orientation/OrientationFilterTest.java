// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.orientation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrientationFilterTest {

    private static final double RATE_HZ = 100;
    private static final double GRAVITY = 9.81;
    /** Earth field in East-North-Up, µT, roughly that of central Europe (dip about 65°). */
    private static final Vector3 EARTH_FIELD = new Vector3(0, 20, -45);

    /** Specific force in the sensor frame for a sensor at rest with orientation {@code q}. */
    private static Vector3 accelerometerAt(Quaternion q) {
        return q.inverseRotate(new Vector3(0, 0, GRAVITY));
    }

    private static void update6D(OrientationFilter filter, Vector3 gyr, Vector3 acc) {
        filter.update(gyr.x(), gyr.y(), gyr.z(), acc.x(), acc.y(), acc.z());
    }

    private static void update9D(OrientationFilter9D filter, Vector3 gyr, Vector3 acc, Vector3 mag) {
        filter.update(gyr.x(), gyr.y(), gyr.z(), acc.x(), acc.y(), acc.z(), mag.x(), mag.y(), mag.z());
    }

    /** Inclination error in degrees: angle between the true and estimated sensor-frame "up". */
    private static double inclinationErrorDegrees(Quaternion estimate, Quaternion truth) {
        Vector3 estimatedUp = estimate.inverseRotate(Vector3.UNIT_Z);
        Vector3 trueUp = truth.inverseRotate(Vector3.UNIT_Z);
        return Math.toDegrees(Math.acos(Math.min(1, estimatedUp.dot(trueUp))));
    }

    private static double angleBetweenDegrees(Quaternion a, Quaternion b) {
        return Math.toDegrees(a.conjugate().times(b).angleRadians());
    }

    @Test
    void firstSample_tiltedAccelerometer_setsInclinationImmediately() {
        Quaternion tilt = Quaternion.fromAxisAngle(new Vector3(1, 0.5, 0), Math.toRadians(35));
        OrientationFilter filter = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        update6D(filter, Vector3.ZERO, accelerometerAt(tilt));
        assertTrue(inclinationErrorDegrees(filter.orientation6D(), tilt) < 1e-5); // acos resolution
    }

    @Test
    void atRest_afterWrongStart_inclinationConvergesWithinThreeTimeConstants() {
        // the filter starts flat, then the sensor reports a 20° tilt the gyroscope never saw
        Quaternion tilt = Quaternion.fromAxisAngle(Vector3.UNIT_Y, Math.toRadians(20));
        OrientationFilter filter = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        update6D(filter, Vector3.ZERO, accelerometerAt(Quaternion.IDENTITY));
        Random random = new Random(1);
        double seconds = 3 * OrientationFilterSettings.DEFAULTS.accelerometerTimeConstantSeconds();
        for (int i = 0; i < seconds * RATE_HZ; i++) {
            Vector3 noise = new Vector3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()).times(0.05);
            update6D(filter, Vector3.ZERO, accelerometerAt(tilt).plus(noise));
        }
        assertTrue(inclinationErrorDegrees(filter.orientation6D(), tilt) < 0.5,
                "inclination error " + inclinationErrorDegrees(filter.orientation6D(), tilt));
    }

    @Test
    void constantRotationAboutVertical_integratesExactly() {
        for (double rateRadiansPerSecond : new double[] {0.7, 25.0}) { // both sine/cosine branches
            OrientationFilter filter = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
            Vector3 rate = new Vector3(0, 0, rateRadiansPerSecond);
            int samples = 1000;
            for (int i = 0; i < samples; i++) {
                update6D(filter, rate, accelerometerAt(Quaternion.IDENTITY));
            }
            Quaternion expected = Quaternion.fromAxisAngle(Vector3.UNIT_Z, rateRadiansPerSecond * samples / RATE_HZ);
            assertTrue(angleBetweenDegrees(filter.orientation6D(), expected) < 1e-7,
                    "error " + angleBetweenDegrees(filter.orientation6D(), expected) + "° at " + rateRadiansPerSecond);
        }
    }

    @Test
    void constantRotationAboutTiltedAxis_matchesClosedForm() {
        // rotation about the sensor's x axis while x stays horizontal: gravity stays consistent
        OrientationFilter filter = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        double rate = 1.3;
        Quaternion orientation = Quaternion.IDENTITY;
        Quaternion step = Quaternion.fromAxisAngle(Vector3.UNIT_X, rate / RATE_HZ);
        for (int i = 0; i < 2000; i++) {
            orientation = orientation.times(step);
            update6D(filter, new Vector3(rate, 0, 0), accelerometerAt(orientation));
        }
        assertTrue(angleBetweenDegrees(filter.orientation6D(), orientation) < 1e-6);
    }

    @Test
    void atRest_constantGyroscopeBias_isEstimatedWithinTwentiethDegreePerSecond() {
        Vector3 bias = new Vector3(0.8, -0.5, 0.3).times(Math.toRadians(1)); // rad/s
        OrientationFilter filter = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        Random random = new Random(2);
        Quaternion tilt = Quaternion.fromAxisAngle(new Vector3(0.3, 1, 0), Math.toRadians(10));
        for (int i = 0; i < 10 * RATE_HZ; i++) {
            Vector3 gyroNoise = new Vector3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian())
                    .times(Math.toRadians(0.2));
            update6D(filter, bias.plus(gyroNoise), accelerometerAt(tilt));
        }
        OrientationDiagnostics diagnostics = filter.diagnostics();
        assertTrue(diagnostics.restDetected());
        Vector3 error = diagnostics.gyroscopeBiasRadiansPerSecond().minus(bias);
        assertTrue(Math.toDegrees(error.norm()) < 0.05, "bias error °/s " + Math.toDegrees(error.norm()));
    }

    @Test
    void duringMotion_horizontalGyroscopeBias_isEstimatedWithinStatedSigma() {
        // slow turning about the vertical (never at rest) with a bias on a horizontal sensor axis
        Vector3 bias = new Vector3(Math.toRadians(1.0), 0, 0);
        OrientationFilter filter = new OrientationFilter(
                OrientationFilterSettings.DEFAULTS.withRestBiasEstimationEnabled(false), RATE_HZ);
        Quaternion orientation = Quaternion.fromAxisAngle(Vector3.UNIT_X, Math.toRadians(15));
        Vector3 rate = new Vector3(0, Math.toRadians(-10), Math.toRadians(40)); // sensor frame
        Quaternion step = Quaternion.fromRotationVector(rate.times(1 / RATE_HZ));
        for (int i = 0; i < 300 * RATE_HZ; i++) {
            orientation = orientation.times(step);
            update6D(filter, rate.plus(bias), accelerometerAt(orientation));
        }
        Vector3 estimate = filter.diagnostics().gyroscopeBiasRadiansPerSecond();
        double sigma = OrientationFilterSettings.DEFAULTS.biasSigmaMotionDegreesPerSecond();
        assertTrue(Math.toDegrees(estimate.minus(bias).norm()) < 3 * sigma,
                "estimate °/s " + estimate.times(Math.toDegrees(1)));
    }

    @Test
    void magneticDisturbance_withLearnedReference_bendsHeadingLessThanOneDegree() {
        OrientationFilter9D filter = new OrientationFilter9D(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        Quaternion orientation = Quaternion.fromAxisAngle(Vector3.UNIT_Z, Math.toRadians(30));
        // 15 s of turning about the vertical lets the filter learn the field (norm and dip are unchanged)
        Vector3 turn = new Vector3(0, 0, Math.toRadians(45));
        Quaternion step = Quaternion.fromRotationVector(turn.times(1 / RATE_HZ));
        for (int i = 0; i < 15 * RATE_HZ; i++) {
            orientation = orientation.times(step);
            update9D(filter, turn, accelerometerAt(orientation), orientation.inverseRotate(EARTH_FIELD));
        }
        for (int i = 0; i < 5 * RATE_HZ; i++) {
            update9D(filter, Vector3.ZERO, accelerometerAt(orientation), orientation.inverseRotate(EARTH_FIELD));
        }
        assertFalse(filter.magneticDiagnostics().disturbanceDetected());
        double before = angleBetweenDegrees(filter.orientation9D(), orientation);
        assertTrue(before < 1, "heading not converged: " + before);

        // a nearby iron object adds 25 µT eastwards for 20 s
        Vector3 disturbed = EARTH_FIELD.plus(new Vector3(25, 0, 0));
        double worst = 0;
        for (int i = 0; i < 20 * RATE_HZ; i++) {
            update9D(filter, Vector3.ZERO, accelerometerAt(orientation), orientation.inverseRotate(disturbed));
            worst = Math.max(worst, angleBetweenDegrees(filter.orientation9D(), orientation));
        }
        assertTrue(filter.magneticDiagnostics().disturbanceDetected());
        assertTrue(worst < before + 1, "heading bent to " + worst + "°");
    }

    @Test
    void sixDOutput_isIdenticalWithAndWithoutMagnetometer() {
        OrientationFilter sixD = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        OrientationFilter9D nineD = new OrientationFilter9D(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        Random random = new Random(3);
        double[] a = new double[4];
        double[] b = new double[4];
        for (int i = 0; i < 5000; i++) {
            double t = i / RATE_HZ;
            Vector3 gyr = new Vector3(Math.sin(t), Math.cos(0.7 * t), 0.3 * Math.sin(2 * t));
            Vector3 acc = new Vector3(random.nextGaussian(), random.nextGaussian(), GRAVITY + random.nextGaussian());
            Vector3 mag = new Vector3(random.nextGaussian() * 30, 20, -40);
            update6D(sixD, gyr, acc);
            update9D(nineD, gyr, acc, mag);
            sixD.copyOrientation6D(a);
            nineD.copyOrientation6D(b);
            assertArrayEquals(a, b, 0.0);
        }
    }

    @Test
    void nonFiniteOrZeroSamples_areSkippedAndNeverReachTheOutput() {
        OrientationFilter9D filter = new OrientationFilter9D(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        Vector3 level = accelerometerAt(Quaternion.IDENTITY);
        filter.update(0, 0, 0, level.x(), level.y(), level.z());
        filter.update(Double.NaN, 0, 0, 0, 0, Double.POSITIVE_INFINITY, Double.NaN, 1, 1);
        assertTrue(filter.diagnostics().accelerometerSampleRejected());
        filter.update(0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertTrue(filter.diagnostics().accelerometerSampleRejected());
        assertTrue(filter.orientation9D().isFinite());
        assertEquals(0, filter.orientation6D().angleRadians(), 1e-12);
    }

    /** Gyroscope, accelerometer and magnetometer of sample {@code i} of a tumbling, noisy recording. */
    private static double[] sample(int i, Random random) {
        double t = i / RATE_HZ;
        return new double[] {
            Math.sin(t) + 0.01 * random.nextGaussian(), Math.cos(0.7 * t), 0.3 * Math.sin(2 * t),
            random.nextGaussian(), random.nextGaussian(), GRAVITY + random.nextGaussian(),
            15 * Math.cos(0.3 * t) + random.nextGaussian(), 20, -40};
    }

    @Test
    void state_restoredInAnotherFilter_reproducesTheOutputBitForBit() {
        OrientationFilter filter = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        Random random = new Random(4);
        for (int i = 0; i < 3000; i++) {
            double[] s = sample(i, random);
            filter.update(s[0], s[1], s[2], s[3], s[4], s[5]);
        }
        OrientationFilterState saved = filter.state();
        OrientationFilter resumed = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        resumed.setState(saved);
        double[] a = new double[4];
        double[] b = new double[4];
        for (int i = 3000; i < 6000; i++) {
            double[] s = sample(i, random);
            filter.update(s[0], s[1], s[2], s[3], s[4], s[5]);
            resumed.update(s[0], s[1], s[2], s[3], s[4], s[5]);
            filter.copyOrientation6D(a);
            resumed.copyOrientation6D(b);
            assertArrayEquals(a, b, 0.0);
        }
        assertEquals(filter.diagnostics(), resumed.diagnostics());
    }

    @Test
    void state_isACopy_laterUpdatesDoNotChangeIt() {
        OrientationFilter filter = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        filter.update(0.1, 0.2, 0.3, 1, 2, 9);
        OrientationFilterState saved = filter.state();
        Quaternion before = filter.orientation6D();
        for (int i = 0; i < 100; i++) {
            filter.update(0.1, 0.2, 0.3, 1, 2, 9);
        }
        filter.setState(saved);
        assertEquals(before, filter.orientation6D());
        assertEquals(1, filter.diagnostics().samplesProcessed());
    }

    @Test
    void state9D_restoredMidRecording_reproducesTheOutputBitForBit() {
        OrientationFilterSettings settings = OrientationFilterSettings.DEFAULTS.withMagnetometerDelaySeconds(0.035);
        OrientationFilter9D filter = new OrientationFilter9D(settings, RATE_HZ);
        Random random = new Random(5);
        for (int i = 0; i < 4000; i++) {
            double[] s = sample(i, random);
            filter.update(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
        }
        OrientationFilter9D resumed = new OrientationFilter9D(settings, RATE_HZ);
        resumed.setState(filter.state());
        double[] a = new double[4];
        double[] b = new double[4];
        for (int i = 4000; i < 8000; i++) {
            double[] s = sample(i, random);
            filter.update(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
            resumed.update(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
            filter.copyOrientation9D(a);
            resumed.copyOrientation9D(b);
            assertArrayEquals(a, b, 0.0);
        }
        assertEquals(filter.magneticDiagnostics(), resumed.magneticDiagnostics());
    }

    @Test
    void setState9D_ofFilterWithOtherMagnetometerLatency_throws() {
        OrientationFilter9D withLatency = new OrientationFilter9D(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        OrientationFilter9D without = new OrientationFilter9D(
                OrientationFilterSettings.DEFAULTS.withMagnetometerDelaySeconds(0), RATE_HZ);
        OrientationFilter9D.State saved = withLatency.state();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> without.setState(saved));
        assertTrue(error.getMessage().contains("latency"), error.getMessage());
    }

    @Test
    void sixDUpdatesOn9DFilter_leaveHeadingAndMatchThe6DFilter() {
        OrientationFilter sixD = new OrientationFilter(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        OrientationFilter9D nineD = new OrientationFilter9D(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        Random random = new Random(6);
        for (int i = 0; i < 1000; i++) {
            double[] s = sample(i, random);
            sixD.update(s[0], s[1], s[2], s[3], s[4], s[5]);
            nineD.update(s[0], s[1], s[2], s[3], s[4], s[5]);
        }
        assertEquals(0, nineD.headingOffsetRadians());
        assertEquals(sixD.orientation6D(), nineD.orientation6D());
        assertEquals(nineD.orientation6D(), nineD.orientation9D());
    }

    /** Heading error of the 9D estimate, degrees, wrapped to ±180. */
    private static double headingErrorDegrees(Quaternion estimate, Quaternion truth) {
        Quaternion error = estimate.times(truth.conjugate());
        double angle = 2 * Math.atan2(error.z(), error.w());
        return Math.toDegrees(HeadingFilter.wrapAngle(angle));
    }

    /** Heading error after turning about the vertical at 180 °/s with a magnetometer 20 ms late. */
    private static double headingErrorAfterFastTurningWithLateMagnetometer(double compensatedDelaySeconds) {
        double latencySeconds = 0.02;
        double rate = Math.toRadians(180);
        OrientationFilter9D filter = new OrientationFilter9D(
                OrientationFilterSettings.DEFAULTS.withMagnetometerDelaySeconds(compensatedDelaySeconds), RATE_HZ);
        Quaternion orientation = Quaternion.IDENTITY;
        for (int i = 1; i <= 30 * RATE_HZ; i++) {
            double t = i / RATE_HZ;
            orientation = Quaternion.fromAxisAngle(Vector3.UNIT_Z, rate * t);
            Quaternion late = Quaternion.fromAxisAngle(Vector3.UNIT_Z, rate * (t - latencySeconds));
            update9D(filter, new Vector3(0, 0, rate), accelerometerAt(orientation), late.inverseRotate(EARTH_FIELD));
        }
        return headingErrorDegrees(filter.orientation9D(), orientation);
    }

    @Test
    void magnetometerLatency_compensatedDuringFastTurning_headingErrorBelowHalfDegree() {
        double compensated = headingErrorAfterFastTurningWithLateMagnetometer(0.02);
        double uncompensated = headingErrorAfterFastTurningWithLateMagnetometer(0);
        assertTrue(Math.abs(compensated) < 0.5, "compensated heading error " + compensated + "°");
        // rate times latency: 3.6°
        assertTrue(Math.abs(uncompensated) > 3, "uncompensated heading error " + uncompensated + "°");
    }

    /**
     * Turns the sensor in all directions (rate vector slowly changing direction) for the given
     * time, with an extra field fixed to the sensor; returns the true orientation at the end.
     */
    private static Quaternion tumble(OrientationFilter9D filter, Quaternion start, double startSeconds,
                                     double seconds, Vector3 sensorFixedField) {
        Quaternion orientation = start;
        for (int i = 0; i < seconds * RATE_HZ; i++) {
            double t = startSeconds + i / RATE_HZ;
            Vector3 rate = new Vector3(1.2 * Math.sin(0.9 * t), 1.0 * Math.cos(0.7 * t), 0.8 * Math.sin(0.4 * t + 1));
            orientation = orientation.times(Quaternion.fromRotationVector(rate.times(1 / RATE_HZ)));
            update9D(filter, rate, accelerometerAt(orientation),
                    orientation.inverseRotate(EARTH_FIELD).plus(sensorFixedField));
        }
        return orientation;
    }

    @Test
    void attachedMagnet_duringTumbling_offsetIsEstimatedAndHeadingHolds() {
        OrientationFilter9D filter = new OrientationFilter9D(
                OrientationFilterSettings.DEFAULTS.withMagnetometerDelaySeconds(0), RATE_HZ);
        Quaternion orientation = tumble(filter, Quaternion.IDENTITY, 0, 20, Vector3.ZERO);
        assertEquals(Vector3.ZERO, filter.magneticDiagnostics().offsetMicroTesla());
        // a magnet is clipped to the sensor: 50 µT along its z axis, more than the earth field
        Vector3 magnet = new Vector3(4, -3, 50);
        orientation = tumble(filter, orientation, 20, 30, magnet);
        Vector3 offset = filter.magneticDiagnostics().offsetMicroTesla();
        assertTrue(offset.minus(magnet).norm() < 1, "offset " + offset);
        assertFalse(filter.magneticDiagnostics().disturbanceDetected());
        double heading = headingErrorDegrees(filter.orientation9D(), orientation);
        assertTrue(Math.abs(heading) < 1, "heading error " + heading + "°");
        // the magnet is removed again: the offset returns to zero
        tumble(filter, orientation, 50, 20, Vector3.ZERO);
        assertTrue(filter.magneticDiagnostics().offsetMicroTesla().norm() < 1,
                "offset " + filter.magneticDiagnostics().offsetMicroTesla());
    }

    @Test
    void smallSensorFixedOffset_belowNormThreshold_isLeftAlone() {
        OrientationFilter9D filter = new OrientationFilter9D(
                OrientationFilterSettings.DEFAULTS.withMagnetometerDelaySeconds(0), RATE_HZ);
        // 2 µT is below 10 % of the 49 µT field: tolerated by disturbance detection, not estimated
        tumble(filter, Quaternion.IDENTITY, 0, 40, new Vector3(1, 1, -1.4));
        assertEquals(Vector3.ZERO, filter.magneticDiagnostics().offsetMicroTesla());
    }

    /** Heading error after 15 s at rest in the earth field, then 10 s of turning next to a magnet. */
    private static double headingErrorAfterMagnetAtStartOfMotion(boolean firstReferenceAtRest) {
        OrientationFilter9D filter = new OrientationFilter9D(
                OrientationFilterSettings.DEFAULTS.withMagneticFirstReferenceAtRestEnabled(firstReferenceAtRest), RATE_HZ);
        Quaternion orientation = Quaternion.fromAxisAngle(Vector3.UNIT_Z, Math.toRadians(30));
        for (int i = 0; i < 15 * RATE_HZ; i++) {
            update9D(filter, Vector3.ZERO, accelerometerAt(orientation), orientation.inverseRotate(EARTH_FIELD));
        }
        Vector3 disturbed = EARTH_FIELD.plus(new Vector3(25, 0, 0));
        Vector3 turn = new Vector3(0, 0, Math.toRadians(30));
        Quaternion step = Quaternion.fromRotationVector(turn.times(1 / RATE_HZ));
        for (int i = 0; i < 10 * RATE_HZ; i++) {
            orientation = orientation.times(step);
            update9D(filter, turn, accelerometerAt(orientation), orientation.inverseRotate(disturbed));
        }
        return headingErrorDegrees(filter.orientation9D(), orientation);
    }

    @Test
    void magnetAtStartOfMotion_firstReferenceLearnedAtRest_bendsHeadingLessThanOneDegree() {
        double learnedAtRest = headingErrorAfterMagnetAtStartOfMotion(true);
        double vqfBehaviour = headingErrorAfterMagnetAtStartOfMotion(false);
        assertTrue(Math.abs(learnedAtRest) < 1, "heading error " + learnedAtRest + "°");
        assertTrue(Math.abs(vqfBehaviour) > 5, "without a reference the heading follows the magnet: " + vqfBehaviour + "°");
    }

    @Test
    void reset_afterUpdates_restoresInitialState() {
        OrientationFilter9D filter = new OrientationFilter9D(OrientationFilterSettings.DEFAULTS, RATE_HZ);
        for (int i = 0; i < 500; i++) {
            filter.update(0.3, -0.2, 0.1, 1, 2, 9, 10, 20, -30);
        }
        filter.reset();
        assertEquals(Quaternion.IDENTITY, filter.orientation9D());
        assertEquals(0, filter.diagnostics().samplesProcessed());
        assertEquals(Vector3.ZERO, filter.diagnostics().gyroscopeBiasRadiansPerSecond());
    }

    @Test
    void settings_invalidValue_throwsNamingTheComponent() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OrientationFilterSettings.DEFAULTS.withAccelerometerTimeConstantSeconds(-1));
        assertTrue(error.getMessage().contains("accelerometerTimeConstantSeconds"));
        assertThrows(IllegalArgumentException.class,
                () -> new OrientationFilter(OrientationFilterSettings.DEFAULTS, 0));
    }

    @Test
    void settings_withCopy_changesOnlyThatComponent() {
        OrientationFilterSettings changed = OrientationFilterSettings.DEFAULTS.withMagnetometerTimeConstantSeconds(5);
        assertEquals(5, changed.magnetometerTimeConstantSeconds());
        assertEquals(OrientationFilterSettings.DEFAULTS.withMagnetometerTimeConstantSeconds(9.0),
                OrientationFilterSettings.DEFAULTS);
    }
}
