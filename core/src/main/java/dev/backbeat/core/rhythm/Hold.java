// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

/**
 * A stretch of at least 3 s in which every spinal angle stayed within ±2° (breathing is smaller).
 * Its end is reported where the movement out of it began, so the reported duration can be a
 * little under the 3 s the definition was checked against.
 *
 * @param startSeconds when the movement into the hold settled, session seconds
 * @param endSeconds when the movement out of it began, session seconds
 * @param meanFlexionDegrees mean flexion during the hold, degrees
 * @param meanSideBendDegrees mean side bend, degrees
 * @param meanTwistDegrees mean twist, degrees
 */
public record Hold(double startSeconds, double endSeconds, double meanFlexionDegrees, double meanSideBendDegrees,
                   double meanTwistDegrees) {

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }

    /** The largest of the mean angles' magnitudes, degrees: how far from neutral the hold is. */
    public double distanceFromNeutralDegrees() {
        return Math.max(Math.abs(meanFlexionDegrees), Math.max(Math.abs(meanSideBendDegrees), Math.abs(meanTwistDegrees)));
    }
}
