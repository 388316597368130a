// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.math.LinearSystem;

/**
 * The slow drift of the two segments' relative heading (rotation about earth's vertical): what the
 * gyroscope offsets about the vertical leave when no long stand measured them, or when they change
 * after it.
 *
 * <p>A 6D orientation's heading integrates the gyroscope's offset about the vertical, which no
 * accelerometer sees. A neutral stand of a few seconds measures that offset at rest; a stand under a
 * second (or none: real recordings often start moving at once) leaves up to the sensors' whole
 * offset difference, which in recordings of people reaches 1.4 °/s of twist drift (and, on hands
 * and knees, where the trunk's vertical is its back normal, side bend drift). The true relative
 * heading (twist when upright, side bend when on hands and knees) swings to either side and comes
 * back; the drift does not come back. So the drift is the smooth trend that follows the relative
 * heading most of the time: a continuous piecewise-linear curve (knots at most
 * {@value #KNOT_SECONDS} s apart, bending as little as the data allows) fitted with a robust
 * (Huber) loss that lets excursions beyond {@value #ROBUST_DEGREES}° count little, zero at the
 * neutral, on either side of it.
 *
 * <p>Limit: a session that spends most of a minute twisted (or, on hands and knees, bent) to one
 * side, with no neutral stand, looks like drift to this fit and has that part taken out.
 */
final class HeadingDrift {

    /** Spacing of the drift curve's knots, s: a gyroscope offset changes over minutes. */
    static final double KNOT_SECONDS = 60;
    /** Residuals beyond this weigh less and less (Huber loss): repetitions, not drift, degrees. */
    static final double ROBUST_DEGREES = 2;
    /** The drift's relative heading is sampled at this rate for the fit, Hz. */
    static final double FIT_RATE_HZ = 10;
    /**
     * Weight of a change of the drift rate at a knot against one second of data (both in radians
     * squared): the offset is nearly constant, so a bend must be paid for by many seconds of misfit.
     */
    static final double BEND_WEIGHT_PER_SECOND = 10;
    /** Reweighting rounds of the robust fit. */
    static final int ROUNDS = 20;

    private HeadingDrift() {
    }

    /**
     * The drift at every sample, radians: zero at {@code anchorSeconds}, fitted on each side of it
     * alone, and zero on a side that is shorter than half a knot spacing (too short to tell a drift
     * from a movement). The neutral is not always at the start: a recording that begins moving finds
     * it at its first still stretch in the starting posture, which may come late (its end stand), and
     * the drift up to it is as real as the drift after it.
     *
     * @param time sample times, s, non-decreasing
     * @param heading relative heading per sample, radians, unwrapped
     * @param anchorSeconds where the heading is known to be right (the neutral)
     */
    static double[] estimate(double[] time, double[] heading, double anchorSeconds) {
        double[] drift = afterAnchor(time, heading, anchorSeconds);
        // before the anchor: the same fit on that part mirrored about the anchor (time running backwards from it)
        int n = time.length;
        if (n == 0 || anchorSeconds - time[0] < KNOT_SECONDS / 2) {
            return drift;
        }
        int last = 0;
        while (last < n - 1 && time[last] < anchorSeconds) {
            last++;
        }
        double[] mirroredTime = new double[last + 1];
        double[] mirroredHeading = new double[last + 1];
        for (int index = 0; index <= last; index++) {
            mirroredTime[index] = 2 * anchorSeconds - time[last - index];
            mirroredHeading[index] = heading[last - index];
        }
        double[] before = afterAnchor(mirroredTime, mirroredHeading, anchorSeconds);
        for (int index = 0; index <= last; index++) {
            if (time[index] < anchorSeconds) {
                drift[index] = before[last - index];
            }
        }
        return drift;
    }

