// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import java.util.function.DoubleSupplier;

/**
 * The two sensors' relative heading drift as the strap measures it live, to be taken out of the
 * live angles: each 6D filter's heading integrates what is left of its gyroscope's offset about the
 * vertical after the stand (the offsets drift by up to 0.02 °/s a minute), which no accelerometer
 * sees. On the simulated strap's ten-minute cat-cow flow it reached 24° of twist and, through the
 * flexion, 14° of side bend.
 *
 * <p>Upright, that drift is all twist; the trunk comes back to upright at every neutral crossing of
 * a flow and every pause, and its twist there is the drift. So while the trunk is upright near
 * neutral (flexion and side bend within {@value #UPRIGHT_DEGREES}°, twist within
 * {@value #BAND_DEGREES}°, pelvis within {@value #PELVIS_DEGREES}° of vertical) the estimate is
 * turned towards the twist by a critically damped second-order loop of time constant
 * {@value #TIME_CONSTANT_SECONDS} s, which also learns the drift's rate; in between (bends, twists,
 * hands and knees) the rate carries it on. A steady drift is so followed without lag. The offline
 * analysis has its own, acausal estimate ({@link HeadingDrift}).
 *
 * <p>Limit: a twist held within {@value #BAND_DEGREES}° of neutral for much longer than
 * {@value #TIME_CONSTANT_SECONDS} s is taken for drift as well.
 */
final class LiveHeadingDrift {

    /** Time constant of the loop, s of upright near-neutral time (default 20). */
    static final double TIME_CONSTANT_SECONDS = 20;
    /** The trunk counts as upright and near neutral when flexion and side bend are within this, degrees (default 10). */
    static final double UPRIGHT_DEGREES = 10;
    /** ... and the pelvis within this of vertical, degrees (default 30; on hands and knees the drift shows as side bend). */
    static final double PELVIS_DEGREES = 30;
    /** A twist further out than this is a movement, not drift: only the rate carries the estimate on, degrees (default 5). */
    static final double BAND_DEGREES = 5;
    /** The drift rate assumed at most, °/s (default 0.2; what a stand leaves of a gyroscope offset is far smaller). */
    static final double MAXIMUM_RATE_DEGREES_PER_SECOND = 0.2;
    /** Samples further apart than this are a gap: the estimate is not carried across it, s. */
    static final double GAP_SECONDS = 1;

    private double driftRadians;
    private double rateRadiansPerSecond;
    private double updatedSeconds = Double.NaN;

    /**
     * Takes the live angles at {@code timeSeconds} (with the current estimate already taken out) and
     * the pelvis' inclination from vertical (asked only when the angles are near neutral); returns the
     * drift estimate, radians: the upper segment's heading is turned by it about the vertical (a twist
     * to the right is a clockwise turn of the upper segment seen from above, so turning it back
     * counter-clockwise by the twist removes it).
     */
    double update(double timeSeconds, SpinalAngles angles, DoubleSupplier pelvisInclinationDegrees) {
        double stepSeconds = Double.isNaN(updatedSeconds) ? 0 : timeSeconds - updatedSeconds;
        updatedSeconds = timeSeconds;
        if (!(stepSeconds > 0) || stepSeconds > GAP_SECONDS) {
            return driftRadians;
        }
        driftRadians += rateRadiansPerSecond * stepSeconds;
        if (Math.abs(angles.flexionDegrees()) <= UPRIGHT_DEGREES && Math.abs(angles.sideBendDegrees()) <= UPRIGHT_DEGREES
                && Math.abs(angles.twistDegrees()) <= BAND_DEGREES && pelvisInclinationDegrees.getAsDouble() <= PELVIS_DEGREES) {
            double residual = Math.toRadians(angles.twistDegrees());
            driftRadians += residual * Math.min(1, 2 * stepSeconds / TIME_CONSTANT_SECONDS);
            double maximumRate = Math.toRadians(MAXIMUM_RATE_DEGREES_PER_SECOND);
            rateRadiansPerSecond = Math.max(-maximumRate, Math.min(maximumRate,
                    rateRadiansPerSecond + residual * stepSeconds / (TIME_CONSTANT_SECONDS * TIME_CONSTANT_SECONDS)));
        }
        return driftRadians;
    }

    /** The drift rate learned so far, °/s. */
    double rateDegreesPerSecond() {
        return Math.toDegrees(rateRadiansPerSecond);
    }
}
