// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;

/**
 * What a neutral stand taught about how the strap sits on this wearer.
 *
 * <p>For each sensor, the mounting rotation {@code M} with {@code q_sensor = q_segment ⊗ M}, found
 * from gravity during the stand (the segments' x axes are vertical then); rotation of a sensor
 * about the vertical cannot be seen from gravity and is taken as zero. And a heading alignment
 * that rotates the upper segment's 6D earth frame onto the lower's, so that at the stand the
 * relative orientation is the identity.
 *
 * @param startSeconds start of the stand used, session seconds
 * @param endSeconds end of the stand used, session seconds
 * @param upperMount upper sensor relative to the upper segment
 * @param lowerMount lower sensor relative to the pelvis segment
 * @param upperHeadingAlignment rotation about earth z applied to the upper segment's orientation
 * @param upperUp the up direction the upper sensor measured over the stand, in its own frame (unit);
 *     {@code upperMount} is {@link #mountFromGravity} of it
 * @param lowerUp the same for the lower sensor
 */
public record NeutralCalibration(
        double startSeconds,
        double endSeconds,
        Quaternion upperMount,
        Quaternion lowerMount,
        Quaternion upperHeadingAlignment,
        Vector3 upperUp,
        Vector3 lowerUp) {

    /** The mounting rotation that maps the measured up direction {@code upInSensor} onto the segment's x axis. */
    public static Quaternion mountFromGravity(Vector3 upInSensor) {
        Vector3 up = upInSensor.normalized();
        // shortest arc from up (sensor frame) to x (segment frame): v_segment = M v_sensor
        Vector3 axis = up.cross(Vector3.UNIT_X);
        double angle = Math.atan2(axis.norm(), up.dot(Vector3.UNIT_X));
        return Quaternion.fromAxisAngle(axis, angle);
    }
}
