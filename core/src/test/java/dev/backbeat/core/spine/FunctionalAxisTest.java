// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.math.Quaternion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionalAxisTest {

    private static final double RATE_HZ = 100;

    /** Angular rates in the segment frame (the mount is the identity): one sample per entry of {@code directions}. */
    private static double[] rates(List<double[]> directionsAndSpeeds) {
        double[] rate = new double[3 * directionsAndSpeeds.size()];
        for (int index = 0; index < directionsAndSpeeds.size(); index++) {
            double direction = Math.toRadians(directionsAndSpeeds.get(index)[0]);
            double speed = Math.toRadians(directionsAndSpeeds.get(index)[1]);
            rate[3 * index + 1] = speed * Math.cos(direction);
            rate[3 * index + 2] = speed * Math.sin(direction);
        }
        return rate;
    }

    @Test
    void estimate_bendsAboutAnAxisTurnedFiveDegrees_findsFiveDegrees() {
        List<double[]> samples = new ArrayList<>();
        for (int bend = 0; bend < 6; bend++) {
            for (int sample = 0; sample < 150; sample++) {
                // forward and back: the same axis either way
                samples.add(new double[] {bend % 2 == 0 ? 5 : 185, 30});
            }
        }
        FunctionalAxis axis = FunctionalAxis.estimate(rates(samples), Quaternion.IDENTITY, RATE_HZ);
        assertTrue(axis.found(), axis.toString());
        assertEquals(5, Math.toDegrees(axis.correctionRadians()), 0.1);
    }

    @Test
    void estimate_coupledSideBendsOnly_walkingTowardsOneSidesAxis_correctsNothing() {
        // side bends with coupled flexion and no bend about y: the left bends' axis sweeps from y to
        // 57° (the flexion leads, the side bend follows, ever faster), the right bends' stays at -57°;
        // the strap is not turned about the spine at all
        List<double[]> samples = new ArrayList<>();
        for (int bend = 0; bend < 8; bend++) {
            for (int sample = 0; sample < 150; sample++) {
                double fraction = sample / 149.0;
                samples.add(bend % 2 == 0 ? new double[] {57 * fraction, 10 + 60 * fraction} : new double[] {-57, 40});
            }
        }
        FunctionalAxis axis = FunctionalAxis.estimate(rates(samples), Quaternion.IDENTITY, RATE_HZ);
        assertFalse(axis.found(), "a correction of " + Math.toDegrees(axis.correctionRadians()) + "°");
        assertEquals(0, axis.correctionRadians());
    }
}
