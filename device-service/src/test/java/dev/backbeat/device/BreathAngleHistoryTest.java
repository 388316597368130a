// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BreathAngleHistoryTest {

    @Test
    void add_200HzForAMinute_keeps40PointsASecondOfRunMeans() {
        BreathAngleHistory history = new BreathAngleHistory(200);
        assertEquals(5, history.decimation());
        for (int sample = 0; sample < 200 * 60; sample++) {
            double time = sample / 200.0;
            history.add(time, sample, 2.0 * sample, -sample);
        }
        double[][] kept = history.toArrays();
        assertEquals(40 * 60, kept[0].length);
        // the first point is the mean of samples 0..4
        assertEquals(0.01, kept[0][0], 1e-6);
        assertArrayEquals(new double[] {2, 4, -2}, new double[] {kept[1][0], kept[2][0], kept[3][0]}, 1e-6);
        // 16 bytes a point: a minute is 2 400 points, within the first 4 096-point block (64 KB)
        assertEquals(4 * BreathAngleHistory.BLOCK_POINTS * Float.BYTES, history.bytes());
    }

    @Test
    void add_aGapInsideARun_closesTheRunBeforeIt() {
        BreathAngleHistory history = new BreathAngleHistory(100); // runs of 2
        history.add(0.00, 1, 1, 1);
        history.add(0.50, 3, 3, 3); // half a second later: a gap, not the run's second sample
        history.add(0.51, 5, 5, 5);
        double[][] kept = history.toArrays();
        assertArrayEquals(new double[] {0.00, 0.505}, kept[0], 1e-6);
        assertArrayEquals(new double[] {1, 4}, kept[1], 1e-6);
    }

    @Test
    void add_anHourAt200Hz_holds2Point3Megabytes() {
        BreathAngleHistory history = new BreathAngleHistory(200);
        for (int sample = 0; sample < 200 * 3600; sample++) {
            history.add(sample / 200.0, 0, 0, 0);
        }
        assertEquals(40 * 3600, history.size());
        long bytes = history.bytes();
        assertTrue(bytes >= 16L * 40 * 3600 && bytes <= 16L * 40 * 3600 + 4 * BreathAngleHistory.BLOCK_POINTS * Float.BYTES,
                bytes + " bytes");
    }

    @Test
    void constructor_nonPositiveRate_throws() {
        assertThrows(IllegalArgumentException.class, () -> new BreathAngleHistory(0));
    }
}
