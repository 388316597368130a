// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.util.ArrayList;
import java.util.List;

/**
 * What fits one person: range limits, tempo, breathing, holds, cue strength and which routines.
 * Read from a profile file ({@link ProfileFile}) or built in ({@link BuiltInProfiles}). Values left
 * unset (NaN, null) keep the routine's.
 *
 * @param name short name
 * @param title one line for people
 * @param extensionLimit hyperextension guard limit
 * @param flexionLimit flexion limit (reported; a range asked for beyond it is lowered to it)
 * @param breathsPerMinute the pacer's rate in every step, breaths/min; NaN keeps the routine's
 * @param inhaleParts inhale share of the ratio; NaN keeps the routine's
 * @param exhaleParts exhale share; NaN keeps the routine's
 * @param holdSeconds end-range hold of every holding step, s; NaN keeps the routine's
 * @param tempoScale the movement times a routine sets are multiplied by this (above 1: slower), 0.5..3;
 *     where the breath sets the tempo, the profile's breath rate does
 * @param cueStrength motor strength of the cues, 0.2..1
 * @param cuePattern how inhale and exhale are told apart by feel
 * @param glideMinutes the pacer starts at the breathing rate measured in the neutral stand and glides to
 *     its target over this long, minutes; 0 starts at the target
 * @param routines the routines this person does, in order
 * @param calibration whether each session stands for its calibration, or uses the one stored by an
 *     earlier session after a short check that it still fits
 */
