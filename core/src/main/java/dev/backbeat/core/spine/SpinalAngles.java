// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;

/**
 * The upper-back segment's orientation relative to the pelvis segment, relative to the wearer's
 * neutral posture, as a Cardan sequence in the spirit of the ISB spine recommendation (Wu et al.,
 * J Biomech 35, 2002): first flexion about the medio-lateral axis, then side bend about the
 * antero-posterior axis, then twist about the longitudinal axis.
 *
 * <p>Segment axes: x up along the spine, y to the wearer's left, z out of the back. The rotation is
 * {@code R = Ry(flexion) · Rz(−sideBend) · Rx(−twist)}: a positive rotation about y tips x toward the
 * front (bending forward); positive rotations about z and x turn toward the wearer's left, hence the
 * signs that make right side bend and right twist positive.
 *
 * @param flexionDegrees positive bending forward, negative extension (bending back), degrees
 * @param sideBendDegrees positive bending to the wearer's right, degrees
 * @param twistDegrees positive turning the upper trunk to the wearer's right, degrees
 */
public record SpinalAngles(double flexionDegrees, double sideBendDegrees, double twistDegrees) {

    /** Decomposes a relative orientation (upper segment relative to pelvis segment) into the three angles. */
    public static SpinalAngles fromRelativeOrientation(Quaternion relative) {
        double[] degrees = new double[3];
        decompose(relative.w(), relative.x(), relative.y(), relative.z(), degrees);
        return new SpinalAngles(degrees[0], degrees[1], degrees[2]);
    }

    /**
     * {@link #fromRelativeOrientation} on primitives: writes flexion, side bend and twist (degrees)
     * of the unit quaternion (w, x, y, z) into {@code degrees[0..2]}.
     */
    public static void decompose(double w, double x, double y, double z, double[] degrees) {
        double r00 = 1 - 2 * (y * y + z * z);
        double r10 = 2 * (x * y + w * z);
        double r20 = 2 * (x * z - w * y);
        double r11 = 1 - 2 * (x * x + z * z);
        double r12 = 2 * (y * z - w * x);
        degrees[0] = Math.toDegrees(Math.atan2(-r20, r00));
        degrees[1] = -Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, r10))));
        degrees[2] = -Math.toDegrees(Math.atan2(-r12, r11));
    }

    /** The relative orientation these angles describe (inverse of {@link #fromRelativeOrientation}). */
    public Quaternion toRelativeOrientation() {
        return Quaternion.fromAxisAngle(Vector3.UNIT_Y, Math.toRadians(flexionDegrees))
                .times(Quaternion.fromAxisAngle(Vector3.UNIT_Z, -Math.toRadians(sideBendDegrees)))
                .times(Quaternion.fromAxisAngle(Vector3.UNIT_X, -Math.toRadians(twistDegrees)));
    }
}
