// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.core.pacer.GuidedPacer;
import dev.backbeat.core.routine.BreathCoupling;
import dev.backbeat.core.routine.BuiltInRoutines;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.Profile;
import dev.backbeat.core.routine.RoutineStep;
import dev.backbeat.core.spine.SpinalAnalysis;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The coupling of movement to the breath cue against the simulator's truth: a wearer who starts
 * each repetition a known time after its cue, or moves out faster than asked, through the angles the
 * analysis finds from the simulated sensors. The target: the lag within 0.2 s.
 */
class BreathCouplingOnSimulatedWearersTest {

    @ParameterizedTest
    @CsvSource({"extensions, 0, 1", "extensions, 1.5, 1", "extensions, 0, 0.5", "side-bends, 1.0, 1", "twists, 0, 1",
        "supported-extensions, 2.0, 1"})
    void coupling_wearerWithAKnownLag_isMeasuredWithinATenthOfAFifthOfASecond(String name, double lagSeconds, double tempoFactor) {
        GuidedRoutine routine = BuiltInRoutines.named(name).orElseThrow();
        SimulatedSessions.Session session = SimulatedSessions.generate(name,
                GuidedRoutineScript.of(routine, new GuidedRoutineScript.Deviations(0, tempoFactor, lagSeconds)), 3, 100);
        SpinalAnalysis angles = RhythmEvaluation.analyze(session).angles();
        GuidedPacer pacer = new GuidedPacer(routine, new GuidedPacer.Settings(Profile.CuePattern.ENVELOPE, 0.6, 0, Double.NaN));
        for (double time = 0; !pacer.finished(); time += 0.01) {
            pacer.update(time);
        }
        RoutineStep step = routine.steps().get(1);
        List<Double> cues = pacer.repetitionStarts().stream().map(GuidedPacer.RepetitionStart::cueSeconds).toList();
        assertEquals(step.totalRepetitions(), cues.size());
        double[] dominant = new double[][] {angles.flexionDegrees(), angles.sideBendDegrees(), angles.twistDegrees()}
                [step.movement().dominantAngle()];
        BreathCoupling.SetCoupling coupling = BreathCoupling.of(1, step, step.breath().periodSeconds(), cues,
                angles.timeSeconds(), dominant);
        // half-way out: the lag itself, plus (factor - 1) × half the time out
        double truth = lagSeconds + (tempoFactor - 1) * 0.5 * step.movementOutSeconds();
        for (BreathCoupling.RepetitionCoupling repetition : coupling.repetitions()) {
            assertEquals(truth, repetition.lagSeconds(), 0.2, coupling.toString());
        }
        double expectedScore = Math.max(0, Math.cos(2 * Math.PI * truth / step.breath().periodSeconds()));
        assertEquals(expectedScore, coupling.score(), 0.05, coupling.toString());
        assertTrue(coupling.score() >= 0 && coupling.score() <= 1);
    }
}
