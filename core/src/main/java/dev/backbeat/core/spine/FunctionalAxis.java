// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;

/**
 * A sensor's rotation about the segment's long (x) axis, found from the session's own movements: a
 * functional calibration.
 *
 * <p>A neutral stand shows each sensor where up is, but not how far the strap is turned about the
 * spine: with the spine vertical that rotation is a heading, which gravity cannot reveal. Left
 * uncorrected, about sin 5° of each flexion leaks into side bend, and on hands and knees (spine
 * horizontal) the whole offset shows up as side bend and twist.
 *
 * <p>Every forward or backward bend, hip hinge and move to hands and knees turns the segment about
 * its medio-lateral (y) axis. So the angular rate, expressed in the segment frame of the gravity
 * calibration, points along y, turned about x by the unknown angle. This takes the rate's direction
 * in the y-z plane at every sample, weighted by the squared rate (fast, large bends count most), and
 * finds the dominant axis near y by an iterated, windowed axial mean (doubled angles, so a bend
 * forward and one back count alike). Side bends turn about z, 90° away, and fall outside the
 * window; twists turn about x and have no y-z component; side bends with coupled flexion lean the
 * axis one way on the left and the other on the right, and cancel.
 *
 * <p>Needs at least {@value #MINIMUM_ROTATION_DEGREES}° of rotation near the y axis in the whole
 * session, and an axis within {@value #FIRST_WINDOW_DEGREES}° of y (the strap turns no further);
 * otherwise nothing is corrected ({@link #found()} false).
 *
 * @param correctionRadians the axis' angle from y towards z, radians (0 when not found)
 * @param rotationDegrees how much rotation near the y axis the estimate rests on, degrees
 */
public record FunctionalAxis(double correctionRadians, double rotationDegrees) {

    /** Least rotation about the medio-lateral axis the estimate needs, degrees (two 15° bends). */
    static final double MINIMUM_ROTATION_DEGREES = 30;
    /** Samples turning slower than this in the y-z plane are ignored (noise, breathing, sway), °/s. */
    static final double MINIMUM_RATE_DEGREES_PER_SECOND = 5;
    /** Half-width of the first window around y, degrees: straps turned up to this far are found. */
    static final double FIRST_WINDOW_DEGREES = 25;
    /** Half-width of the final window around the estimate, degrees. */
    static final double FINAL_WINDOW_DEGREES = 12;
    static final int ITERATIONS = 6;

    public boolean found() {
        return rotationDegrees >= MINIMUM_ROTATION_DEGREES;
    }

    /**
     * @param angularRate interleaved x y z rad/s in the sensor frame, offset and bias removed
     * @param mount rotation from the sensor frame to the segment frame of the gravity calibration
     * @param sampleRateHz the samples' rate
     */
    public static FunctionalAxis estimate(double[] angularRate, Quaternion mount, double sampleRateHz) {
        int n = angularRate.length / 3;
        // rows 2 and 3 of the mount's rotation matrix: the segment's y and z components
        Vector3 yRow = mount.inverseRotate(Vector3.UNIT_Y);
        Vector3 zRow = mount.inverseRotate(Vector3.UNIT_Z);
        double minimumRate = Math.toRadians(MINIMUM_RATE_DEGREES_PER_SECOND);
        double[] angle = new double[n];
        double[] weight = new double[n];
        int used = 0;
        for (int index = 0; index < n; index++) {
            double x = angularRate[3 * index];
            double y = angularRate[3 * index + 1];
            double z = angularRate[3 * index + 2];
            double segmentY = yRow.x() * x + yRow.y() * y + yRow.z() * z;
            double segmentZ = zRow.x() * x + zRow.y() * y + zRow.z() * z;
            double squared = segmentY * segmentY + segmentZ * segmentZ;
            if (!(squared > minimumRate * minimumRate)) {
                continue;
            }
            double direction = Math.atan2(segmentZ, segmentY);
            // axial: a bend back (negative y) is the same axis
            if (direction > Math.PI / 2) {
                direction -= Math.PI;
            } else if (direction < -Math.PI / 2) {
                direction += Math.PI;
            }
            angle[used] = direction;
            weight[used] = squared;
            used++;
        }
        double centre = 0;
        double rotation = 0;
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double window = Math.toRadians(iteration == 0 ? FIRST_WINDOW_DEGREES
                    : FIRST_WINDOW_DEGREES + (FINAL_WINDOW_DEGREES - FIRST_WINDOW_DEGREES) * iteration / (ITERATIONS - 1));
            double sine = 0;
            double cosine = 0;
            double rotationRadians = 0;
            for (int sample = 0; sample < used; sample++) {
                double offset = angle[sample] - centre;
                if (Math.abs(offset) > window) {
                    continue;
                }
                sine += weight[sample] * Math.sin(2 * angle[sample]);
                cosine += weight[sample] * Math.cos(2 * angle[sample]);
                rotationRadians += Math.sqrt(weight[sample]) / sampleRateHz;
            }
            if (sine == 0 && cosine == 0) {
                return new FunctionalAxis(0, 0);
            }
            centre = 0.5 * Math.atan2(sine, cosine);
            rotation = Math.toDegrees(rotationRadians);
        }
        if (Math.abs(centre) > Math.toRadians(FIRST_WINDOW_DEGREES)) {
            // walked off to another axis: side bends with coupled flexion turn about axes 30–75° from
            // y, mirrored left and right; where no bend about y dominates, the window can follow one
            // side's. A strap is not turned that far about the spine: nothing is corrected
            return new FunctionalAxis(0, 0);
        }
        return rotation >= MINIMUM_ROTATION_DEGREES ? new FunctionalAxis(centre, rotation) : new FunctionalAxis(0, rotation);
    }
}
