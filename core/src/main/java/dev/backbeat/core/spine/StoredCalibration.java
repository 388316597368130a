// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import java.time.Instant;
import java.util.Objects;

/**
 * What a still neutral stand taught about how the strap sits on this wearer, kept for later
 * sessions: each sensor's mounting rotation and the up direction it measured (the mounting is
 * found from it), which chips measured them, when, and the wearer's breathing over the stand if it
 * was measured. The heading alignment is not kept: each session's 6D filters start with an
 * arbitrary heading, so every session measures it again ({@link CalibrationCheck}).
 *
 * @param calibratedAt when the stand was (the session's start)
 * @param chips the strap's IMUs that measured it, e.g. {@code upper MPU-6050 0x68, lower MPU-6050 0x69};
 *     a later session with other chips cannot use it
 * @param upperMount upper sensor relative to the upper segment ({@link NeutralCalibration#upperMount})
 * @param lowerMount lower sensor relative to the pelvis segment
 * @param upperUp the up direction the upper sensor measured over the stand, in its own frame (unit)
 * @param lowerUp the same for the lower sensor
 * @param breathsPerMinute the wearer's breathing over the stand, breaths/min; NaN when it was not measured
 *     (a stand too short for it)
 */
public record StoredCalibration(
        Instant calibratedAt,
        String chips,
        Quaternion upperMount,
        Quaternion lowerMount,
        Vector3 upperUp,
        Vector3 lowerUp,
        double breathsPerMinute) {

    /** A mounting must be the rotation its up direction gives within this, degrees: else the two do not belong together. */
    static final double MOUNT_AGREEMENT_DEGREES = 0.01;

    public StoredCalibration {
        Objects.requireNonNull(calibratedAt, "calibratedAt");
        Objects.requireNonNull(chips, "chips");
        if (chips.isBlank() || chips.contains("\n")) {
            throw new IllegalArgumentException("chips must be one non-empty line, was '" + chips + "'");
        }
        upperUp = unit("upper up direction", upperUp);
        lowerUp = unit("lower up direction", lowerUp);
        upperMount = agreeing("upper mounting", upperMount, upperUp);
        lowerMount = agreeing("lower mounting", lowerMount, lowerUp);
        if (!Double.isNaN(breathsPerMinute) && !(breathsPerMinute >= 1 && breathsPerMinute <= 40)) {
            throw new IllegalArgumentException("breathing must be 1..40 breaths/min or not measured, was " + breathsPerMinute);
        }
    }

    /** What {@code calibration}, found by a stand at {@code calibratedAt} on {@code chips}, leaves for later sessions. */
    public static StoredCalibration of(NeutralCalibration calibration, Instant calibratedAt, String chips,
                                       double breathsPerMinute) {
        return new StoredCalibration(calibratedAt, chips, calibration.upperMount(), calibration.lowerMount(),
                calibration.upperUp(), calibration.lowerUp(), breathsPerMinute);
    }

    private static Vector3 unit(String name, Vector3 vector) {
        Objects.requireNonNull(vector, name);
        if (!vector.isFinite() || Math.abs(vector.norm() - 1) > 1e-3) {
            throw new IllegalArgumentException(name + " must be a unit vector, was " + vector);
        }
        return vector.normalized();
    }

    private static Quaternion agreeing(String name, Quaternion mount, Vector3 up) {
        Objects.requireNonNull(mount, name);
        if (!mount.isFinite() || Math.abs(mount.norm() - 1) > 1e-3) {
            throw new IllegalArgumentException(name + " must be a unit quaternion, was " + mount);
        }
        Quaternion normalized = mount.normalized();
        double apartDegrees = Math.toDegrees(normalized.conjugate().times(NeutralCalibration.mountFromGravity(up))
                .normalized().angleRadians());
        if (!(apartDegrees <= MOUNT_AGREEMENT_DEGREES)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s is %.3f° from the rotation its up direction gives (at most %.2f°)", name, apartDegrees,
                    MOUNT_AGREEMENT_DEGREES));
        }
        return normalized;
    }
}
