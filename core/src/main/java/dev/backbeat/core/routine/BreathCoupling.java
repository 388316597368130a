// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the movement followed the breath cue: per repetition of a step, the lag of the movement
 * out behind the inhale cue that should begin it, and a coupling score per set.
 *
 * <p>The lag is measured where a movement is steepest and so best timed: the moment the step's
 * angle is half-way out from neutral to the repetition's peak, against the moment it should be there, the cue
 * plus half the step's movement-out time. A wearer who starts late by 1 s (at the same speed) has a
 * lag of 1 s; one who rushes out reaches half-way early. The lag in degrees is its share of the
 * breath cycle × 360.
 *
 * <p>The set's coupling score is the mean over its repetitions of max(0, cos(lag in degrees)): 1
 * when every movement is on its cue, 0 when each is a quarter of a breath or more off.
 */
public final class BreathCoupling {

    /**
     * One repetition's coupling.
     *
     * @param cueSeconds the inhale cue that began it, session time, s
     * @param lagSeconds how late the movement was (negative: early), s; NaN if no movement out was found
     * @param lagDegrees the lag as degrees of the breath cycle
     */
    public record RepetitionCoupling(double cueSeconds, double lagSeconds, double lagDegrees) {
    }

    /**
     * One set's coupling.
     *
     * @param stepIndex the step, 0-based
     * @param repetitions each repetition's
     * @param score the coupling score, 0..1; NaN without repetitions
     * @param meanLagSeconds the mean lag, s; NaN without repetitions
     */
    public record SetCoupling(int stepIndex, List<RepetitionCoupling> repetitions, double score, double meanLagSeconds) {
        public SetCoupling {
            repetitions = List.copyOf(repetitions);
        }
    }

    /** A movement out must reach this far from its rest level to be timed, degrees (breathing moves the trunk by under 1°). */
    static final double MINIMUM_EXCURSION_DEGREES = 4;

    private BreathCoupling() {
    }

    /**
     * The coupling of a step of repetitions.
     *
     * @param stepIndex the step's number, 0-based
     * @param step the step as the pacer conducted it
     * @param breathPeriodSeconds the breath period in the step, s
     * @param repetitionCueSeconds the inhale cues that began its repetitions, session time, s
     * @param time sample times, s, increasing
     * @param angleDegrees the step's dominant angle at each sample (flexion for extensions, side bend
     *     for side bends, twist for twists), degrees
     */
    public static SetCoupling of(int stepIndex, RoutineStep step, double breathPeriodSeconds, List<Double> repetitionCueSeconds,
                                 double[] time, double[] angleDegrees) {
        return of(stepIndex, step, java.util.Collections.nCopies(repetitionCueSeconds.size(), breathPeriodSeconds),
                repetitionCueSeconds, time, angleDegrees);
    }

    /**
     * As above, with each repetition's own breath period (a pacer gliding from the wearer's breathing
     * to the step's): a movement out over the inhale (a step without a tempo of its own) is expected
     * over that breath's inhale.
     */
    public static SetCoupling of(int stepIndex, RoutineStep step, List<Double> breathPeriodSeconds,
                                 List<Double> repetitionCueSeconds, double[] time, double[] angleDegrees) {
        double[] lags = new double[repetitionCueSeconds.size()];
        for (int index = 0; index < lags.length; index++) {
            double cue = repetitionCueSeconds.get(index);
            double breathPeriod = breathPeriodSeconds.get(index);
            double out = Double.isNaN(step.tempoSeconds()) ? step.breath().inhaleSeconds() * breathPeriod
                    / step.breath().periodSeconds() : step.tempoSeconds();
            double repetitionSeconds = Math.max(1, step.breathsPerRepetition()) * breathPeriod;
            double from = cue - 0.5 * out;
            double to = Math.min(cue + repetitionSeconds, cue + 2.5 * out + step.holdSeconds());
            lags[index] = lagSeconds(time, angleDegrees, cue, from, to, out);
        }
        return scored(stepIndex, repetitionCueSeconds, breathPeriodSeconds, lags);
    }

    /** The set's repetitions from their lags (NaN: not timed) and its score and mean lag over the timed ones. */
    private static SetCoupling scored(int stepIndex, List<Double> cueSeconds, List<Double> periodSeconds, double[] lags) {
        List<RepetitionCoupling> repetitions = new ArrayList<>();
        double scoreSum = 0;
        double lagSum = 0;
        int timed = 0;
        for (int index = 0; index < lags.length; index++) {
            double lag = lags[index];
            double degrees = 360 * lag / periodSeconds.get(index);
            repetitions.add(new RepetitionCoupling(cueSeconds.get(index), lag, degrees));
            if (!Double.isNaN(lag)) {
                scoreSum += Math.max(0, Math.cos(Math.toRadians(degrees)));
                lagSum += lag;
                timed++;
            }
        }
        return new SetCoupling(stepIndex, repetitions, timed == 0 ? Double.NaN : scoreSum / timed,
                timed == 0 ? Double.NaN : lagSum / timed);
    }

