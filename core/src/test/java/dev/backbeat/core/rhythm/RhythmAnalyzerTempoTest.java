// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RhythmAnalyzerTempoTest {

    private static Repetition repetition(double start, double duration, RepetitionKind kind) {
        return new Repetition(start, start + duration, kind, 10, 10, 20, -3, false);
    }

    @Test
    void tempo_twoSetsWithAPauseBetween_isThePeriodWithinTheLongerSet() {
        List<Repetition> repetitions = new ArrayList<>();
        for (int cycle = 0; cycle < 8; cycle++) {
            repetitions.add(repetition(10 + 7 * cycle, 6.5, RepetitionKind.FLEXION_EXTENSION));
        }
        for (int cycle = 0; cycle < 6; cycle++) {
            repetitions.add(repetition(100 + 5 * cycle, 4.5, RepetitionKind.FLEXION_EXTENSION));
        }
        Tempo tempo = RhythmAnalyzer.tempo(repetitions);
        assertEquals(7, tempo.cyclePeriodSeconds(), 1e-9);
        assertEquals(0, tempo.cyclePeriodCv(), 1e-9);
        assertEquals(8, tempo.repetitionsInSet());
    }

    @Test
    void tempo_twistsToAlternatingSides_areOneSet() {
        List<Repetition> repetitions = new ArrayList<>();
        for (int twist = 0; twist < 6; twist++) {
            repetitions.add(repetition(5 + 10 * twist, 8, twist % 2 == 0 ? RepetitionKind.TWIST_LEFT : RepetitionKind.TWIST_RIGHT));
        }
        Tempo tempo = RhythmAnalyzer.tempo(repetitions);
        assertEquals(6, tempo.repetitionsInSet());
        assertEquals(10, tempo.cyclePeriodSeconds(), 1e-9);
    }

    @Test
    void tempo_periodAcrossAGap_isLeftOut() {
        List<Repetition> repetitions = new ArrayList<>();
        for (int cycle = 0; cycle < 5; cycle++) {
            repetitions.add(repetition(10 + 8 * cycle + (cycle >= 3 ? 4 : 0), 7, RepetitionKind.FLEXION_EXTENSION));
        }
        Tempo tempo = RhythmAnalyzer.tempo(repetitions, List.of(new double[] {30, 33}));
        assertEquals(8, tempo.cyclePeriodSeconds(), 1e-9);
        assertTrue(tempo.cyclePeriodCv() < 1e-9);
    }
}
