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
        // 16 bytes a point, allocated once: 10 minutes of 40 points a second
        assertEquals(16L * 40 * 600, history.bytes());
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
    void add_anHourAt200Hz_holdsTheLastTenMinutesInTheSameMemory() {
        BreathAngleHistory history = new BreathAngleHistory(200);
        long before = history.bytes();
        for (int sample = 0; sample < 200 * 3600; sample++) {
            history.add(sample / 200.0, sample / 200.0, 0, 0);
        }
        assertEquals(40 * 3600, history.size());
        assertEquals(before, history.bytes(), "no growth");
        double[][] kept = history.toArrays();
        assertEquals(40 * 600, kept[0].length, "the last 10 minutes");
        assertEquals(3000.01, kept[0][0], 1e-3);
        assertEquals(3599.985, kept[0][kept[0].length - 1], 1e-3);
        double[][] window = history.toArrays(3500, 3510);
        assertEquals(400, window[0].length, "10 s of 40 points a second");
        assertEquals(3500, window[1][0], 0.05, "flexion follows its time");
    }

    @Test
    void toArrays_rangeBeforeTheRing_isEmpty() {
        BreathAngleHistory history = new BreathAngleHistory(200, 10);
        for (int sample = 0; sample < 200 * 30; sample++) {
            history.add(sample / 200.0, 0, 0, 0);
        }
        assertEquals(0, history.toArrays(0, 15)[0].length);
        assertEquals(40 * 5, history.toArrays(20, 25)[0].length, 1);
    }

    @Test
    void constructor_nonPositiveRate_throws() {
        assertThrows(IllegalArgumentException.class, () -> new BreathAngleHistory(0));
    }
}
