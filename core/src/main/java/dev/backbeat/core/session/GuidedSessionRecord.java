// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

import dev.backbeat.core.routine.BreathCoupling;
import dev.backbeat.core.routine.GuardAlert;
import java.util.List;
import java.util.Optional;

/**
 * What a guided session adds to its recording: the routine and profile it ran, where each step
 * began, every guard alert with its reason, and how the movement followed the breath cue per set.
 *
 * @param routineName the routine's name
 * @param profileName the profile's name, empty without one
 * @param steps where each step began
 * @param alerts every alert the guards raised (and each all-clear and snooze)
 * @param coupling the coupling of each step of repetitions
 * @param calibration where the calibration came from (a stand, or the stored one after a check); empty
 *     in records made before it was recorded
 */
public record GuidedSessionRecord(String routineName, String profileName, List<Step> steps, List<GuardAlert> alerts,
                                  List<BreathCoupling.SetCoupling> coupling, Optional<CalibrationSource> calibration) {

    /** A record that does not say where its calibration came from (as before it was recorded). */
    public GuidedSessionRecord(String routineName, String profileName, List<Step> steps, List<GuardAlert> alerts,
                               List<BreathCoupling.SetCoupling> coupling) {
        this(routineName, profileName, steps, alerts, coupling, Optional.empty());
    }

    /**
     * One step as it ran.
     *
     * @param index the step's number in the routine, 0-based
     * @param movement the movement's file name (e.g. {@code extension})
     * @param plannedRepetitions repetitions the step asks for (both sides counted), 0 for a timed step
     * @param startSeconds session time it began, s
     */
    public record Step(int index, String movement, int plannedRepetitions, double startSeconds) {
    }

    public GuidedSessionRecord {
        steps = List.copyOf(steps);
        alerts = List.copyOf(alerts);
        coupling = List.copyOf(coupling);
        java.util.Objects.requireNonNull(calibration, "calibration");
    }
}