    /**
     * The coupling of a flow (cat-cow), where the breath conducts a continuous movement: each inhale
     * should carry the spine from the cat (or neutral) into the cow, each exhale back. Per cycle the
     * lag is measured where the move into extension is steepest: the moment the flexion is half-way
     * between the turn before it and the extension peak, against the middle of the inhale (the move
     * should span it, from the inhale cue to the exhale cue).
     *
     * @param inhaleCueSeconds the inhale cues that began the cycles, session time, s
     * @param inhaleSeconds each cycle's inhale, s (the same length as the cues)
     * @param periodSeconds each cycle's breath period, s
     * @param flexionDegrees spinal flexion at each sample (extension negative), degrees
     */
    public static SetCoupling ofFlow(int stepIndex, List<Double> inhaleCueSeconds, List<Double> inhaleSeconds,
                                     List<Double> periodSeconds, double[] time, double[] flexionDegrees) {
        double[] lags = new double[inhaleCueSeconds.size()];
        for (int index = 0; index < lags.length; index++) {
            lags[index] = flowLagSeconds(time, flexionDegrees, inhaleCueSeconds.get(index), inhaleSeconds.get(index),
                    periodSeconds.get(index));
        }
        return scored(stepIndex, inhaleCueSeconds, periodSeconds, lags);
    }

    /** One flow cycle's lag: the half-way crossing into extension against the middle of the inhale; NaN if none. */
    private static double flowLagSeconds(double[] time, double[] flexion, double cue, double inhaleSeconds, double periodSeconds) {
        // the extension peak: within a quarter breath either side of the exhale cue, where the turn should be
        int first = lowerBound(time, cue + inhaleSeconds - 0.25 * periodSeconds);
        int last = lowerBound(time, cue + inhaleSeconds + 0.25 * periodSeconds) - 1;
        if (last - first < 4) {
            return Double.NaN;
        }
        int peak = first;
        for (int index = first; index <= last; index++) {
            if (flexion[index] < flexion[peak]) {
                peak = index;
            }
        }
        // the turn before it: the most flexed within the breath before the peak
        int start = lowerBound(time, time[peak] - 0.75 * periodSeconds);
        int turn = start;
        for (int index = start; index <= peak; index++) {
            if (flexion[index] > flexion[turn]) {
                turn = index;
            }
        }
        if (flexion[turn] - flexion[peak] < MINIMUM_EXCURSION_DEGREES) {
            return Double.NaN;
        }
        double half = 0.5 * (flexion[turn] + flexion[peak]);
        for (int index = turn + 1; index <= peak; index++) {
            if (flexion[index] <= half && flexion[index - 1] > half) {
                double previous = flexion[index - 1];
                double share = previous == flexion[index] ? 0 : (half - previous) / (flexion[index] - previous);
                double crossing = time[index - 1] + share * (time[index] - time[index - 1]);
                return crossing - (cue + 0.5 * inhaleSeconds);
            }
        }
        return Double.NaN;
    }

    private static double lagSeconds(double[] time, double[] angle, double cue, double from, double to, double outSeconds) {
        int first = lowerBound(time, from);
        int last = lowerBound(time, to) - 1;
        if (last - first < 4) {
            return Double.NaN;
        }
        // measured from neutral, where every repetition starts and ends (the angles are relative to it)
        double rest = 0;
        int peak = first;
        for (int index = first; index <= last; index++) {
            if (Math.abs(angle[index] - rest) > Math.abs(angle[peak] - rest)) {
                peak = index;
            }
        }
        double excursion = angle[peak] - rest;
        if (Math.abs(excursion) < MINIMUM_EXCURSION_DEGREES) {
            return Double.NaN;
        }
        double half = rest + 0.5 * excursion;
        for (int index = first + 1; index <= peak; index++) {
            // a crossing from the near side only: a movement already past half-way when the window opens
            // (still out from the repetition before) has no crossing here, not one extrapolated from two samples
            boolean crossed = excursion > 0 ? angle[index] >= half && angle[index - 1] < half
                    : angle[index] <= half && angle[index - 1] > half;
            if (crossed) {
                double previous = angle[index - 1];
                double share = previous == angle[index] ? 0 : (half - previous) / (angle[index] - previous);
                double crossing = time[index - 1] + share * (time[index] - time[index - 1]);
                return crossing - (cue + 0.5 * outSeconds);
            }
        }
        return Double.NaN;
    }

    private static int lowerBound(double[] time, double value) {
        int found = java.util.Arrays.binarySearch(time, value);
        return found >= 0 ? found : -found - 1;
    }
}
