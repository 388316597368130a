// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadingDriftTest {

    private static final double RATE_HZ = 50;

    /** Twists to alternating sides: 2 s out, 3 s held at 30°, 2 s back, 3 s upright; degrees. */
    private static double alternatingTwistsDegrees(double seconds) {
        double inCycle = seconds % 20;
        double side = inCycle < 10 ? 1 : -1;
        double t = inCycle % 10;
        double amount = t < 2 ? t / 2 : t < 5 ? 1 : t < 7 ? 1 - (t - 5) / 2 : 0;
        return side * 30 * amount;
    }

    private static double[] times(double seconds) {
        double[] time = new double[(int) (seconds * RATE_HZ)];
        for (int index = 0; index < time.length; index++) {
            time[index] = index / RATE_HZ;
        }
        return time;
    }

    @Test
    void estimate_steadyDriftUnderAlternatingTwists_followsTheDriftNotTheTwists() {
        double[] time = times(300);
        double[] heading = new double[time.length];
        double driftDegreesPerSecond = 1.2;
        for (int index = 0; index < time.length; index++) {
            heading[index] = Math.toRadians(alternatingTwistsDegrees(time[index]) + driftDegreesPerSecond * time[index]);
        }
        double[] drift = HeadingDrift.estimate(time, heading, 0);
        double worst = 0;
        for (int index = 0; index < time.length; index++) {
            worst = Math.max(worst, Math.abs(Math.toDegrees(drift[index]) - driftDegreesPerSecond * time[index]));
        }
        assertTrue(worst < 3, "worst drift error " + worst + "° of a 360° drift");
    }

    @Test
    void estimate_noDriftUnderAlternatingTwists_staysNearZero() {
        double[] time = times(300);
        double[] heading = new double[time.length];
        for (int index = 0; index < time.length; index++) {
            heading[index] = Math.toRadians(alternatingTwistsDegrees(time[index]));
        }
        double[] drift = HeadingDrift.estimate(time, heading, 0);
        for (double value : drift) {
            assertTrue(Math.abs(Math.toDegrees(value)) < 1.5, "drift " + Math.toDegrees(value) + "° where there is none");
        }
    }

    @Test
    void estimate_driftThatSpeedsUp_isFollowedWithinAFewDegrees() {
        // an offset that grows by 0.1 °/s per minute, from 0.5 °/s: 10 minutes of twists, then a stand
        double[] time = times(608);
        double[] heading = new double[time.length];
        double[] truth = new double[time.length];
        for (int index = 0; index < time.length; index++) {
            double t = time[index];
            truth[index] = 0.5 * t + 0.1 / 60 * t * t / 2;
            heading[index] = Math.toRadians((t < 600 ? alternatingTwistsDegrees(t) : 0) + truth[index]);
        }
        double[] drift = HeadingDrift.estimate(time, heading, 0);
        for (int index = 0; index < time.length; index++) {
            assertEquals(truth[index], Math.toDegrees(drift[index]), 4, "at " + time[index] + " s");
        }
    }

    @Test
    void estimate_recordingShorterThanHalfAKnot_isNoDrift() {
        double[] time = times(20);
        double[] heading = new double[time.length];
        for (int index = 0; index < time.length; index++) {
            heading[index] = Math.toRadians(time[index]);
        }
        for (double value : HeadingDrift.estimate(time, heading, 0)) {
            assertEquals(0, value);
        }
    }

    @Test
    void estimate_beforeTheAnchor_isZero() {
        double[] time = times(120);
        double[] heading = new double[time.length];
        for (int index = 0; index < time.length; index++) {
            heading[index] = Math.toRadians(0.8 * (time[index] - 5));
        }
        double[] drift = HeadingDrift.estimate(time, heading, 5);
        for (int index = 0; index < time.length; index++) {
            if (time[index] <= 5) {
                assertEquals(0, drift[index]);
            } else {
                assertEquals(0.8 * (time[index] - 5), Math.toDegrees(drift[index]), 0.5, "at " + time[index] + " s");
            }
        }
    }
    @Test
    void estimate_anchorNearTheEnd_followsTheDriftBeforeIt() {
        // a recording that begins moving, its neutral found in the stand at its end (at 118 s): twists
        // under a drift of -0.6 °/s, which the heading shows relative to the anchor
        double[] time = times(120);
        double[] heading = new double[time.length];
        double anchorSeconds = 118;
        for (int index = 0; index < time.length; index++) {
            double t = time[index];
            heading[index] = Math.toRadians((t < 110 ? alternatingTwistsDegrees(t) : 0) - 0.6 * (t - anchorSeconds));
        }
        double[] drift = HeadingDrift.estimate(time, heading, anchorSeconds);
        for (int index = 0; index < time.length; index++) {
            assertEquals(-0.6 * (time[index] - anchorSeconds), Math.toDegrees(drift[index]), 3, "at " + time[index] + " s");
        }
    }
}
