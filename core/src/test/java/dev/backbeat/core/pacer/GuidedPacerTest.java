// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.pacer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.routine.BuiltInRoutines;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.Profile;
import dev.backbeat.core.routine.RoutineFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuidedPacerTest {

    private static final double STEP_SECONDS = 0.005;

    private static GuidedPacer envelope(GuidedRoutine routine) {
        return new GuidedPacer(routine, new GuidedPacer.Settings(Profile.CuePattern.ENVELOPE, 0.6, 0, Double.NaN));
    }

    /** Runs the pacer at 200 Hz until it finishes; returns the cues. */
    private static List<PacerCue> run(GuidedPacer pacer, double seconds) {
        List<PacerCue> cues = new ArrayList<>();
        PacerCue last = null;
        for (double time = 0; time < seconds && !pacer.finished(); time += STEP_SECONDS) {
            pacer.update(time);
            if (pacer.lastCue() != last && pacer.lastCue() != null) {
                last = pacer.lastCue();
                cues.add(last);
            }
        }
        return cues;
    }

    @Test
    void update_extensionsRoutine_conductsTheStepsByBreaths() {
        GuidedRoutine extensions = BuiltInRoutines.named("extensions").orElseThrow();
        GuidedPacer pacer = envelope(extensions);
        List<PacerCue> cues = run(pacer, 1000);
        assertTrue(pacer.finished());
        // the 5 s stand lasts its first 10 s breath; then 5 repetitions of 4 breaths of 10 s
        assertEquals(List.of(new GuidedPacer.StepStart(0, 0), new GuidedPacer.StepStart(1, 10)), pacer.stepStarts());
        assertEquals(21, pacer.inhaleCueCount());
        assertEquals(42, cues.size());
        assertEquals(extensions.plannedSeconds(), cues.get(cues.size() - 1).timeSeconds() + 6, 1e-9);
        // 4 s in, 6 s out
        assertEquals(new PacerCue(4, BreathPhase.EXHALE), cues.get(1));
        assertEquals(new PacerCue(10, BreathPhase.INHALE), cues.get(2));
    }

    @Test
    void update_envelope_risesThroughTheInhaleAndFallsFromAStrongerStartThroughTheExhale() {
        GuidedPacer pacer = envelope(BuiltInRoutines.named("cat-cow").orElseThrow());
        assertEquals(0.6 * GuidedPacer.ENVELOPE_FLOOR_FRACTION, pacer.update(0), 1e-9);
        assertEquals(0.6 * (0.3 + 0.7 * 0.5), pacer.update(2), 1e-9);
        assertEquals(0.75, pacer.update(4), 1e-9); // the exhale starts at 1.25 × 0.6
        assertEquals(0.375, pacer.update(7), 1e-9);
        assertTrue(pacer.update(9.999) < 0.01);
    }

    @Test
    void update_pulses_oneForTheInhaleTwoStrongerForTheExhale() {
        GuidedPacer pacer = new GuidedPacer(BuiltInRoutines.named("cat-cow").orElseThrow(),
                new GuidedPacer.Settings(Profile.CuePattern.PULSES, 0.6, 0, Double.NaN));
        assertEquals(0.6, pacer.update(0.1), 1e-9);
        assertEquals(0, pacer.update(0.2), 1e-9);
        assertEquals(0.75, pacer.update(4.1), 1e-9);
        assertEquals(0, pacer.update(4.2), 1e-9);
        assertEquals(0.75, pacer.update(4.35), 1e-9);
        assertEquals(0, pacer.update(4.5), 1e-9);
        assertEquals(4.45, pacer.nextChangeSeconds(4.4), 1e-9); // pulses at 4.00-4.15 and 4.30-4.45 s
        assertEquals(10, pacer.nextChangeSeconds(4.5), 1e-9);
    }

    @Test
    void update_pause_isQuietAndKeepsThePeriod() throws Exception {
        GuidedRoutine paused = RoutineFile.parse("p", "backbeat-routine 1\nname p\nstep neutral-stand duration=5\n"
                + "step cat-cow repetitions=2 breaths=1 pacer=6 ratio=1:1 pause=2\n");
        GuidedPacer pacer = envelope(paused);
        pacer.update(10);
        assertEquals(0, pacer.update(18.5), 1e-9); // inhale 4 s, exhale 4 s, pause 2 s
        assertTrue(pacer.update(17.5) >= 0);
        assertEquals(new PacerCue(20, BreathPhase.INHALE), runFrom(pacer, 18.5, 20.1));
    }

    @Test
    void pausing_inThePauseAfterTheExhale_isTrueUntilTheNextInhale() throws Exception {
        GuidedRoutine paused = RoutineFile.parse("p", "backbeat-routine 1\nname p\nstep neutral-stand duration=5\n"
                + "step cat-cow repetitions=2 breaths=1 pacer=6 ratio=1:1 pause=2\n");
        GuidedPacer pacer = envelope(paused);
        pacer.update(10); // the step's first breath: inhale 10-14 s, exhale 14-18 s, pause 18-20 s
        pacer.update(15);
        assertEquals(false, pacer.pausing());
        pacer.update(18.5);
        assertTrue(pacer.pausing());
        assertEquals(BreathPhase.EXHALE, pacer.phase());
        pacer.update(20.1);
        assertEquals(false, pacer.pausing());
    }

    private static PacerCue runFrom(GuidedPacer pacer, double from, double to) {
        for (double time = from; time <= to; time += STEP_SECONDS) {
            pacer.update(time);
        }
        return pacer.lastCue();
    }

    @Test
    void update_glide_startsAtTheMeasuredRateAndReachesTheTarget() {
        GuidedPacer pacer = new GuidedPacer(BuiltInRoutines.named("daily").orElseThrow(),
                new GuidedPacer.Settings(Profile.CuePattern.ENVELOPE, 0.6, 120, 12));
        pacer.update(0);
        assertEquals(12, pacer.breathsPerMinute(), 1e-9);
        double previous = 12;
        for (double time = 0; time < 200; time += STEP_SECONDS) {
            pacer.update(time);
            assertTrue(pacer.breathsPerMinute() <= previous + 1e-9, "glides down, never back up");
            previous = pacer.breathsPerMinute();
        }
        assertEquals(6, pacer.breathsPerMinute(), 1e-9);
    }

    @Test
    void repetitionIndex_sidedStep_countsEverySide() {
        GuidedPacer pacer = envelope(BuiltInRoutines.named("side-bends").orElseThrow());
        run(pacer, 10 + 2 * 20 + 1);
        assertEquals(1, pacer.stepIndex());
        assertEquals(2, pacer.repetitionIndex());
    }
}