    /** The drift after {@code anchorSeconds} (zero at and before it), as {@link #estimate} describes. */
    private static double[] afterAnchor(double[] time, double[] heading, double anchorSeconds) {
        int n = time.length;
        double[] drift = new double[n];
        if (n == 0 || time[n - 1] - anchorSeconds < KNOT_SECONDS / 2) {
            return drift;
        }
        // knots evenly spread from the anchor to the last sample, at most KNOT_SECONDS apart
        int knots = (int) Math.ceil((time[n - 1] - anchorSeconds) / KNOT_SECONDS) + 1;
        double knotSeconds = (time[n - 1] - anchorSeconds) / (knots - 1);
        double anchorHeading = headingAt(time, heading, anchorSeconds);
        // samples for the fit, FIT_RATE_HZ after the anchor
        int stride = Math.max(1, (int) Math.round(n / Math.max(1e-9, time[n - 1] - time[0]) / FIT_RATE_HZ));
        int count = 0;
        for (int index = 0; index < n; index += stride) {
            count += time[index] > anchorSeconds ? 1 : 0;
        }
        double[] position = new double[count];
        double[] value = new double[count];
        int sample = 0;
        for (int index = 0; index < n; index += stride) {
            if (time[index] > anchorSeconds) {
                position[sample] = (time[index] - anchorSeconds) / knotSeconds;
                value[sample] = heading[index] - anchorHeading;
                sample++;
            }
        }
        double[] weight = new double[count];
        java.util.Arrays.fill(weight, 1);
        double robust = Math.toRadians(ROBUST_DEGREES);
        double secondsPerSample = stride * (time[n - 1] - time[0]) / Math.max(1, n - 1);
        double bend = BEND_WEIGHT_PER_SECOND / secondsPerSample;
        double[] knotValues = new double[knots];
        for (int round = 0; round < ROUNDS; round++) {
            // unknowns: knot values 1..knots-1 (knot 0, the anchor, is zero)
            int unknowns = knots - 1;
            double[] matrix = new double[unknowns * unknowns];
            double[] right = new double[unknowns];
            for (int s = 0; s < count; s++) {
                int left = Math.min((int) position[s], knots - 2);
                double fraction = position[s] - left;
                double w = weight[s];
                int[] at = {left - 1, left};
                double[] basis = {1 - fraction, fraction};
                for (int a = 0; a < 2; a++) {
                    if (at[a] < 0) {
                        continue;
                    }
                    right[at[a]] += w * basis[a] * value[s];
                    for (int b = 0; b < 2; b++) {
                        if (at[b] >= 0) {
                            matrix[at[a] * unknowns + at[b]] += w * basis[a] * basis[b];
                        }
                    }
                }
            }
            // bending: (v[k+1] - 2 v[k] + v[k-1])² for every inner knot k, v[0] = 0
            for (int k = 1; k < knots - 1; k++) {
                int[] at = {k - 2, k - 1, k};
                double[] coefficient = {1, -2, 1};
                for (int a = 0; a < 3; a++) {
                    if (at[a] < 0) {
                        continue;
                    }
                    for (int b = 0; b < 3; b++) {
                        if (at[b] >= 0) {
                            matrix[at[a] * unknowns + at[b]] += bend * coefficient[a] * coefficient[b];
                        }
                    }
                }
            }
            double[] solution = LinearSystem.solve(matrix, right);
            if (solution == null) {
                return drift;
            }
            knotValues[0] = 0;
            System.arraycopy(solution, 0, knotValues, 1, unknowns);
            for (int s = 0; s < count; s++) {
                double residual = Math.abs(value[s] - curve(knotValues, position[s]));
                weight[s] = residual <= robust ? 1 : robust / residual;
            }
        }
        for (int index = 0; index < n; index++) {
            drift[index] = time[index] <= anchorSeconds ? 0
                    : curve(knotValues, (time[index] - anchorSeconds) / knotSeconds);
        }
        return drift;
    }

    private static double curve(double[] knotValues, double position) {
        int left = Math.min((int) position, knotValues.length - 2);
        double fraction = position - left;
        return (1 - fraction) * knotValues[left] + fraction * knotValues[left + 1];
    }

    private static double headingAt(double[] time, double[] heading, double seconds) {
        int found = java.util.Arrays.binarySearch(time, seconds);
        int index = found >= 0 ? found : Math.min(time.length - 1, -found - 1);
        return heading[index];
    }
}
