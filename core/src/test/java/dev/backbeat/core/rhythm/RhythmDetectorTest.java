// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

class RhythmDetectorTest {

    private static final double RATE_HZ = 100;

    /** Feeds angles [flexion, side bend, twist] from {@code angles} for {@code seconds}. */
    private static RhythmDetector run(DoubleFunction<double[]> angles, double seconds, RhythmSettings settings) {
        RhythmDetector detector = new RhythmDetector(settings, RATE_HZ);
        for (int sample = 0; sample <= seconds * RATE_HZ; sample++) {
            double time = sample / RATE_HZ;
            double[] value = angles.apply(time);
            detector.update(time, value[0], value[1], value[2]);
        }
        detector.finish();
        return detector;
    }

    private static double smoothStep(double fraction) {
        return fraction <= 0 ? 0 : fraction >= 1 ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * fraction);
    }

    @Test
    void update_catCowCycles_countsFlexionExtensionRepetitions() {
        RhythmDetector detector = run(time -> {
            double wave = time < 2 || time > 52 ? 0 : Math.sin(2 * Math.PI * (time - 2) / 10);
            return new double[] {wave > 0 ? 20 * wave : 15 * wave, 0, 0};
        }, 60, RhythmSettings.DEFAULTS);
        assertEquals(5, detector.repetitionCount());
        for (Repetition repetition : detector.repetitions()) {
            assertEquals(RepetitionKind.FLEXION_EXTENSION, repetition.kind());
            assertEquals(35, repetition.rangeDegrees(), 0.1);
            assertTrue(repetition.smoothness() < 0, "SPARC " + repetition.smoothness());
        }
    }

    @Test
    void update_twistsToBothSides_areSeparateRepetitionsToldApartByKind() {
        RhythmDetector detector = run(time -> {
            double phase = time % 20;
            double twist = phase < 8 ? 30 * Math.sin(Math.PI * phase / 8) : phase >= 10 && phase < 18
                    ? -30 * Math.sin(Math.PI * (phase - 10) / 8) : 0;
            return new double[] {0, 0, twist};
        }, 40, RhythmSettings.DEFAULTS);
        List<RepetitionKind> kinds = detector.repetitions().stream().map(Repetition::kind).toList();
        assertEquals(List.of(RepetitionKind.TWIST_RIGHT, RepetitionKind.TWIST_LEFT, RepetitionKind.TWIST_RIGHT,
                RepetitionKind.TWIST_LEFT), kinds);
    }

    @Test
    void update_extensionHeldThirtySeconds_findsTheHoldFromWithinTwoDegreesOfIt() {
        // neutral 5 s, 4 s down to -15°, hold 30 s (from 9 to 39 s), 4 s back up, neutral; the hold
        // begins where the movement comes within 2° of -15° (8.04 s) and ends where it leaves (39.96 s)
        RhythmDetector detector = run(time -> {
            double extension = time < 5 ? 0 : time < 9 ? 15 * smoothStep((time - 5) / 4)
                    : time < 39 ? 15 : 15 * (1 - smoothStep((time - 39) / 4));
            return new double[] {-extension + 0.3 * Math.sin(2 * Math.PI * time / 5), 0, 0};
        }, 50, RhythmSettings.DEFAULTS);
        Hold endRange = detector.holds().stream().filter(hold -> hold.meanFlexionDegrees() < -10).findFirst().orElseThrow();
        assertEquals(8.04, endRange.startSeconds(), 0.15);
        assertEquals(39.96, endRange.endSeconds(), 0.15);
        assertEquals(-15, endRange.meanFlexionDegrees(), 0.2);
    }

    @Test
    void update_loneSmallBend_countsOnlyWhenAnotherLikeItFollows() {
        // a 15° extension held 10 s; alone it could be leaning to sit down, a second makes it a set
        DoubleFunction<double[]> one = time -> {
            double extension = time < 5 ? 0 : time < 9 ? 15 * smoothStep((time - 5) / 4)
                    : time < 19 ? 15 : 15 * (1 - smoothStep((time - 19) / 4));
            return new double[] {-extension, 0, 0};
        };
        assertEquals(0, run(one, 35, RhythmSettings.DEFAULTS).repetitionCount());
        RhythmDetector two = run(time -> one.apply(time < 25 ? time : time - 25), 60, RhythmSettings.DEFAULTS);
        assertEquals(2, two.repetitionCount(), two.repetitions().toString());
        two.repetitions().forEach(repetition -> assertEquals(RepetitionKind.EXTENSION, repetition.kind()));
    }

    @Test
    void update_recordingBeginningOutsideTheNeutralBand_cutsOffTheExcursionUnderWay() {
        // a recording with no stand that begins as the wearer sits down (sim-dev dev_14 cut at its
        // stand's end, flexion every 0.25 s): its neutral is the seated posture, 3° more flexed than
        // standing, so it begins 3° in extension; the trunk leans 10° forward on the way down and
        // settles upright on the chair. The 3° it began in, of unknown start, is cut off and not
        // paired with the lean into a cat-cow cycle; alone, the lean is a bend under 20°.
        double[] flexion = {-3.2, -2.7, -0.8, 2.4, 6.1, 8.9, 10.0, 10.1, 9.3, 6.9, 3.8, 1.4, 0.4, 0.3, 0.2, 0.1, 0};
        DoubleFunction<double[]> sitDown = time -> {
            double position = Math.min(time / 0.25, flexion.length - 1);
            int before = (int) Math.min(position, flexion.length - 2);
            double fraction = position - before;
            return new double[] {flexion[before] + fraction * (flexion[before + 1] - flexion[before]), 0, 0};
        };
        assertEquals(List.of(), run(sitDown, 12, RhythmSettings.DEFAULTS).repetitions());
        // only the excursion under way is cut off: three cat-cow cycles after the same start all count
        RhythmDetector cycles = run(time -> {
            double wave = time < 0.5 || time > 30.5 ? 0 : Math.sin(2 * Math.PI * (time - 0.5) / 10);
            return new double[] {time < 0.5 ? -3 + 6 * time : wave > 0 ? 20 * wave : 15 * wave, 0, 0};
        }, 36, RhythmSettings.DEFAULTS);
        assertEquals(3, cycles.repetitionCount(), cycles.repetitions().toString());
    }

    @Test
    void update_endRangeHoldBeyondTheLimit_warnsOnce() {
        RhythmSettings settings = RhythmSettings.DEFAULTS.withEndRangeHoldLimitSeconds(10);
        RhythmDetector detector = new RhythmDetector(settings, RATE_HZ);
        int warnings = 0;
        double firstWarning = Double.NaN;
        for (int sample = 0; sample <= 40 * RATE_HZ; sample++) {
            double time = sample / RATE_HZ;
            double extension = time < 2 ? 15 * smoothStep(time / 2) : 15;
            detector.update(time, -extension, 0, 0);
            if (detector.endRangeHoldLimitExceeded()) {
                warnings++;
                firstWarning = time;
            }
        }
        assertEquals(1, warnings);
        assertEquals(12, firstWarning, 0.6);
    }

    @Test
    void update_holdLongerThanTheSampleHistory_isFoundWholeAndWarnsAtAHighLimit() {
        // 150 s at end range: longer than the detector's sample history (about 80 s at 100 Hz)
        RhythmSettings settings = RhythmSettings.DEFAULTS.withEndRangeHoldLimitSeconds(120);
        RhythmDetector detector = new RhythmDetector(settings, RATE_HZ);
        int warnings = 0;
        double warnedAt = Double.NaN;
        for (int sample = 0; sample <= 170 * RATE_HZ; sample++) {
            double time = sample / RATE_HZ;
            double extension = time < 5 ? 0 : time < 9 ? 15 * smoothStep((time - 5) / 4)
                    : time < 159 ? 15 : 15 * (1 - smoothStep((time - 159) / 4));
            detector.update(time, -extension, 0, 0);
            if (detector.endRangeHoldLimitExceeded()) {
                warnings++;
                warnedAt = time;
            }
        }
        detector.finish();
        assertEquals(1, warnings);
        assertEquals(8.04 + 120, warnedAt, 0.6);
        Hold endRange = detector.holds().stream().filter(hold -> hold.meanFlexionDegrees() < -10).findFirst().orElseThrow();
        assertEquals(8.04, endRange.startSeconds(), 0.15);
        assertEquals(159.96, endRange.endSeconds(), 0.15);
        assertEquals(-15, endRange.meanFlexionDegrees(), 0.05);
    }

    @Test
    void update_smallCycleAmongFullOnes_isPartialAndNotCounted() {
        double[] amplitudes = {20, 20, 20, 7, 20};
        RhythmDetector detector = run(time -> {
            int cycle = (int) (time / 10);
            double phase = time % 10;
            double amplitude = cycle < amplitudes.length ? amplitudes[cycle] : 0;
            return new double[] {phase < 6 ? amplitude * 1.5 * Math.sin(Math.PI * phase / 6) : 0, 0, 0};
        }, 50, RhythmSettings.DEFAULTS);
        List<Repetition> repetitions = detector.repetitions();
        assertEquals(5, repetitions.size());
        assertTrue(repetitions.get(3).partial());
        assertEquals(4, detector.repetitionCount());
    }

    /** Minimum-jerk step from 0 to 1 over {@code fraction} 0..1 (zero speed and acceleration at both ends). */
    private static double minimumJerk(double fraction) {
        double s = Math.max(0, Math.min(1, fraction));
        return s * s * s * (10 - 15 * s + 6 * s * s);
    }

    @Test
    void update_smallerCycleInAFlowSlowThroughNeutral_pairsItsOwnHalves() {
        // a cat-cow flow keyframed as people are simulated: each half moves out and back in 2.5 s each,
        // stopping at neutral; the fourth cycle is smaller (10° and 7.5°), so it spends 1.7 s within
        // 1.5° of neutral between its halves (the full ones 1.0 s), beyond the 1.5 s pairing window
        double[][] cycles = {{20, 15}, {20, 15}, {20, 15}, {10, 7.5}, {20, 15}, {20, 15}};
        RhythmDetector detector = run(time -> {
            double inFlow = time - 2;
            int cycle = (int) Math.floor(inFlow / 10);
            if (inFlow < 0 || cycle >= cycles.length) {
                return new double[] {0, 0, 0};
            }
            double phase = inFlow - 10 * cycle;
            int quarter = (int) (phase / 2.5);
            double step = minimumJerk((phase - 2.5 * quarter) / 2.5);
            double flexion = switch (quarter) {
                case 0 -> cycles[cycle][0] * step;
                case 1 -> cycles[cycle][0] * (1 - step);
                case 2 -> -cycles[cycle][1] * step;
                default -> -cycles[cycle][1] * (1 - step);
            };
            return new double[] {flexion, 0, 0};
        }, 66, RhythmSettings.DEFAULTS);
        List<Repetition> repetitions = detector.repetitions();
        assertEquals(cycles.length, repetitions.size(), repetitions.toString());
        for (int cycle = 0; cycle < cycles.length; cycle++) {
            Repetition repetition = repetitions.get(cycle);
            assertEquals(RepetitionKind.FLEXION_EXTENSION, repetition.kind(), repetition.toString());
            assertEquals(2 + 10 * cycle, repetition.startSeconds(), 1.0, repetition.toString());
            assertEquals(cycles[cycle][0] + cycles[cycle][1], repetition.rangeDegrees(), 0.5, repetition.toString());
        }
    }

    @Test
    void update_nonFiniteAngles_areSkipped() {
        RhythmDetector detector = run(time -> new double[] {Double.NaN, 0, 0}, 5, RhythmSettings.DEFAULTS);
        assertEquals(0, detector.repetitions().size());
        assertFalse(detector.endRangeHoldLimitExceeded());
    }

    @Test
    void update_catCowOnHandsAndKneesWithDriftingSideBend_countsEveryCycle() {
        // hands and knees: the posture's neutral is 3° of flexion, and side bend drifts by 0.05 °/s
        RhythmDetector detector = run(time -> {
            double neutral = time < 4 ? 3 * smoothStep(time / 4) : 3;
            double wave = time < 10 || time >= 90 ? 0 : Math.sin(2 * Math.PI * (time - 10) / 8);
            double flexion = neutral + (wave > 0 ? 25 * wave : 20 * wave);
            return new double[] {flexion, 0.05 * time, 0.3 * Math.sin(time)};
        }, 100, RhythmSettings.DEFAULTS);
        List<Repetition> counted = detector.repetitions().stream().filter(repetition -> !repetition.partial()).toList();
        assertEquals(10, counted.size(), detector.repetitions().toString());
        counted.forEach(repetition -> assertEquals(RepetitionKind.FLEXION_EXTENSION, repetition.kind()));
    }

    @Test
    void update_longFlowWithHeadingDrift_countIsFinalWhileRecording() {
        // a 10 s cat-cow cycle for 10 minutes, no hold anywhere; the sensors' relative heading drifts
        // by 10° over the session (as the simulated strap's 6D filters did on one seed): the twist
        // creeps to 10°, and the side bend by 6° plus the flexion's share through the heading error
        RhythmDetector detector = new RhythmDetector(RhythmSettings.DEFAULTS, RATE_HZ);
        int lagging = 0;
        for (int sample = 0; sample <= 600 * RATE_HZ; sample++) {
            double time = sample / RATE_HZ;
            double wave = time < 5 ? 0 : Math.sin(2 * Math.PI * (time - 5) / 10);
            double flexion = wave > 0 ? 18 * wave : 12 * wave;
            double headingErrorDegrees = 10 * time / 600;
            double sideBend = 6 * time / 600 + flexion * Math.sin(Math.toRadians(headingErrorDegrees)) + 0.1 * Math.sin(time);
            detector.update(time, flexion, sideBend, headingErrorDegrees);
            if (time > 30 && sample % (int) (10 * RATE_HZ) == 0) {
                // every cycle that ended more than a cycle ago is final, not only provisional
                int endedCycles = (int) Math.floor((time - 5) / 10);
                lagging = Math.max(lagging, endedCycles - 1 - detector.repetitionCount());
            }
        }
        detector.finish();
        assertTrue(lagging <= 0, "the final count fell behind by up to " + lagging + " cycles while recording");
        assertEquals(59, detector.repetitions().stream().filter(repetition -> !repetition.partial()).count(),
                detector.repetitions().toString());
    }

    @Test
    void update_setOfSmallSupportedExtensions_countsThemAndNotALoneFidget() {
        // a 3.5° fidget at 10 s, then four supported extensions of 6° with 10 s holds from 40 s
        RhythmDetector detector = run(time -> {
            double fidget = time >= 10 && time < 14 ? 3.5 * Math.sin(Math.PI * (time - 10) / 4) : 0;
            double extension = 0;
            if (time >= 40) {
                double phase = (time - 40) % 25;
                int repetition = (int) ((time - 40) / 25);
                extension = repetition >= 4 ? 0 : phase < 3 ? 6 * smoothStep(phase / 3) : phase < 13 ? 6
                        : phase < 16 ? 6 * (1 - smoothStep((phase - 13) / 3)) : 0;
            }
            return new double[] {fidget - extension + 0.2 * Math.sin(2 * Math.PI * time / 6), 0, 0};
        }, 150, RhythmSettings.DEFAULTS);
        List<Repetition> counted = detector.repetitions().stream().filter(repetition -> !repetition.partial()).toList();
        assertEquals(4, counted.size(), detector.repetitions().toString());
        counted.forEach(repetition -> assertEquals(RepetitionKind.EXTENSION, repetition.kind()));
        assertTrue(counted.get(0).startSeconds() > 39, counted.get(0).toString());
    }

    @Test
    void update_anyRepetition_startsBeforeItEndsWithFiniteSmoothness() {
        RhythmDetector detector = run(time -> {
            double phase = time % 12;
            return new double[] {0, phase < 5 ? 20 * Math.sin(Math.PI * phase / 5) : phase >= 6 && phase < 11
                    ? -20 * Math.sin(Math.PI * (phase - 6) / 5) : 0, 0};
        }, 60, RhythmSettings.DEFAULTS);
        assertEquals(10, detector.repetitionCount(), detector.repetitions().toString());
        for (Repetition repetition : detector.repetitions()) {
            assertTrue(repetition.startSeconds() < repetition.endSeconds(), repetition.toString());
            assertTrue(Double.isFinite(repetition.smoothness()), repetition.toString());
        }
    }

    @Test
    void update_gapInsideAHold_splitsTheHoldAndNoRepetitionSpansIt() {
        // extension held from about 8 s to 60 s, but the samples jump from 30 s to 45 s
        RhythmDetector detector = new RhythmDetector(RhythmSettings.DEFAULTS, RATE_HZ);
        for (int sample = 0; sample <= 70 * RATE_HZ; sample++) {
            double time = sample / RATE_HZ;
            if (time > 30 && time < 45) {
                continue;
            }
            double extension = time < 5 ? 0 : time < 9 ? 15 * smoothStep((time - 5) / 4)
                    : time < 60 ? 15 : 15 * (1 - smoothStep((time - 60) / 4));
            detector.update(time, -extension, 0, 0);
        }
        detector.finish();
        assertEquals(1, detector.gapsSeconds().size());
        for (Hold hold : detector.holds()) {
            assertTrue(hold.endSeconds() <= 30 || hold.startSeconds() >= 45, hold.toString());
        }
        for (Repetition repetition : detector.repetitions()) {
            assertTrue(repetition.endSeconds() <= 30 || repetition.startSeconds() >= 45, repetition.toString());
        }
        assertTrue(detector.holds().stream().anyMatch(hold -> hold.meanFlexionDegrees() < -10 && hold.endSeconds() <= 30));
    }

    @Test
    void update_timeGoingBackwards_splitsInsteadOfMeasuringANegativeDuration() {
        RhythmDetector detector = new RhythmDetector(RhythmSettings.DEFAULTS, RATE_HZ);
        for (int sample = 0; sample <= 20 * RATE_HZ; sample++) {
            detector.update(sample / RATE_HZ, 20 * Math.sin(Math.PI * (sample / RATE_HZ) / 10), 0, 0);
        }
        for (int sample = 0; sample <= 20 * RATE_HZ; sample++) {
            detector.update(5 + sample / RATE_HZ, 0, 0, 0);
        }
        detector.finish();
        assertEquals(1, detector.gapsSeconds().size());
        detector.repetitions().forEach(repetition -> assertTrue(repetition.startSeconds() < repetition.endSeconds()));
        detector.holds().forEach(hold -> assertTrue(hold.startSeconds() < hold.endSeconds()));
    }

    @Test
    void update_fastSideBendsWithCoupledFlexion_areSideBendsToBothSides() {
        // 1.2 s to each side, 25° of side bend with 30° of flexion on both sides, 1 s apart
        RhythmDetector detector = run(time -> {
            double phase = (time - 5) % 4.4;
            int bend = (int) ((time - 5) / 4.4);
            double shape = time < 5 || bend >= 6 || phase >= 1.2 ? 0 : Math.sin(Math.PI * phase / 1.2);
            double side = bend % 2 == 0 ? 25 * shape : -25 * shape;
            return new double[] {30 * shape, side, 0};
        }, 40, RhythmSettings.DEFAULTS);
        List<RepetitionKind> kinds = detector.repetitions().stream().filter(repetition -> !repetition.partial())
                .map(Repetition::kind).toList();
        assertEquals(List.of(RepetitionKind.SIDE_BEND_RIGHT, RepetitionKind.SIDE_BEND_LEFT, RepetitionKind.SIDE_BEND_RIGHT,
                RepetitionKind.SIDE_BEND_LEFT, RepetitionKind.SIDE_BEND_RIGHT, RepetitionKind.SIDE_BEND_LEFT), kinds);
    }

    @Test
    void update_forwardBendLeaningSlightlySideways_isAFlexion() {
        RhythmDetector detector = run(time -> {
            double shape = time < 5 || time > 11 ? 0 : Math.sin(Math.PI * (time - 5) / 6);
            return new double[] {40 * shape, 8 * shape, 3 * shape};
        }, 20, RhythmSettings.DEFAULTS);
        assertEquals(1, detector.repetitionCount(), detector.repetitions().toString());
        assertEquals(RepetitionKind.FLEXION, detector.repetitions().get(0).kind());
    }

    @Test
    void update_hipHingesFromAStanceAFewDegreesOff_countsEveryHingeFromThatStance() {
        // standing up from hands and knees into a stance 3.5° forward of the first one (past 4.8°
        // on the way), held 6 s, then four hip hinges of 15° from it, each back to the stance
        RhythmDetector detector = run(time -> {
            double flexion;
            if (time < 5) {
                flexion = 0;
            } else if (time < 6.5) {
                flexion = 4.8 * smoothStep((time - 5) / 1.5);
            } else if (time < 7.5) {
                flexion = 4.8 - 1.3 * smoothStep(time - 6.5);
            } else {
                double phase = (time - 13.5) % 6.5;
                boolean hinging = time >= 13.5 && time < 13.5 + 4 * 6.5 && phase < 4;
                flexion = 3.5 + (hinging ? 15 * Math.sin(Math.PI * phase / 4) : 0);
            }
            return new double[] {flexion + 0.2 * Math.sin(2 * Math.PI * time / 5), 0, 0};
        }, 50, RhythmSettings.DEFAULTS);
        List<Repetition> counted = detector.repetitions().stream().filter(repetition -> !repetition.partial()).toList();
        assertEquals(4, counted.size(), detector.repetitions().toString());
        for (int hinge = 0; hinge < 4; hinge++) {
            Repetition repetition = counted.get(hinge);
            assertEquals(RepetitionKind.FLEXION, repetition.kind());
            assertEquals(13.5 + 6.5 * hinge, repetition.startSeconds(), 1.0, repetition.toString());
            assertEquals(15, repetition.rangeDegrees(), 1.0, repetition.toString());
        }
    }
}
