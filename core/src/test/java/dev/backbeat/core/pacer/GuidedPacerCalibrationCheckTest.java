// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.pacer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.routine.BuiltInRoutines;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.Profile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacer's opening check of a stored calibration: silent, then the stand it replaces or precedes. */
class GuidedPacerCalibrationCheckTest {

    private static final double STEP_SECONDS = 0.005;
    private static final double CHECK_SECONDS = 3.5;
    private static final GuidedRoutine EXTENSIONS = BuiltInRoutines.named("extensions").orElseThrow();

    private static GuidedPacer pacer(double glideSeconds) {
        return new GuidedPacer(EXTENSIONS, new GuidedPacer.Settings(Profile.CuePattern.ENVELOPE, 0.6, glideSeconds, Double.NaN));
    }

    /** Runs the pacer at 200 Hz to {@code untilSeconds}, giving the verdict at {@code verdictSeconds}; returns the inhale cues. */
    private static List<PacerCue> run(GuidedPacer pacer, double untilSeconds, double verdictSeconds, boolean accepted,
                                      double storedBreathsPerMinute) {
        List<PacerCue> inhales = new ArrayList<>();
        PacerCue last = null;
        boolean told = false;
        for (double time = 0; time < untilSeconds && !pacer.finished(); time += STEP_SECONDS) {
            if (!told && time >= verdictSeconds) {
                pacer.calibrationChecked(accepted, storedBreathsPerMinute);
                told = true;
            }
            double intensity = pacer.update(time);
            if (time < CHECK_SECONDS - 1e-9) {
                assertEquals(0, intensity, "silent through the check, at " + time + " s");
            }
            if (pacer.lastCue() != last && pacer.lastCue() != null) {
                last = pacer.lastCue();
                if (last.phase() == BreathPhase.INHALE) {
                    inhales.add(last);
                }
            }
        }
        return inhales;
    }

    @Test
    void check_accepted_isTheWholeStandAndTheRoutineBeginsAsItEnds() {
        GuidedPacer pacer = pacer(0);
        pacer.checkStoredCalibration(CHECK_SECONDS);
        assertEquals(CHECK_SECONDS + 10, pacer.openingStandEndSeconds(), 1e-9, "until the verdict: as after a refusal");
        List<PacerCue> inhales = run(pacer, 20, 3.0, true, Double.NaN);
        assertEquals(CHECK_SECONDS, pacer.openingStandEndSeconds(), 1e-9);
        assertEquals(new GuidedPacer.StepStart(1, CHECK_SECONDS), pacer.stepStarts().get(1));
        assertEquals(CHECK_SECONDS, inhales.get(0).timeSeconds(), 1e-9, "the first cue is the first repetition's");
        assertEquals(CHECK_SECONDS, pacer.repetitionStarts().get(0).cueSeconds(), 1e-9);
    }

    @Test
    void check_refused_isFollowedByTheRoutinesOwnStand() {
        GuidedPacer pacer = pacer(0);
        pacer.checkStoredCalibration(CHECK_SECONDS);
        List<PacerCue> inhales = run(pacer, 30, 3.0, false, Double.NaN);
        // the 5 s stand after the check lasts its first 10 s breath, as it would have from 0
        assertEquals(CHECK_SECONDS + 10, pacer.openingStandEndSeconds(), 1e-9);
        assertEquals(new GuidedPacer.StepStart(1, CHECK_SECONDS + 10), pacer.stepStarts().get(1));
        assertEquals(List.of(CHECK_SECONDS, CHECK_SECONDS + 10, CHECK_SECONDS + 20),
                inhales.stream().map(PacerCue::timeSeconds).toList());
    }

    @Test
    void check_withoutAVerdictByItsEnd_goesOnAsRefusedAndIgnoresALateOne() {
        GuidedPacer pacer = pacer(0);
        pacer.checkStoredCalibration(CHECK_SECONDS);
        run(pacer, 30, 5.0, true, Double.NaN);
        assertEquals(new GuidedPacer.StepStart(1, CHECK_SECONDS + 10), pacer.stepStarts().get(1));
    }

    @Test
    void check_acceptedWithAGlideAndStoredBreathing_glidesFromItAtOnce() {
        GuidedPacer pacer = pacer(180);
        pacer.checkStoredCalibration(CHECK_SECONDS);
        // a glide without a known rate: the routine's 5 s stand after the check would be a silent measuring one
        assertEquals(CHECK_SECONDS + 5, pacer.standEndSeconds(), 1e-9);
        List<PacerCue> inhales = run(pacer, 40, 3.0, true, 9);
        assertTrue(pacer.breathingMeasured(), "nothing left to measure");
        assertEquals(CHECK_SECONDS, inhales.get(0).timeSeconds(), 1e-9);
        // the first breath at the stored 9 /min: 6.67 s
        assertEquals(60.0 / 9, inhales.get(1).timeSeconds() - inhales.get(0).timeSeconds(), 1e-9);
    }

    @Test
    void check_acceptedWithAGlideButNoStoredBreathing_keepsTheStandSilentToMeasureIt() {
        // the routine as a profile with a glide makes it: a 30 s measuring stand
        GuidedRoutine measuring = dev.backbeat.core.routine.BuiltInProfiles.named("gentle").orElseThrow()
                .personalise(EXTENSIONS);
        GuidedPacer pacer = new GuidedPacer(measuring, new GuidedPacer.Settings(Profile.CuePattern.ENVELOPE, 0.6, 180, Double.NaN));
        pacer.checkStoredCalibration(CHECK_SECONDS);
        assertEquals(CHECK_SECONDS + Profile.MEASURING_STAND_SECONDS, pacer.openingStandEndSeconds(), 1e-9);
        pacer.calibrationChecked(true, Double.NaN);
        assertEquals(Profile.MEASURING_STAND_SECONDS, pacer.openingStandEndSeconds(), 1e-9);
        for (double time = 0; time < Profile.MEASURING_STAND_SECONDS; time += STEP_SECONDS) {
            assertEquals(0, pacer.update(time), "silent, measuring, at " + time + " s");
        }
        pacer.measuredBreathing(10);
        pacer.update(Profile.MEASURING_STAND_SECONDS);
        assertEquals(new GuidedPacer.StepStart(1, Profile.MEASURING_STAND_SECONDS), pacer.stepStarts().get(1));
        assertEquals(10, pacer.breathsPerMinute(), 1e-9);
    }

    @Test
    void checkStoredCalibration_afterTheRoutineBegan_isRefused() {
        GuidedPacer pacer = pacer(0);
        pacer.update(0);
        assertThrows(IllegalStateException.class, () -> pacer.checkStoredCalibration(CHECK_SECONDS));
    }
}
