// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BreathEstimatorTest {

    private static final double RATE_HZ = 100;

    /** Breaths of the given lengths (s), each an inhale (extension) over 40 % then an exhale, then a pause of 20 %. */
    private static double breathing(double time, double[] lengths, double amplitudeDegrees) {
        double start = 0;
        int breath = 0;
        while (time >= start + lengths[breath % lengths.length]) {
            start += lengths[breath % lengths.length];
            breath++;
        }
        double phase = (time - start) / lengths[breath % lengths.length];
        double shape = phase < 0.4 ? 0.5 - 0.5 * Math.cos(Math.PI * phase / 0.4)
                : phase < 0.8 ? 0.5 + 0.5 * Math.cos(Math.PI * (phase - 0.4) / 0.4) : 0;
        return -amplitudeDegrees * shape;
    }

    @Test
    void estimate_irregularBreathsInAThirtySecondHold_countsWholeBreaths() {
        double[] lengths = {3.7, 7.2, 5.0, 8.4, 4.6, 6.1};
        int n = (int) (30 * RATE_HZ);
        double[] time = new double[n];
        double[][] angles = new double[3][n];
        for (int index = 0; index < n; index++) {
            time[index] = index / RATE_HZ;
            angles[0][index] = -15 + breathing(time[index], lengths, 0.6) + 0.02 * Math.sin(2 * Math.PI * 9 * time[index]);
        }
        List<BreathWindow> windows = new BreathEstimator(BreathSettings.DEFAULTS)
                .estimate(time, angles, List.of(new Hold(0, time[n - 1], -15, 0, 0)));
        assertEquals(1, windows.size(), windows.toString());
        BreathWindow window = windows.get(0);
        // 30 s hold 5.54 breaths (lengths sum to 35 s): 11.1 breaths/min on average
        double meanLength = (3.7 + 7.2 + 5.0 + 8.4 + 4.6 + 6.1) / 6;
        assertEquals(60 / meanLength, window.rateBreathsPerMinute(), 1.0, window.toString());
        assertTrue(window.quality() >= 0.5, window.toString());
    }

    @Test
    void estimate_movementInsideTheWindow_reportsNothing() {
        int n = (int) (20 * RATE_HZ);
        double[] time = new double[n];
        double[][] angles = new double[3][n];
        for (int index = 0; index < n; index++) {
            time[index] = index / RATE_HZ;
            // a 4° sway back and forth, far more than breathing
            angles[0][index] = 4 * Math.sin(2 * Math.PI * time[index] / 8);
        }
        List<BreathWindow> windows = new BreathEstimator(BreathSettings.DEFAULTS)
                .estimate(time, angles, List.of(new Hold(0, time[n - 1], 0, 0, 0)));
        assertTrue(windows.isEmpty(), windows.toString());
    }

    @Test
    void breaths_crossingsOfOneDirection_spanWholeBreaths() {
        double[] component = new double[300];
        for (int index = 0; index < component.length; index++) {
            component[index] = Math.sin(2 * Math.PI * index / 50.0); // 5 s breaths at 10 Hz
        }
        BreathEstimator.Breaths breaths = BreathEstimator.breaths(component, Math.sqrt(0.5));
        assertNotNull(breaths);
        assertEquals(5.0, breaths.meanPeriodSeconds(), 0.05);
        assertEquals(5, breaths.longestCount());
    }

    @Test
    void breaths_partBreathsAtTheWindowEnds_countAsFractions() {
        // 5 s breaths at 10 Hz over 13.75 s, starting a quarter breath in: 2.75 breaths
        double[] component = new double[138];
        for (int index = 0; index < component.length; index++) {
            component[index] = Math.sin(2 * Math.PI * (index / 50.0 + 0.25));
        }
        BreathEstimator.Breaths breaths = BreathEstimator.breaths(component, Math.sqrt(0.5));
        assertNotNull(breaths);
        assertEquals(2.75, breaths.cycles(), 0.05);
    }

    @Test
    void estimate_breathSlowingAsTheHoldBegins_reportsTheRateOverTheWindow() {
        // two quick breaths (4 s) as the hold begins, then slow ones (11 s): 20 s window
        double[] lengths = {4, 4, 11, 11, 11};
        List<BreathWindow> windows = breathingInAHold(20, lengths);
        assertEquals(1, windows.size(), windows.toString());
        BreathWindow window = windows.get(0);
        double truth = 60 * (breathsBefore(window.endSeconds(), lengths) - breathsBefore(window.startSeconds(), lengths))
                / (window.endSeconds() - window.startSeconds());
        assertEquals(truth, window.rateBreathsPerMinute(), 0.7, windows.toString());
    }

    /** The windows of a hold of {@code seconds} at 15° extension with breaths of the given lengths (0.6° deep). */
    private static List<BreathWindow> breathingInAHold(double seconds, double[] lengths) {
        int n = (int) (seconds * RATE_HZ);
        double[] time = new double[n];
        double[][] angles = new double[3][n];
        for (int index = 0; index < n; index++) {
            time[index] = index / RATE_HZ;
            angles[0][index] = -15 + breathing(time[index], lengths, 0.6);
        }
        return new BreathEstimator(BreathSettings.DEFAULTS)
                .estimate(time, angles, List.of(new Hold(0, time[n - 1], -15, 0, 0)));
    }

    /** Breaths (with the part of the one under way) from 0 to {@code time}. */
    private static double breathsBefore(double time, double[] lengths) {
        double start = 0;
        int breath = 0;
        while (time >= start + lengths[breath % lengths.length]) {
            start += lengths[breath % lengths.length];
            breath++;
        }
        return breath + (time - start) / lengths[breath % lengths.length];
    }

    @Test
    void estimate_nineSecondHold_reportsItsRate() {
        List<BreathWindow> windows = breathingInAHold(9, new double[] {5.0});
        assertEquals(1, windows.size(), windows.toString());
        assertEquals(12, windows.get(0).rateBreathsPerMinute(), 0.7, windows.toString());
    }
}
