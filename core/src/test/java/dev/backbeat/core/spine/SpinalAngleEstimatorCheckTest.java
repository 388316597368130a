// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming estimator's check of a stored calibration, on a strap standing still: the upper
 * sensor tilted 12° on the back, the lower -8°, both with a gyroscope offset and noise.
 */
class SpinalAngleEstimatorCheckTest {

    private static final double RATE_HZ = 100;
    private static final CalibrationCheck.Settings RULES = CalibrationCheck.Settings.DEFAULTS;

    private static Vector3 up(double tiltDegrees) {
        double tilt = Math.toRadians(tiltDegrees);
        return new Vector3(Math.cos(tilt), 0, Math.sin(tilt));
    }

    private static StoredCalibration stored(double upperTiltDegrees) {
        return new StoredCalibration(Instant.parse("2026-12-01T08:00:00Z"), "chips",
                NeutralCalibration.mountFromGravity(up(upperTiltDegrees)), NeutralCalibration.mountFromGravity(up(-8)),
                up(upperTiltDegrees), up(-8), Double.NaN);
    }

    /**
     * Feeds both sensors standing still from {@code fromSeconds} to {@code toSeconds}; between
     * {@code swayFromSeconds} and {@code swayToSeconds} the trunk sways (a 1 Hz turn of 5 °/s).
     */
    private static void stand(SpinalAngleEstimator estimator, Random noise, double fromSeconds, double toSeconds,
                              double swayFromSeconds, double swayToSeconds) {
        for (long tick = Math.round(fromSeconds * RATE_HZ); tick < Math.round(toSeconds * RATE_HZ); tick++) {
            double time = tick / RATE_HZ;
            double sway = time >= swayFromSeconds && time < swayToSeconds
                    ? Math.toRadians(5) * Math.sin(2 * Math.PI * time) : 0;
            for (SensorPosition sensor : SensorPosition.values()) {
                Vector3 force = up(sensor == SensorPosition.UPPER ? 12 : -8).times(9.81)
                        .plus(new Vector3(noise.nextGaussian(), noise.nextGaussian(), noise.nextGaussian()).times(0.02));
                Vector3 rate = new Vector3(0.01 + sway, -0.008, 0.005)
                        .plus(new Vector3(noise.nextGaussian(), noise.nextGaussian(), noise.nextGaussian()).times(0.001));
                estimator.update(sensor, new ImuSample(time, rate, force));
            }
        }
    }

    private static SpinalAngleEstimator estimator(StoredCalibration stored) {
        return new SpinalAngleEstimator(SpinalAngleSettings.DEFAULTS, RATE_HZ, stored, RULES);
    }

    @Test
    void check_sameStrapStill_acceptsAndUsesTheStoredMountings() {
        // stored 1° off the strap as it sits now: accepted, and that degree shows as the stored neutral
        SpinalAngleEstimator estimator = estimator(stored(13));
        Random noise = new Random(1);
        stand(estimator, noise, 0, 2.9, -1, -1);
        assertNull(estimator.checkResult(), "no verdict before the window's end");
        stand(estimator, noise, 2.9, 3.1, -1, -1);
        CalibrationCheck.Result result = estimator.checkResult();
        assertTrue(result.accepted(), result.toString());
        assertEquals(1.0, result.upperDeviationDegrees(), 0.05);
        assertEquals(0.0, result.lowerDeviationDegrees(), 0.05);
        NeutralCalibration calibration = estimator.calibration();
        assertEquals(0.5, calibration.startSeconds());
        assertEquals(3.0, calibration.endSeconds());
        assertEquals(stored(13).upperMount(), calibration.upperMount());
        assertTrue(estimator.usesStoredCalibration());
        assertFalse(estimator.calibratedOnStillStand(), "the stored one is not stored again");
        stand(estimator, noise, 3.1, 5, -1, -1);
        assertEquals(1.0, Math.abs(estimator.latest().flexionDegrees()), 0.1, estimator.latest().toString());
    }

    @Test
    void check_strapTiltedBeyondTheTolerance_refusesAndCalibratesOnTheStandAfterIt() {
        SpinalAngleEstimator estimator = estimator(stored(20));
        Random noise = new Random(2);
        stand(estimator, noise, 0, 3.1, -1, -1);
        CalibrationCheck.Result result = estimator.checkResult();
        assertFalse(result.accepted());
        assertEquals(8.0, result.upperDeviationDegrees(), 0.05);
        assertTrue(result.refusal().startsWith("the upper sensor's up direction is 8.0° from the stored one (3° allowed)"),
                result.refusal());
        assertNull(estimator.calibration(), "the stand follows the check");
        stand(estimator, noise, 3.1, 7.1, -1, -1);
        NeutralCalibration calibration = estimator.calibration();
        assertEquals(4.0, calibration.startSeconds());
        assertEquals(7.0, calibration.endSeconds());
        assertEquals(12, Math.toDegrees(calibration.upperMount().angleRadians()), 0.05, "its own mounting");
        assertFalse(estimator.usesStoredCalibration());
        assertTrue(estimator.calibratedOnStillStand());
        stand(estimator, noise, 7.1, 8, -1, -1);
        assertEquals(0, estimator.latest().flexionDegrees(), 0.1);
    }

    @Test
    void check_trunkSwaying_isRefusedAsNotStill() {
        SpinalAngleEstimator estimator = estimator(stored(12));
        Random noise = new Random(3);
        stand(estimator, noise, 0, 3.1, 1.0, 2.0);
        assertEquals("the trunk was not still for 2 s of the check", estimator.checkResult().refusal());
        stand(estimator, noise, 3.1, 7.1, -1, -1);
        assertTrue(estimator.calibratedOnStillStand(), "the stand after the check was still");
    }

    @Test
    void refuseCheck_beforeTheVerdict_movesTheWindowAfterTheCheck() {
        SpinalAngleEstimator estimator = estimator(stored(12));
        Random noise = new Random(4);
        stand(estimator, noise, 0, 2.0, -1, -1);
        estimator.refuseCheck("the check's samples did not come in time");
        assertEquals("the check's samples did not come in time", estimator.checkResult().refusal());
        assertTrue(Double.isNaN(estimator.checkResult().deviationDegrees()));
        stand(estimator, noise, 2.0, 7.1, -1, -1);
        assertEquals(4.0, estimator.calibration().startSeconds());
        // a refusal after the verdict changes nothing
        estimator.refuseCheck("too late");
        assertEquals("the check's samples did not come in time", estimator.checkResult().refusal());
    }

    @Test
    void withoutAStoredCalibration_standsAsBefore() {
        SpinalAngleEstimator estimator = new SpinalAngleEstimator(SpinalAngleSettings.DEFAULTS, RATE_HZ);
        Random noise = new Random(5);
        stand(estimator, noise, 0, 3.6, -1, -1);
        assertNull(estimator.checkResult());
        assertEquals(0.5, estimator.calibration().startSeconds());
        assertEquals(3.5, estimator.calibration().endSeconds());
        assertEquals(up(12).x(), estimator.calibration().upperUp().x(), 1e-3);
        assertTrue(estimator.calibratedOnStillStand());
    }
}
