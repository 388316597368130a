// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.util.Locale;

/**
 * The guards of a guided routine, run on the strap's streaming spinal angles: hyperextension beyond
 * the person's limit (with hysteresis, an all-clear when back within it, and a refractory time so a
 * wearer hovering at the limit gets one alert, not a storm), staying at end range longer than the
 * step allows, and moving faster than a step of slow control allows. Only the guards a step lists
 * run in it; a snooze silences them for the rest of the step.
 *
 * <p>Streaming: call {@link #update} with non-decreasing times; no allocation per call except when
 * an alert is raised.
 */
public final class MovementGuards {

    /**
     * Settings of the guards.
     *
     * @param hysteresisDegrees an alert re-arms once the angle is this far back inside the limit, degrees (default 2)
     * @param refractorySeconds after an alert, the same guard stays quiet this long, s (default 10)
     * @param endRangeFraction end range begins at this share of the range the step asks for (default 0.7)
     * @param endRangeDegrees end range where a step asks for no range: this far from neutral, degrees (default 10)
     * @param speedMargin a step's movement may be this many times faster than its tempo asks (default 3)
     * @param minimumSpeedLimitDegreesPerSecond the speed limit is never below this, °/s (default 30)
     */
    public record Settings(double hysteresisDegrees, double refractorySeconds, double endRangeFraction, double endRangeDegrees,
                           double speedMargin, double minimumSpeedLimitDegreesPerSecond) {

        public static final Settings DEFAULTS = new Settings(2, 10, 0.7, 10, 3, 30);
    }

    /**
     * Of the movement out (the step's tempo) and back (its exhale), this share is allowed at end
     * range on top of the step's hold limit: a minimum-jerk movement spends about 38 % of its time
     * beyond 70 % of its range, a slower real one more.
     */
    static final double MOVEMENT_SHARE_AT_END_RANGE = 0.5;

    /** Speed is measured over this interval, s (as the rhythm detector measures it). */
    static final double SPEED_INTERVAL_SECONDS = 0.4;

    private final Settings settings;
    private final double extensionLimitDegrees;
    private int stepIndex = -1;
    private boolean snoozed;
    private boolean hyperextended;
    private double lastHyperextensionAlertSeconds = Double.NEGATIVE_INFINITY;
    private double endRangeSinceSeconds = Double.NaN;
    private boolean endRangeAlerted;
    private double lastSpeedAlertSeconds = Double.NEGATIVE_INFINITY;
    private final double[] speedTimes = new double[256];
    private final double[][] speedAngles = new double[256][3];
    private int speedCount;
    private int speedHead;

    /**
     * @param settings the guards' settings
     * @param extensionLimitDegrees the person's extension limit, degrees from neutral (from the
     *     profile; a limit given as a share of the measured range resolved by the caller)
     */
    public MovementGuards(Settings settings, double extensionLimitDegrees) {
        if (!(extensionLimitDegrees > 0)) {
            throw new IllegalArgumentException("the extension limit must be positive degrees, was " + extensionLimitDegrees);
        }
        this.settings = settings;
        this.extensionLimitDegrees = extensionLimitDegrees;
    }

    /** Silences every guard until step {@code index} ends; returns the alert that records it. */
    public GuardAlert snooze(double timeSeconds, int index) {
        if (index != stepIndex) {
            enterStep(index);
        }
        snoozed = true;
        return new GuardAlert(timeSeconds, GuardAlert.Kind.SNOOZED, index, "guards snoozed for the rest of the step");
    }

    private void enterStep(int index) {
        stepIndex = index;
        snoozed = false;
        endRangeSinceSeconds = Double.NaN;
        endRangeAlerted = false;
    }

    /**
     * One sample of the spinal angles in step {@code step} (number {@code index}); returns the alert
     * it raises, or null.
     */
    public GuardAlert update(double timeSeconds, double flexionDegrees, double sideBendDegrees, double twistDegrees,
                             RoutineStep step, int index) {
        if (index != stepIndex) {
            enterStep(index);
        }
        double speed = speedDegreesPerSecond(timeSeconds, flexionDegrees, sideBendDegrees, twistDegrees);
        if (snoozed || step.guards().isEmpty()) {
            return null;
        }
        if (step.guards().contains(Guard.HYPEREXTENSION)) {
            GuardAlert alert = hyperextension(timeSeconds, -flexionDegrees);
            if (alert != null) {
                return alert;
            }
        }
        if (step.guards().contains(Guard.END_RANGE_HOLD)) {
            GuardAlert alert = endRangeHold(timeSeconds, dominantDegrees(step, flexionDegrees, sideBendDegrees, twistDegrees), step);
            if (alert != null) {
                return alert;
            }
        }
        if (step.guards().contains(Guard.SPEED) && step.repetitions() > 0) {
            double range = Double.isNaN(step.rangeDegrees()) ? settings.endRangeDegrees() / settings.endRangeFraction() : step.rangeDegrees();
            double limit = Math.max(settings.minimumSpeedLimitDegreesPerSecond(),
                    settings.speedMargin() * range / step.movementOutSeconds());
            if (speed > limit && timeSeconds - lastSpeedAlertSeconds >= settings.refractorySeconds()) {
                lastSpeedAlertSeconds = timeSeconds;
                return new GuardAlert(timeSeconds, GuardAlert.Kind.TOO_FAST, stepIndex, String.format(Locale.ROOT,
                        "moving at %.0f°/s, faster than the %.0f°/s this step's slow control allows", speed, limit));
            }
        }
        return null;
    }

