// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.bench.rhythm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.bench.spine.SimulatedSessions;
import dev.backbeat.core.pacer.GuidedPacer;
import dev.backbeat.core.routine.BuiltInProfiles;
import dev.backbeat.core.routine.BuiltInRoutines;
import dev.backbeat.core.routine.GuardAlert;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.MovementGuards;
import dev.backbeat.core.routine.Profile;
import dev.backbeat.core.routine.RoutineFile;
import dev.backbeat.core.spine.SpinalAnalysis;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each guard against a simulated wearer who keeps to the routine and one who breaks it: the
 * wearer's script from the routine, the session's spinal angles as the analysis finds them from the
 * simulated sensors, the step of each sample from the pacer conducting the routine.
 */
class MovementGuardsOnSimulatedWearersTest {

    private static final Profile GENTLE = BuiltInProfiles.named("gentle").orElseThrow();

    private static List<GuardAlert> alerts(GuidedRoutine asked, GuidedRoutine done, GuidedRoutineScript.Deviations deviations) {
        SimulatedSessions.Session session = SimulatedSessions.generate(done.name(), GuidedRoutineScript.of(done, deviations), 5, 100);
        SpinalAnalysis angles = RhythmEvaluation.analyze(session).angles();
        GuidedPacer pacer = new GuidedPacer(asked, new GuidedPacer.Settings(Profile.CuePattern.ENVELOPE, 0.6, 0, Double.NaN));
        MovementGuards guards = new MovementGuards(MovementGuards.Settings.DEFAULTS, GENTLE.extensionLimit().degrees());
        List<GuardAlert> alerts = new ArrayList<>();
        for (int index = 0; index < angles.sampleCount(); index++) {
            double time = angles.timeSeconds()[index];
            pacer.update(time);
            if (pacer.finished()) {
                break;
            }
            GuardAlert alert = guards.update(time, angles.flexionDegrees()[index], angles.sideBendDegrees()[index],
                    angles.twistDegrees()[index], asked.steps().get(pacer.stepIndex()), pacer.stepIndex());
            if (alert != null) {
                alerts.add(alert);
            }
        }
        return alerts;
    }

    private static long count(List<GuardAlert> alerts, GuardAlert.Kind kind) {
        return alerts.stream().filter(alert -> alert.kind() == kind).count();
    }

    @Test
    void guards_gentleExtensionsDoneAsAsked_raiseNothing() {
        GuidedRoutine extensions = GENTLE.personalise(BuiltInRoutines.named("extensions").orElseThrow());
        assertEquals(List.of(), alerts(extensions, extensions, GuidedRoutineScript.Deviations.NONE));
    }

    @Test
    void hyperextension_wearerGoingEightDegreesPastTheAskedRange_alertsOncePerRepetitionAndConfirmsTheReturn() {
        GuidedRoutine extensions = GENTLE.personalise(BuiltInRoutines.named("extensions").orElseThrow());
        List<GuardAlert> alerts = alerts(extensions, extensions, new GuidedRoutineScript.Deviations(8, 1, 0));
        assertEquals(5, count(alerts, GuardAlert.Kind.HYPEREXTENSION), alerts.toString());
        assertEquals(5, count(alerts, GuardAlert.Kind.BACK_IN_RANGE), alerts.toString());
        assertTrue(alerts.get(0).reason().contains("extension past the 15° limit"), alerts.get(0).reason());
    }

    @Test
    void endRangeHold_wearerHoldingThirtySecondsInAStepAllowingTwenty_alertsOncePerHold() throws Exception {
        String step = "step extension repetitions=3 hold=%d tempo=4 range=12 breaths=5 guards=end-range-hold%s\n";
        String header = "backbeat-routine 1\nname holds\nstep neutral-stand duration=5\n";
        GuidedRoutine asked = RoutineFile.parse("asked", header + String.format(step, 15, " hold-limit=20"));
        GuidedRoutine done = RoutineFile.parse("done", header + String.format(step, 30, ""));
        List<GuardAlert> alerts = alerts(asked, done, GuidedRoutineScript.Deviations.NONE);
        assertEquals(3, count(alerts, GuardAlert.Kind.END_RANGE_HOLD), alerts.toString());
        assertEquals(List.of(), alerts(asked, asked, GuidedRoutineScript.Deviations.NONE));
    }

    @Test
    void tooFast_wearerRushingSideBends_alerts() {
        GuidedRoutine sideBends = BuiltInRoutines.named("side-bends").orElseThrow();
        assertEquals(0, count(alerts(sideBends, sideBends, GuidedRoutineScript.Deviations.NONE), GuardAlert.Kind.TOO_FAST));
        List<GuardAlert> rushed = alerts(sideBends, sideBends, new GuidedRoutineScript.Deviations(0, 0.2, 0));
        assertTrue(count(rushed, GuardAlert.Kind.TOO_FAST) >= 1, rushed.toString());
    }
}
