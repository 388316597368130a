package dev.backbeat.core.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepetitionCounterTest {

    private static RepetitionCounter feed(java.util.function.DoubleUnaryOperator flexionAt, double seconds) {
        RepetitionCounter counter = new RepetitionCounter(RepetitionSettings.DEFAULTS);
        for (int sample = 0; sample <= seconds * 100; sample++) {
            double time = sample / 100.0;
            counter.update(time, flexionAt.applyAsDouble(time));
        }
        counter.finish();
        return counter;
    }

    @Test
    void update_fiveCatCowCycles_countsFiveRepetitionsWithBothPeaks() {
        RepetitionCounter counter = feed(time -> {
            if (time < 2 || time > 52) {
                return 0;
            }
            double wave = Math.sin(2 * Math.PI * (time - 2) / 10);
            return wave > 0 ? 20 * wave : 15 * wave;
        }, 60);
        List<Repetition> repetitions = counter.repetitions();
        assertEquals(5, repetitions.size());
        for (Repetition repetition : repetitions) {
            assertEquals(20, repetition.peakFlexionDegrees(), 0.1);
            assertEquals(15, repetition.peakExtensionDegrees(), 0.1);
            // from leaving the ±4° band (0.32 s after the zero crossing) to re-entering it (0.43 s before)
            assertEquals(10 - 0.32 - 0.43, repetition.durationSeconds(), 0.03);
        }
    }

    @Test
    void update_threeSeparateForwardBends_countsThreeFlexionOnlyRepetitions() {
        RepetitionCounter counter = feed(time -> {
            double phase = time % 10;
            return phase < 4 ? 30 * Math.sin(Math.PI * phase / 4) : 0;
        }, 30);
        assertEquals(3, counter.count());
        assertEquals(0, counter.repetitions().get(0).peakExtensionDegrees(), 0);
    }

    @Test
    void update_smallWobbleBelowThreshold_countsNothing() {
        RepetitionCounter counter = feed(time -> 6 * Math.sin(time), 60);
        assertEquals(0, counter.count());
    }

    @Test
    void update_nanAngles_areIgnored() {
        RepetitionCounter counter = feed(time -> time < 5 ? Double.NaN : 0, 10);
        assertEquals(0, counter.count());
    }
}
