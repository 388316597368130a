// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.util.Set;

/**
 * One step of a routine. A step of repetitions is conducted by the breath: each repetition lasts
 * {@code breathsPerRepetition} breaths of the step's {@link BreathPattern}; the movement out (over
 * {@code tempoSeconds}) and its hold fit in them, the return comes with the exhale.
 *
 * @param movement what the wearer does
 * @param repetitions repetitions (each side for sided movements); 0 for a step that lasts {@code durationSeconds}
 * @param durationSeconds how long a step without repetitions lasts, s; NaN for a step of repetitions
 * @param breathsPerRepetition breaths per repetition (default: the fewest that hold the movement out, its hold and the return)
 * @param holdSeconds hold at end range, s (default 0)
 * @param tempoSeconds time to move from neutral to end range, s; NaN: the inhale's length (the breath sets the tempo)
 * @param breath the pacer's rate, ratio and pause in this step
 * @param rangeDegrees the range the step asks for, degrees from neutral; NaN to leave it to the person
 * @param guards the guards that run in this step
 * @param holdLimitSeconds the end-range-hold guard fires past this, s (default: the hold plus {@value #DEFAULT_HOLD_MARGIN_SECONDS} s)
 */
public record RoutineStep(
        Movement movement,
        int repetitions,
        double durationSeconds,
        double breathsPerRepetition,
        double holdSeconds,
        double tempoSeconds,
        BreathPattern breath,
        double rangeDegrees,
        Set<Guard> guards,
        double holdLimitSeconds) {

    /** How much longer than its hold a step lets the wearer stay at end range before the guard fires, s. */
    public static final double DEFAULT_HOLD_MARGIN_SECONDS = 5;

    public RoutineStep {
        guards = Set.copyOf(guards);
    }

    /** How many repetitions in all (both sides of a sided movement). */
    public int totalRepetitions() {
        return movement.sided() ? 2 * repetitions : repetitions;
    }

    /**
     * How long the step lasts at its pace, s: whole breaths, as the pacer conducts it (a timed step
     * ends with the first breath that begins after its time).
     */
    public double plannedSeconds() {
        if (repetitions == 0) {
            return Math.ceil(durationSeconds / breath.periodSeconds() - 1e-9) * breath.periodSeconds();
        }
        return totalRepetitions() * breathsPerRepetition * breath.periodSeconds();
    }

    /** Time to move from neutral to end range, s: the step's tempo, or the inhale's length if it sets none. */
    public double movementOutSeconds() {
        return Double.isNaN(tempoSeconds) ? breath.inhaleSeconds() : tempoSeconds;
    }

    /** The fewest breaths that hold a repetition: out over the tempo, the hold, back over the exhale. */
    public static double minimumBreaths(double tempoSeconds, double holdSeconds, BreathPattern breath) {
        return Math.max(1, Math.ceil((tempoSeconds + holdSeconds + breath.exhaleSeconds()) / breath.periodSeconds() - 1e-9));
    }
}
