// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.orientation;

/**
 * The BROAD error metric (Laidig et al. 2021, as described in shared/data/broad/README.md): for each
 * sample with ground truth and {@code movement = 1}, the error quaternion {@code e = q_est ⊗ q_opt*}
 * (earth frame) gives total error {@code 2 acos|w|}, heading error {@code 2 atan|z/w|} and inclination
 * error {@code 2 acos √(w² + z²)}; RMSE over the samples, in degrees.
 */
public final class OrientationErrorMetric {

    /** RMSE in degrees of one trial. */
    public record TrialErrors(double totalDegrees, double headingDegrees, double inclinationDegrees) {
    }

    private OrientationErrorMetric() {
    }

    /**
     * @param estimate interleaved w, x, y, z per sample
     * @param headingOffsetRadians a constant rotation about the earth z axis applied to the estimate first
     */
    public static TrialErrors evaluate(BroadTrial trial, double[] estimate, double headingOffsetRadians) {
        double c = Math.cos(headingOffsetRadians / 2);
        double s = Math.sin(headingOffsetRadians / 2);
        double[] truth = trial.truth();
        boolean[] movement = trial.movement();
        double sumTotal = 0;
        double sumHeading = 0;
        double sumInclination = 0;
        int count = 0;
        for (int i = 0; i < movement.length; i++) {
            if (!movement[i]) {
                continue;
            }
            double ow = truth[4 * i], ox = truth[4 * i + 1], oy = truth[4 * i + 2], oz = truth[4 * i + 3];
            if (!(Double.isFinite(ow) && Double.isFinite(ox) && Double.isFinite(oy) && Double.isFinite(oz))) {
                continue;
            }
            double on = Math.sqrt(ow * ow + ox * ox + oy * oy + oz * oz);
            ow /= on;
            ox = -ox / on; // conjugate
            oy = -oy / on;
            oz = -oz / on;
            double ew0 = estimate[4 * i], ex0 = estimate[4 * i + 1], ey0 = estimate[4 * i + 2], ez0 = estimate[4 * i + 3];
            // heading offset: (c, 0, 0, s) ⊗ estimate
            double qw = c * ew0 - s * ez0;
            double qx = c * ex0 - s * ey0;
            double qy = c * ey0 + s * ex0;
            double qz = c * ez0 + s * ew0;
            double qn = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
            qw /= qn;
            qx /= qn;
            qy /= qn;
            qz /= qn;
            double w = qw * ow - qx * ox - qy * oy - qz * oz;
            double z = qw * oz + qx * oy - qy * ox + qz * ow;
            double total = 2 * Math.acos(Math.min(1, Math.abs(w)));
            double heading = 2 * Math.atan(Math.abs(z / w));
            double inclination = 2 * Math.acos(Math.min(1, Math.sqrt(w * w + z * z)));
            sumTotal += total * total;
            sumHeading += heading * heading;
            sumInclination += inclination * inclination;
            count++;
        }
        return new TrialErrors(
                Math.toDegrees(Math.sqrt(sumTotal / count)),
                Math.toDegrees(Math.sqrt(sumHeading / count)),
                Math.toDegrees(Math.sqrt(sumInclination / count)));
    }

    /**
     * The total RMSE after removing the one constant heading offset that minimises it (for 6D
     * estimates, whose heading is unobservable): a 1° grid search refined by golden-section search.
     */
    public static TrialErrors evaluateBestHeading(BroadTrial trial, double[] estimate) {
        double bestOffset = 0;
        double bestTotal = Double.POSITIVE_INFINITY;
        for (int degrees = -180; degrees < 180; degrees += 1) {
            double offset = Math.toRadians(degrees);
            double total = evaluate(trial, estimate, offset).totalDegrees();
            if (total < bestTotal) {
                bestTotal = total;
                bestOffset = offset;
            }
        }
        double low = bestOffset - Math.toRadians(1);
        double high = bestOffset + Math.toRadians(1);
        double ratio = (Math.sqrt(5) - 1) / 2;
        for (int iteration = 0; iteration < 40; iteration++) {
            double a = high - ratio * (high - low);
            double b = low + ratio * (high - low);
            if (evaluate(trial, estimate, a).totalDegrees() < evaluate(trial, estimate, b).totalDegrees()) {
                high = b;
            } else {
                low = a;
            }
        }
        return evaluate(trial, estimate, (low + high) / 2);
    }
}
