// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules that decide whether a stored calibration still fits the strap as worn. */
class CalibrationCheckTest {

    private static final Instant STORED_AT = Instant.parse("2026-12-01T08:00:00Z");
    private static final String CHIPS = "upper MPU-6050 0x68, lower MPU-6050 0x69";
    private static final CalibrationCheck.Settings RULES = CalibrationCheck.Settings.DEFAULTS;

    /** Up directions of a strap tilted 12° (upper) and -8° (lower) about the sensors' y axes. */
    private static Vector3 up(double tiltDegrees) {
        double tilt = Math.toRadians(tiltDegrees);
        return new Vector3(Math.cos(tilt), 0, Math.sin(tilt));
    }

    private static StoredCalibration stored() {
        Vector3 upper = up(12);
        Vector3 lower = up(-8);
        return new StoredCalibration(STORED_AT, CHIPS, NeutralCalibration.mountFromGravity(upper),
                NeutralCalibration.mountFromGravity(lower), upper, lower, 9.5);
    }

    @Test
    void refusalBefore_sameChipsAndADayOld_isNone() {
        assertNull(CalibrationCheck.refusalBefore(stored(), CHIPS, STORED_AT.plus(Duration.ofDays(1)), RULES));
        assertEquals(1.0, CalibrationCheck.ageDays(stored(), STORED_AT.plus(Duration.ofDays(1))), 1e-9);
    }

    @Test
    void refusalBefore_otherChips_namesBoth() {
        String refusal = CalibrationCheck.refusalBefore(stored(), "upper LSM6DSOX 0x6A, lower LSM6DSOX 0x6B",
                STORED_AT.plusSeconds(60), RULES);
        assertTrue(refusal.contains("other chips") && refusal.contains("MPU-6050 0x68") && refusal.contains("LSM6DSOX 0x6A"),
                refusal);
    }

    @Test
    void refusalBefore_olderThanTheLimit_saysHowOld() {
        assertNull(CalibrationCheck.refusalBefore(stored(), CHIPS, STORED_AT.plus(Duration.ofDays(7)), RULES));
        String refusal = CalibrationCheck.refusalBefore(stored(), CHIPS, STORED_AT.plus(Duration.ofDays(7)).plusSeconds(3600), RULES);
        assertEquals("it is 7.0 days old (at most 7 allowed)", refusal);
    }

    @Test
    void refusalBefore_datedAfterTheClock_distrustsTheClock() {
        String refusal = CalibrationCheck.refusalBefore(stored(), CHIPS, STORED_AT.minus(Duration.ofDays(400)), RULES);
        assertTrue(refusal.contains("after the strap's clock"), refusal);
        // within the hour a clock may be corrected by: still fine
        assertNull(CalibrationCheck.refusalBefore(stored(), CHIPS, STORED_AT.minusSeconds(600), RULES));
    }

    @Test
    void judge_sameDirectionsStill_acceptsWithTheirDeviation() {
        CalibrationCheck.Result result = CalibrationCheck.judge(stored(), up(12.5).times(9.81), up(-8), true, RULES);
        assertTrue(result.accepted(), result.toString());
        assertEquals(0.5, result.upperDeviationDegrees(), 1e-9);
        assertEquals(0.0, result.lowerDeviationDegrees(), 1e-6);
        assertEquals(0.5, result.deviationDegrees(), 1e-9);
        assertEquals("", result.refusal());
    }

    @Test
    void judge_justWithinAndJustBeyondTheTolerance_acceptsThenRefuses() {
        assertTrue(CalibrationCheck.judge(stored(), up(12), up(-8 + 2.99), true, RULES).accepted());
        CalibrationCheck.Result beyond = CalibrationCheck.judge(stored(), up(12), up(-8 + 3.01), true, RULES);
        assertFalse(beyond.accepted());
        assertTrue(beyond.refusal().startsWith("the lower sensor's up direction is 3.0° from the stored one (3° allowed)"),
                beyond.refusal());
    }

    @Test
    void judge_strapRemountedFifteenDegreesInThePlaneOfTheBack_isRefusedNamingTheSensor() {
        // rotated about the back's normal (z): the upper sensor's x axis leans sideways
        Vector3 turned = Quaternion.fromAxisAngle(Vector3.UNIT_Z, Math.toRadians(15)).inverseRotate(up(12));
        CalibrationCheck.Result result = CalibrationCheck.judge(stored(), turned, up(-8), true, RULES);
        assertFalse(result.accepted());
        assertEquals(15 * Math.cos(Math.toRadians(12)), result.upperDeviationDegrees(), 0.2);
        assertTrue(result.refusal().startsWith("the upper sensor's up direction is 14."), result.refusal());
    }

    @Test
    void judge_trunkNotStill_isRefusedWhateverTheDirections() {
        CalibrationCheck.Result result = CalibrationCheck.judge(stored(), up(12), up(-8), false, RULES);
        assertFalse(result.accepted());
        assertEquals("the trunk was not still for 2 s of the check", result.refusal());
    }

    @Test
    void settings_outOfRange_areRefusedNamingTheRule() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CalibrationCheck.Settings(3, 3, 7))
                .getMessage().contains("3.5..10 s"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CalibrationCheck.Settings(3.5, 0, 7))
                .getMessage().contains("tolerance"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CalibrationCheck.Settings(3.5, 3, -1))
                .getMessage().contains("age"));
        assertEquals(3.0, RULES.windowEndSeconds(), 1e-12);
        assertEquals(0.5, RULES.windowStartSeconds(SpinalAngleSettings.DEFAULTS), 1e-12);
    }

    @Test
    void storedCalibration_mountingNotFromItsUpDirection_isRefused() {
        Vector3 upper = up(12);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> new StoredCalibration(STORED_AT,
                CHIPS, NeutralCalibration.mountFromGravity(up(20)), NeutralCalibration.mountFromGravity(up(-8)), upper,
                up(-8), Double.NaN));
        assertTrue(wrong.getMessage().startsWith("upper mounting is 8.000° from the rotation its up direction gives"),
                wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StoredCalibration(STORED_AT, CHIPS,
                NeutralCalibration.mountFromGravity(upper), NeutralCalibration.mountFromGravity(up(-8)), upper.times(2),
                up(-8), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new StoredCalibration(STORED_AT, CHIPS,
                NeutralCalibration.mountFromGravity(upper), NeutralCalibration.mountFromGravity(up(-8)), upper, up(-8), 0.2));
    }
}
