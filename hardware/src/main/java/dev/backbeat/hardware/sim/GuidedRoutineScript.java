// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.RoutineStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated wearer's script for a guided routine: each step's movement at the step's breath
 * pace, as the strap asks for it, or with a wearer's deviations (going too far, rushing, moving late)
 * so that the strap's guards and coupling can be tested against a wearer who breaks them.
 */
public final class GuidedRoutineScript {

    /**
     * How the simulated wearer departs from the routine.
     *
     * @param extraRangeDegrees degrees beyond the range each step asks for (hyperextension when positive; default 0)
     * @param tempoFactor movement times multiplied by this (below 1: rushing; default 1)
     * @param lagSeconds each repetition begins this long after its cue (default 0), s
     */
    public record Deviations(double extraRangeDegrees, double tempoFactor, double lagSeconds) {

        public static final Deviations NONE = new Deviations(0, 1, 0);

        public Deviations {
            if (!(tempoFactor > 0.1 && tempoFactor <= 3) || !(lagSeconds >= 0 && lagSeconds <= 10)
                    || !(extraRangeDegrees >= -30 && extraRangeDegrees <= 45)) {
                throw new IllegalArgumentException("deviations out of range: " + extraRangeDegrees + "°, ×" + tempoFactor
                        + ", " + lagSeconds + " s");
            }
        }
    }

    /** Range a step without one is done with, degrees, per movement (a typical adult's comfortable range). */
    static final double DEFAULT_EXTENSION_DEGREES = 15;
    static final double DEFAULT_FLEXION_DEGREES = 20;
    static final double DEFAULT_SIDE_BEND_DEGREES = 20;
    static final double DEFAULT_TWIST_DEGREES = 30;

    private GuidedRoutineScript() {
    }

    /** The script of {@code routine} as the wearer does it with {@code deviations}. */
    public static Routine of(GuidedRoutine routine, Deviations deviations) {
        List<RoutinePhase> phases = new ArrayList<>();
        for (RoutineStep step : routine.steps()) {
            switch (step.movement()) {
                // whole breaths, as the pacer conducts the step
                case NEUTRAL_STAND, REST -> phases.add(new NeutralStand(step.plannedSeconds()));
                case CAT_COW -> {
                    if (deviations.lagSeconds() > 0) {
                        phases.add(new NeutralStand(deviations.lagSeconds()));
                    }
                    double extension = range(step, DEFAULT_EXTENSION_DEGREES) + deviations.extraRangeDegrees();
                    double cycle = step.breathsPerRepetition() * step.breath().periodSeconds() * deviations.tempoFactor();
                    phases.add(new CatCowFlow(step.repetitions(), cycle, DEFAULT_FLEXION_DEGREES, extension, 25, 2, 0.3, true));
                }
                default -> phases.add(repetitions(step, deviations));
            }
        }
        return new Routine(phases);
    }

    private static double range(RoutineStep step, double otherwise) {
        return Double.isNaN(step.rangeDegrees()) ? otherwise : step.rangeDegrees();
    }

    /** A step of repetitions: out over the tempo, hold, back over the exhale, rest to the end of its breaths. */
    private static KeyframePhase repetitions(RoutineStep step, Deviations deviations) {
        KeyframePhase.Builder builder = new KeyframePhase.Builder(step.movement().fileName(), Posture.UPRIGHT);
        double repetitionSeconds = step.breathsPerRepetition() * step.breath().periodSeconds();
        double out = step.movementOutSeconds() * deviations.tempoFactor();
        double back = step.breath().exhaleSeconds() * deviations.tempoFactor();
        // the repetition keeps its breaths: what the lag and a slower movement take comes off the rest, then the hold
        double spare = repetitionSeconds - out - step.holdSeconds() - back - deviations.lagSeconds();
        double hold = Math.max(0, step.holdSeconds() + Math.min(0, spare));
        double rest = Math.max(0, spare);
        int sides = step.movement().sided() ? 2 : 1;
        for (int repetition = 0; repetition < step.repetitions(); repetition++) {
            for (int side = 0; side < sides; side++) {
                int sign = side == 0 ? 1 : -1;
                if (deviations.lagSeconds() > 0) {
                    builder.hold(deviations.lagSeconds());
                }
                builder.moveTo(endRange(step, sign, deviations.extraRangeDegrees()), out);
                if (hold > 0) {
                    builder.hold(hold);
                }
                builder.moveTo(Posture.UPRIGHT, back);
                if (rest > 0) {
                    builder.hold(rest);
                }
            }
        }
        return builder.build();
    }

    private static Posture endRange(RoutineStep step, int side, double extraDegrees) {
        return switch (step.movement()) {
            case EXTENSION -> Routines.spine(0, -(range(step, DEFAULT_EXTENSION_DEGREES) + extraDegrees), 0, 0);
            case SUPPORTED_EXTENSION -> {
                double extension = range(step, DEFAULT_EXTENSION_DEGREES) + extraDegrees;
                yield Routines.spine(-0.25 * extension, -extension, 0, 0);
            }
            case SIDE_BEND -> {
                double bend = range(step, DEFAULT_SIDE_BEND_DEGREES) + extraDegrees;
                yield new Posture(0, 0, 0.2 * side * bend, 0, 0.2 * bend, side * bend, 0);
            }
            case TWIST -> Routines.spine(0, 2, 0, side * (range(step, DEFAULT_TWIST_DEGREES) + extraDegrees));
            case LUNGE_TWIST -> Routines.spine(15, 5, 0, side * (range(step, DEFAULT_TWIST_DEGREES) + extraDegrees));
            default -> throw new IllegalArgumentException("not a movement of repetitions: " + step.movement());
        };
    }
}