public record Profile(
        String name,
        String title,
        RangeLimit extensionLimit,
        RangeLimit flexionLimit,
        double breathsPerMinute,
        double inhaleParts,
        double exhaleParts,
        double holdSeconds,
        double tempoScale,
        double cueStrength,
        CuePattern cuePattern,
        double glideMinutes,
        List<String> routines,
        Calibration calibration) {

    /** Where a session's calibration comes from. */
    public enum Calibration {
        /** A neutral stand at the start of every session (the default). */
        STAND,
        /**
         * The calibration the last still stand stored, after a short check that it still fits the
         * strap as worn (see {@code CalibrationCheck}); a stand when there is none or it does not fit.
         */
        STORED
    }

    /** A profile that stands for its calibration in every session. */
    public Profile(String name, String title, RangeLimit extensionLimit, RangeLimit flexionLimit, double breathsPerMinute,
                   double inhaleParts, double exhaleParts, double holdSeconds, double tempoScale, double cueStrength,
                   CuePattern cuePattern, double glideMinutes, List<String> routines) {
        this(name, title, extensionLimit, flexionLimit, breathsPerMinute, inhaleParts, exhaleParts, holdSeconds, tempoScale,
                cueStrength, cuePattern, glideMinutes, routines, Calibration.STAND);
    }

    /** How inhale and exhale cues feel. */
    public enum CuePattern {
        /** A rising envelope for the inhale, a falling one (stronger) for the exhale. */
        ENVELOPE,
        /** One pulse for the inhale, two (stronger) for the exhale. */
        PULSES
    }

    /**
     * A range a step asks for is at most this share of the person's limit, so that doing what is
     * asked (with breathing and sway on top) does not meet the hyperextension guard.
     */
    public static final double RANGE_SHARE_OF_LIMIT = 0.8;

    public Profile {
        routines = List.copyOf(routines);
        java.util.Objects.requireNonNull(calibration, "calibration");
    }

    /**
     * This profile with its limits given as a share of the person's measured range resolved to
     * degrees; a limit in degrees, or one whose measured range is unknown (NaN), stays as it is.
     *
     * @param measuredExtensionDegrees the largest extension measured in earlier sessions, degrees from neutral (positive)
     * @param measuredFlexionDegrees the largest flexion measured, degrees (positive)
     */
    public Profile withMeasuredRange(double measuredExtensionDegrees, double measuredFlexionDegrees) {
        RangeLimit extension = resolved(extensionLimit, measuredExtensionDegrees);
        RangeLimit flexion = resolved(flexionLimit, measuredFlexionDegrees);
        return new Profile(name, title, extension, flexion, breathsPerMinute, inhaleParts, exhaleParts, holdSeconds,
                tempoScale, cueStrength, cuePattern, glideMinutes, routines, calibration);
    }

    private static RangeLimit resolved(RangeLimit limit, double measuredDegrees) {
        return Double.isNaN(limit.degrees()) && measuredDegrees > 0
                ? RangeLimit.ofDegrees(limit.degrees(measuredDegrees)) : limit;
    }

    /**
     * With a glide, the opening neutral stand lasts at least this long, s: the breathing the glide
     * starts from is measured over it, and the breath estimate needs a window of 8 s and 1.5 breaths
     * (4 breaths at 12 /min, 2 at 6 /min). Default 20 s.
     */
    public static final double MEASURING_STAND_SECONDS = 30;

    /**
     * The routine as this person does it: with a glide, an opening neutral stand of at least
     * {@value #MEASURING_STAND_SECONDS} s (the pacer measures the person's breathing over it); the
     * profile's breath rate and ratio, hold and tempo scale in every step, ranges asked for capped at {@value #RANGE_SHARE_OF_LIMIT} of the profile's
     * extension limit in degrees, and each
     * step's breaths per repetition raised where the slower movement needs more.
     */
    public GuidedRoutine personalise(GuidedRoutine routine) {
        List<RoutineStep> steps = new ArrayList<>();
        for (RoutineStep step : routine.steps()) {
            BreathPattern breath = step.breath();
            if (!Double.isNaN(breathsPerMinute)) {
                breath = breath.withBreathsPerMinute(breathsPerMinute);
            }
            if (!Double.isNaN(inhaleParts)) {
                breath = breath.withRatio(inhaleParts, exhaleParts);
            }
            if (step.repetitions() == 0) {
                // a glide starts from the breathing measured in the opening stand: long enough for a few breaths
                double duration = steps.isEmpty() && step.movement() == Movement.NEUTRAL_STAND && glideMinutes > 0
                        ? Math.max(step.durationSeconds(), MEASURING_STAND_SECONDS) : step.durationSeconds();
                steps.add(new RoutineStep(step.movement(), 0, duration, 0, 0, Double.NaN, breath, Double.NaN,
                        step.guards(), Double.NaN));
                continue;
            }
            double hold = step.holdSeconds() > 0 && !Double.isNaN(holdSeconds) ? holdSeconds : step.holdSeconds();
            // a tempo the breath sets follows the new breath; one the routine sets is scaled
            double tempo = step.tempoSeconds() * tempoScale;
            // the breaths a repetition has beyond the fewest it needs stay; the fewest follow the changes
            double extraBreaths = step.breathsPerRepetition()
                    - RoutineStep.minimumBreaths(step.movementOutSeconds(), step.holdSeconds(), step.breath());
            double breaths = RoutineStep.minimumBreaths(Double.isNaN(tempo) ? breath.inhaleSeconds() : tempo, hold, breath)
                    + Math.max(0, extraBreaths);
            double range = step.rangeDegrees();
            RangeLimit limit = step.movement() == Movement.CAT_COW || step.movement() == Movement.EXTENSION
                    || step.movement() == Movement.SUPPORTED_EXTENSION ? extensionLimit : null;
            if (limit != null && !Double.isNaN(limit.degrees()) && !Double.isNaN(range)) {
                range = Math.min(range, RANGE_SHARE_OF_LIMIT * limit.degrees());
            }
            double holdLimit = Math.max(step.holdLimitSeconds() - step.holdSeconds() + hold, hold);
            steps.add(new RoutineStep(step.movement(), step.repetitions(), Double.NaN, breaths, hold, tempo, breath, range,
                    step.guards(), holdLimit));
        }
        return new GuidedRoutine(routine.name(), routine.title(), steps);
    }
}
