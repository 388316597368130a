// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

import dev.backbeat.core.pacer.GuidedPacer;
import dev.backbeat.core.routine.GuidedRoutine;
import dev.backbeat.core.routine.Profile;
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

    /** The script of {@code routine} as the wearer does it with {@code deviations}, on the pacer's cues. */
    public static Routine of(GuidedRoutine routine, Deviations deviations) {
        return of(routine, deviations, 0, Double.NaN);
    }

    /**
     * The script of {@code routine} as a wearer who breathes {@code ownBreathsPerMinute} does it with
     * {@code deviations}, on the cues of a pacer that glides from that rate to each step's over
     * {@code glideSeconds} (as the strap's does once it measured the wearer's breathing in the silent
     * opening stand); without a glide ({@code glideSeconds} 0 or the rate NaN) on the cues of a
     * pacer at each step's own rate. Each repetition begins on its cue and lasts until the next: the
     * wearer's script is laid on the pacer's timing, run through here as the strap runs it.
     */
    public static Routine of(GuidedRoutine routine, Deviations deviations, double glideSeconds, double ownBreathsPerMinute) {
        return of(routine, deviations, glideSeconds, ownBreathsPerMinute, null);
    }

    /**
     * As {@link #of(GuidedRoutine, Deviations, double, double)}, the routine's opening neutral stand
     * being {@code openingStand} (null: a stand of the routine's length): the strap sets its length
     * as the session goes (a check of a stored calibration, the full stand after a refusal), and the
     * rest of the script follows its end.
     */
    public static Routine of(GuidedRoutine routine, Deviations deviations, double glideSeconds, double ownBreathsPerMinute,
                             OpeningStand openingStand) {
        boolean glides = glideSeconds > 0 && !Double.isNaN(ownBreathsPerMinute);
        GuidedPacer pacer = new GuidedPacer(routine, new GuidedPacer.Settings(Profile.CuePattern.ENVELOPE, 0.8,
                glides ? glideSeconds : 0, glides && !pacerMeasures(routine) ? ownBreathsPerMinute : Double.NaN));
        if (glides) {
            pacer.measuredBreathing(ownBreathsPerMinute);
        }
        double end = runToEnd(pacer);
        List<GuidedPacer.StepStart> steps = pacer.stepStarts();
        List<RoutinePhase> phases = new ArrayList<>();
        for (int index = 0; index < steps.size(); index++) {
            GuidedPacer.StepStart start = steps.get(index);
            double stepEnd = index + 1 < steps.size() ? steps.get(index + 1).startSeconds() : end;
            RoutineStep step = routine.steps().get(start.stepIndex());
            List<GuidedPacer.RepetitionStart> cues = pacer.repetitionStarts().stream()
                    .filter(repetition -> repetition.stepIndex() == start.stepIndex()).toList();
            List<double[]> timing = new ArrayList<>(); // per repetition (each side one): its length and breath period, s
            for (int repetition = 0; repetition < cues.size(); repetition++) {
                double next = repetition + 1 < cues.size() ? cues.get(repetition + 1).cueSeconds() : stepEnd;
                timing.add(new double[] {next - cues.get(repetition).cueSeconds(), cues.get(repetition).breathPeriodSeconds()});
            }
            switch (step.movement()) {
                case NEUTRAL_STAND, REST -> phases.add(index == 0 && openingStand != null ? openingStand
                        : new NeutralStand(stepEnd - start.startSeconds()));
                case CAT_COW -> phases.add(flow(step, deviations, timing));
                default -> phases.add(repetitions(step, deviations, timing));
            }
        }
        return new Routine(phases);
    }

    /** Whether the pacer measures the breathing in the routine's opening stand (it opens with one). */
    private static boolean pacerMeasures(GuidedRoutine routine) {
        return routine.steps().get(0).movement() == dev.backbeat.core.routine.Movement.NEUTRAL_STAND;
    }

    /** Runs a pacer through its routine; returns when it finished, s. */
    private static double runToEnd(GuidedPacer pacer) {
        double time = 0;
        pacer.update(time);
        while (!pacer.finished()) {
            time = pacer.nextChangeSeconds(time);
            pacer.update(time);
        }
        return time;
    }

    private static double range(RoutineStep step, double otherwise) {
        return Double.isNaN(step.rangeDegrees()) ? otherwise : step.rangeDegrees();
    }

    /** Forward lean of the pelvis in a standing cat-cow (hands on the thighs), degrees. */
    static final double FLOW_HIP_HINGE_DEGREES = 25;
    /** Share of the last exhale of a flow spent rounding into the last cat; the rest returns upright. */
    static final double LAST_CAT_SHARE = 0.6;
    /** Pelvic counter-tilt per degree of spinal angle in the flow (the pelvis tucks in the cat). */
    static final double FLOW_PELVIS_COUPLING = 0.3;

    /**
     * A cat-cow flow as the pacer conducts it: hinged forward at the hips, the wearer arches into the
     * cow over each inhale and rounds into the cat over the exhale and the rest of the repetition's
     * breaths, turning at the cues; the last exhale rounds into the last cat and returns upright. A lag delays the whole flow, a
     * tempo factor stretches each move (the repetition keeps its breaths where it can).
     */
    private static KeyframePhase flow(RoutineStep step, Deviations deviations, List<double[]> timing) {
        double flexion = DEFAULT_FLEXION_DEGREES;
        double extension = range(step, DEFAULT_EXTENSION_DEGREES) + deviations.extraRangeDegrees();
        Posture cow = new Posture(0, FLOW_HIP_HINGE_DEGREES + FLOW_PELVIS_COUPLING * extension, 0, 0, -extension, 0, 0);
        Posture cat = new Posture(0, FLOW_HIP_HINGE_DEGREES - FLOW_PELVIS_COUPLING * flexion, 0, 0, flexion, 0, 0);
        KeyframePhase.Builder builder = new KeyframePhase.Builder("cat-cow", Posture.UPRIGHT);
        if (deviations.lagSeconds() > 0) {
            builder.hold(deviations.lagSeconds());
        }
        for (int repetition = 0; repetition < timing.size(); repetition++) {
            boolean last = repetition == timing.size() - 1;
            double repetitionSeconds = timing.get(repetition)[0];
            double inhale = step.breath().inhaleSecondsAt(timing.get(repetition)[1]);
            double in = inhale * deviations.tempoFactor();
            double out = (repetitionSeconds - inhale) * deviations.tempoFactor();
            builder.moveTo(cow, in);
            if (last) {
                // the last cat, then upright within the same exhale
                builder.moveTo(cat, LAST_CAT_SHARE * out).moveTo(Posture.UPRIGHT, (1 - LAST_CAT_SHARE) * out);
                continue;
            }
            builder.moveTo(cat, out);
            double spare = repetitionSeconds - in - out;
            if (spare > 0) {
                builder.hold(spare);
            }
        }
        return builder.build();
    }

    /**
     * A step of repetitions (each side one): out over the tempo (or the inhale), hold, back over the
     * exhale, rest to the next cue.
     */
    private static KeyframePhase repetitions(RoutineStep step, Deviations deviations, List<double[]> timing) {
        KeyframePhase.Builder builder = new KeyframePhase.Builder(step.movement().fileName(), Posture.UPRIGHT);
        int sides = step.movement().sided() ? 2 : 1;
        for (int repetition = 0; repetition < timing.size(); repetition++) {
            double repetitionSeconds = timing.get(repetition)[0];
            double period = timing.get(repetition)[1];
            double out = (Double.isNaN(step.tempoSeconds()) ? step.breath().inhaleSecondsAt(period) : step.tempoSeconds())
                    * deviations.tempoFactor();
            double back = step.breath().exhaleSecondsAt(period) * deviations.tempoFactor();
            // the repetition keeps its breaths: what the lag and a slower movement take comes off the rest, then the hold
            double spare = repetitionSeconds - out - step.holdSeconds() - back - deviations.lagSeconds();
            double hold = Math.max(0, step.holdSeconds() + Math.min(0, spare));
            double rest = Math.max(0, spare);
            int sign = repetition % sides == 0 ? 1 : -1;
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
