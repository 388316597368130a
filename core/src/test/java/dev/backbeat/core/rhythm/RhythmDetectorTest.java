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
        assertEquals(1, detector.repetitionCount());
        assertEquals(RepetitionKind.EXTENSION, detector.repetitions().get(0).kind());
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

    @Test
    void update_nonFiniteAngles_areSkipped() {
        RhythmDetector detector = run(time -> new double[] {Double.NaN, 0, 0}, 5, RhythmSettings.DEFAULTS);
        assertEquals(0, detector.repetitions().size());
        assertFalse(detector.endRangeHoldLimitExceeded());
    }
}
