// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.util.List;

/**
 * A routine the strap guides: named steps, the first a neutral stand (the calibration). Read from a
 * routine file ({@link RoutineFile}) or built in ({@link BuiltInRoutines}).
 *
 * @param name short name (letters, digits, {@code -})
 * @param title one line for people
 * @param steps in order
 */
public record GuidedRoutine(String name, String title, List<RoutineStep> steps) {

    public GuidedRoutine {
        steps = List.copyOf(steps);
    }

    /** How long the routine lasts at its pace, s. */
    public double plannedSeconds() {
        double seconds = 0;
        for (RoutineStep step : steps) {
            seconds += step.plannedSeconds();
        }
        return seconds;
    }
}
