// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiveHeadingDriftTest {

    private static final double RATE_HZ = 100;

    /** Flexion of a cat-cow flow: 10 s cycles to +20° and -15°. */
    private static double flowFlexionDegrees(double seconds) {
        double wave = Math.sin(2 * Math.PI * seconds / 10);
        return wave > 0 ? 20 * wave : 15 * wave;
    }

    @Test
    void update_steadyDriftThroughACatCowFlow_isFollowedWithinATenthOfADegree() {
        LiveHeadingDrift drift = new LiveHeadingDrift();
        double driftDegreesPerSecond = 0.04;
        double estimate = 0;
        double worstLastFiveMinutes = 0;
        for (int sample = 0; sample < 600 * RATE_HZ; sample++) {
            double time = sample / RATE_HZ;
            double flexion = flowFlexionDegrees(time);
            // upright, the relative heading's error shows as twist; bent, partly as side bend
            double error = driftDegreesPerSecond * time - Math.toDegrees(estimate);
            double twist = error * Math.cos(Math.toRadians(flexion));
            double sideBend = error * Math.sin(Math.toRadians(flexion));
            estimate = drift.update(time, new SpinalAngles(flexion, sideBend, twist), () -> 0);
            if (time >= 300) {
                worstLastFiveMinutes = Math.max(worstLastFiveMinutes, Math.abs(error));
            }
        }
        assertTrue(worstLastFiveMinutes < 0.1, "worst " + worstLastFiveMinutes + "° of a 24° drift");
        assertEquals(driftDegreesPerSecond, drift.rateDegreesPerSecond(), 0.002);
    }

    @Test
    void update_twistRepetitionsAndHandsAndKnees_leaveTheEstimateAlone() {
        LiveHeadingDrift drift = new LiveHeadingDrift();
        double estimate = 0;
        for (int sample = 0; sample < 120 * RATE_HZ; sample++) {
            double time = sample / RATE_HZ;
            // twists of 30° to either side, back to neutral for a moment between them
            double twist = 30 * Math.sin(2 * Math.PI * time / 8);
            estimate = drift.update(time, new SpinalAngles(0, 0, twist), () -> 0);
        }
        // the moments near neutral are symmetric: what they add cancels
        assertEquals(0, Math.toDegrees(estimate), 0.3);
        for (int sample = 0; sample < 60 * RATE_HZ; sample++) {
            double time = 120 + sample / RATE_HZ;
            // on hands and knees a 3° twist (a bent back, a turned head) is not drift
            estimate = drift.update(time, new SpinalAngles(5, 0, 3), () -> 85);
        }
        assertEquals(0, Math.toDegrees(estimate), 0.5);
    }
}
