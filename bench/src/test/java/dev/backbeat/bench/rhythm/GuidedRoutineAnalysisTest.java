// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.routine.BuiltInProfiles;
import dev.backbeat.core.routine.BuiltInRoutines;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.RoutineStep;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in routine, done as it asks by the simulated wearer (its script from the routine file,
 * breathing at the wearer's own rate), is counted as planned by the analysis {@code backbeat analyze}
 * makes: the routines ask for what the rhythm core can see.
 */
class GuidedRoutineAnalysisTest {

    @ParameterizedTest
    @ValueSource(strings = {"daily", "cat-cow", "extensions", "supported-extensions", "side-bends", "twists", "lunge-twist"})
    void analyze_builtInRoutineDoneAsAsked_countsThePlannedRepetitions(String name) {
        GuidedRoutine routine = BuiltInRoutines.named(name).orElseThrow();
        assertCountedAsPlanned(routine, 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gentle", "athletic"})
    void analyze_dailyWithAProfile_countsThePlannedRepetitions(String profile) {
        GuidedRoutine routine = BuiltInProfiles.named(profile).orElseThrow().personalise(BuiltInRoutines.named("daily").orElseThrow());
        assertCountedAsPlanned(routine, 11);
    }

    private static void assertCountedAsPlanned(GuidedRoutine routine, long seed) {
        SimulatedSessions.Session session = SimulatedSessions.generate(routine.name(),
                GuidedRoutineScript.of(routine, GuidedRoutineScript.Deviations.NONE), seed, 100);
        List<Repetition> repetitions = RhythmEvaluation.analyze(session).rhythm().repetitions().stream()
                .filter(repetition -> !repetition.partial()).toList();
        int planned = routine.steps().stream().mapToInt(RoutineStep::totalRepetitions).sum();
        assertEquals(planned, repetitions.size(), routine.name() + ": " + RhythmEvaluation.describe(repetitions));
        for (Repetition repetition : repetitions) {
            assertTrue(repetition.startSeconds() < repetition.endSeconds(), repetition.toString());
        }
    }
}