    private GuardAlert hyperextension(double timeSeconds, double extensionDegrees) {
        if (!hyperextended && extensionDegrees > extensionLimitDegrees
                && timeSeconds - lastHyperextensionAlertSeconds >= settings.refractorySeconds()) {
            hyperextended = true;
            lastHyperextensionAlertSeconds = timeSeconds;
            return new GuardAlert(timeSeconds, GuardAlert.Kind.HYPEREXTENSION, stepIndex, String.format(Locale.ROOT,
                    "extension past the %.0f° limit", extensionLimitDegrees));
        }
        if (hyperextended && extensionDegrees < extensionLimitDegrees - settings.hysteresisDegrees()) {
            hyperextended = false;
            return new GuardAlert(timeSeconds, GuardAlert.Kind.BACK_IN_RANGE, stepIndex, String.format(Locale.ROOT,
                    "back within the %.0f° extension limit", extensionLimitDegrees));
        }
        return null;
    }

    private GuardAlert endRangeHold(double timeSeconds, double dominantDegrees, RoutineStep step) {
        double endRange = Double.isNaN(step.rangeDegrees()) ? settings.endRangeDegrees() : settings.endRangeFraction() * step.rangeDegrees();
        if (Math.abs(dominantDegrees) < endRange) {
            endRangeSinceSeconds = Double.NaN;
            endRangeAlerted = false;
            return null;
        }
        if (Double.isNaN(endRangeSinceSeconds)) {
            endRangeSinceSeconds = timeSeconds;
        }
        double held = timeSeconds - endRangeSinceSeconds;
        // the end range is entered on the way out and left on the way back: half of each movement counts on top
        double limit = step.repetitions() == 0 ? RoutineStep.DEFAULT_HOLD_MARGIN_SECONDS
                : step.holdLimitSeconds() + MOVEMENT_SHARE_AT_END_RANGE * (step.movementOutSeconds() + step.breath().exhaleSeconds());
        if (!endRangeAlerted && held > limit) {
            endRangeAlerted = true;
            return new GuardAlert(timeSeconds, GuardAlert.Kind.END_RANGE_HOLD, stepIndex, String.format(Locale.ROOT,
                    "at end range for %.0f s, longer than the %.0f s this step allows", held, limit));
        }
        return null;
    }

    /** The angle a step moves ({@link Movement#dominantAngle()}). */
    private static double dominantDegrees(RoutineStep step, double flexion, double sideBend, double twist) {
        int angle = step.movement().dominantAngle();
        return angle == Movement.SIDE_BEND_ANGLE ? sideBend : angle == Movement.TWIST_ANGLE ? twist : flexion;
    }

    /** Angular speed over the last {@value #SPEED_INTERVAL_SECONDS} s, °/s, from a ring of recent samples. */
    private double speedDegreesPerSecond(double timeSeconds, double flexion, double sideBend, double twist) {
        speedTimes[speedHead] = timeSeconds;
        speedAngles[speedHead][0] = flexion;
        speedAngles[speedHead][1] = sideBend;
        speedAngles[speedHead][2] = twist;
        int newest = speedHead;
        speedHead = (speedHead + 1) % speedTimes.length;
        speedCount = Math.min(speedCount + 1, speedTimes.length);
        int oldest = newest;
        for (int back = 1; back < speedCount; back++) {
            int candidate = (newest - back + speedTimes.length) % speedTimes.length;
            if (timeSeconds - speedTimes[candidate] > SPEED_INTERVAL_SECONDS) {
                break;
            }
            oldest = candidate;
        }
        double dt = timeSeconds - speedTimes[oldest];
        if (!(dt >= 0.5 * SPEED_INTERVAL_SECONDS)) {
            return 0;
        }
        double sum = 0;
        for (int angle = 0; angle < 3; angle++) {
            double change = speedAngles[newest][angle] - speedAngles[oldest][angle];
            sum += change * change;
        }
        return Math.sqrt(sum) / dt;
    }
}
