// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/**
 * The wearer's posture at one instant, as joint angles in degrees.
 *
 * <p>Each segment's rotation relative to its parent is a Cardan sequence in the segment frame
 * (x up along the spine, y to the wearer's left, z out of the back): first flexion about y
 * (positive bending forward), then side bend about z (positive to the wearer's right), then twist
 * about x (positive turning to the wearer's right). The pelvis's parent is the upright standing
 * frame; the thorax's parent is the pelvis, so the spine angles are exactly what the strap should
 * report.
 *
 * @param headingDegrees the direction the wearer faces, degrees counter-clockwise from north seen from above
 * @param pelvisFlexionDegrees forward tilt of the pelvis (hip hinge, anterior pelvic tilt), degrees
 * @param pelvisSideBendDegrees pelvis tilt to the right, degrees
 * @param pelvisTwistDegrees pelvis rotation to the right, degrees
 * @param spineFlexionDegrees thorax relative to pelvis, forward, degrees
 * @param spineSideBendDegrees thorax relative to pelvis, to the right, degrees
 * @param spineTwistDegrees thorax relative to pelvis, turned to the right, degrees
 */
public record Posture(
        double headingDegrees,
        double pelvisFlexionDegrees,
        double pelvisSideBendDegrees,
        double pelvisTwistDegrees,
        double spineFlexionDegrees,
        double spineSideBendDegrees,
        double spineTwistDegrees) {

    public static final Posture UPRIGHT = new Posture(0, 0, 0, 0, 0, 0, 0);

    /** Linear blend: {@code fraction} 0 gives this posture, 1 gives {@code other}. */
    public Posture blend(Posture other, double fraction) {
        return new Posture(
                lerp(headingDegrees, other.headingDegrees, fraction),
                lerp(pelvisFlexionDegrees, other.pelvisFlexionDegrees, fraction),
                lerp(pelvisSideBendDegrees, other.pelvisSideBendDegrees, fraction),
                lerp(pelvisTwistDegrees, other.pelvisTwistDegrees, fraction),
                lerp(spineFlexionDegrees, other.spineFlexionDegrees, fraction),
                lerp(spineSideBendDegrees, other.spineSideBendDegrees, fraction),
                lerp(spineTwistDegrees, other.spineTwistDegrees, fraction));
    }

    private static double lerp(double from, double to, double fraction) {
        return from + (to - from) * fraction;
    }
}
