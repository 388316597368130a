// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.pacer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreathPacerTest {

    @Test
    void update_sixBreathsPerMinuteForOneMinute_givesSixInhaleAndSixExhaleCues() {
        BreathPacer pacer = new BreathPacer(PacerSettings.DEFAULTS);
        List<PacerCue> cues = new ArrayList<>();
        PacerCue previous = null;
        for (int sample = 0; sample < 6000; sample++) {
            pacer.update(sample / 100.0);
            if (pacer.lastCue() != previous) {
                cues.add(pacer.lastCue());
                previous = pacer.lastCue();
            }
        }
        assertEquals(12, cues.size());
        assertEquals(6, pacer.inhaleCueCount());
        for (int index = 0; index < cues.size(); index++) {
            assertEquals(index * 5.0, cues.get(index).timeSeconds(), 1e-9);
            assertEquals(index % 2 == 0 ? BreathPhase.INHALE : BreathPhase.EXHALE, cues.get(index).phase());
        }
    }

    @Test
    void nextCueSeconds_sixBreathsPerMinute_isTheNextInhaleOrExhaleStartStrictlyAfter() {
        BreathPacer pacer = new BreathPacer(PacerSettings.DEFAULTS); // 10 s breaths: inhale 0..5 s, exhale 5..10 s
        assertEquals(5.0, pacer.nextCueSeconds(0.0), 1e-12);
        assertEquals(5.0, pacer.nextCueSeconds(4.999), 1e-12);
        assertEquals(10.0, pacer.nextCueSeconds(5.0), 1e-12);
        assertEquals(20.0, pacer.nextCueSeconds(17.3), 1e-12);
        // every cue the pacer records falls on a time nextCueSeconds announced
        double time = 0;
        PacerCue previous = null;
        for (int step = 0; step < 12; step++) {
            time = pacer.nextCueSeconds(time);
            pacer.update(time);
            assertTrue(pacer.lastCue() != previous, "a new cue at " + time);
            assertEquals(time, pacer.lastCue().timeSeconds(), 1e-9);
            previous = pacer.lastCue();
        }
    }

    @Test
    void update_duringInhale_swellsFromFloorToPeakAndBack_thenSilentExhale() {
        BreathPacer pacer = new BreathPacer(PacerSettings.DEFAULTS);
        assertEquals(0.25, pacer.update(0.0), 1e-9);
        assertEquals(0.8, pacer.update(2.5), 1e-9);
        assertTrue(pacer.update(4.9) < 0.3);
        assertEquals(0.0, pacer.update(5.1), 0.0);
        assertEquals(BreathPhase.EXHALE, pacer.phase());
    }

    @Test
    void settings_rateOutsideTwoToThirty_throws() {
        assertThrows(IllegalArgumentException.class, () -> PacerSettings.DEFAULTS.withBreathsPerMinute(1));
        assertThrows(IllegalArgumentException.class, () -> PacerSettings.DEFAULTS.withBreathsPerMinute(31));
    }
}
