// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.math.Vector3;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Whether a {@link StoredCalibration} still fits the strap as it is worn today. Before the session:
 * it must come from the same chips and be at most {@link Settings#maximumAgeDays} old (and not
 * dated more than {@link #FUTURE_TOLERANCE_DAYS} after now: a Raspberry Pi without a network has no
 * trustworthy clock). Then a short silent
 * check at the start of the session: the wearer stands still and upright, and each sensor's up
 * direction (its mean accelerometer reading over the check window) must lie within
 * {@link Settings#toleranceDegrees} of the stored one, with the trunk still (its gyroscope offsets
 * measurable, as a stand needs). A strap re-mounted differently, a sensor turned or moved to
 * where the back is inclined differently, or a different posture in the check shows as a deviation. A strap
 * rotated about the spine's own axis cannot be seen by gravity, by the check as by a stand.
 */
public final class CalibrationCheck {

    /** The check's window ends this long before the check does, s: the decision is in before the pacer needs it. */
    public static final double DECISION_LEAD_SECONDS = 0.5;

    /**
     * The rules of the check.
     *
     * @param checkSeconds how long the opening check lasts, s, 3.5..10 (default 3.5; its
     *     window, from 0.5 s to 0.5 s before its end, must hold more than the 2 s still run a gyroscope
     *     offset needs, or any tremor refuses it): the wearer stands
     *     still; its window runs from the stand's settling time (0.5 s) to {@value #DECISION_LEAD_SECONDS} s
     *     before its end, and must hold the 2 s of stillness a gyroscope offset needs. Raising it
     *     measures more calmly and saves less of the stand
     * @param toleranceDegrees largest angle between a sensor's up direction in the check and the stored
     *     one, degrees, 0.5..20 (default 3): a neutral this far off the stored one is accepted, so
     *     the angles may be off by up to it; raising it refuses fewer checks
     * @param maximumAgeDays a stored calibration older than this is not used, days, 0..365 (default 7)
     */
    public record Settings(double checkSeconds, double toleranceDegrees, double maximumAgeDays) {

        public static final Settings DEFAULTS = new Settings(3.5, 3, 7);

        public Settings {
            if (!(checkSeconds >= 3.5 && checkSeconds <= 10)) {
                throw new IllegalArgumentException("the calibration check must last 3.5..10 s, was " + checkSeconds);
            }
            if (!(toleranceDegrees >= 0.5 && toleranceDegrees <= 20)) {
                throw new IllegalArgumentException("the check's tolerance must be 0.5..20°, was " + toleranceDegrees);
            }
            if (!(maximumAgeDays >= 0 && maximumAgeDays <= 365)) {
                throw new IllegalArgumentException("a stored calibration's age limit must be 0..365 days, was " + maximumAgeDays);
            }
        }

        /** Where the check's window starts, s of session time: as the stand's ({@code neutralStartSeconds}). */
        public double windowStartSeconds(SpinalAngleSettings spinal) {
            return spinal.neutralStartSeconds();
        }

        /** Where the check's window ends, s of session time. */
        public double windowEndSeconds() {
            return checkSeconds - DECISION_LEAD_SECONDS;
        }
    }

    /**
     * What the check found.
     *
     * @param accepted whether the stored calibration is used
     * @param upperDeviationDegrees angle between the upper sensor's up direction in the check and the stored one, degrees
     * @param lowerDeviationDegrees the same for the lower sensor
     * @param refusal why it was refused, one clause; empty when accepted
     */
    public record Result(boolean accepted, double upperDeviationDegrees, double lowerDeviationDegrees, String refusal) {

        /** The larger of the two deviations, degrees (NaN when the check measured none). */
        public double deviationDegrees() {
            return Math.max(upperDeviationDegrees, lowerDeviationDegrees);
        }

        /** Refused without measuring (e.g. the check's samples did not come in time). */
        public static Result refusedUnmeasured(String refusal) {
            return new Result(false, Double.NaN, Double.NaN, refusal);
        }
    }

    /**
     * A stored calibration dated up to this far after the strap's clock is still taken as made now,
     * days (1 hour): the clock of a Pi without a real-time clock steps when the network sets it, and
     * may have been set a little differently when the calibration was stored. Further ahead, the
     * clock (or the file's date) cannot be trusted and the calibration is not used.
     */
    public static final double FUTURE_TOLERANCE_DAYS = 1.0 / 24;

    private CalibrationCheck() {
    }

    /**
     * Why {@code stored} cannot serve a session on {@code chips} starting at {@code now}, whatever a
     * check would measure; null if a check may accept it.
     */
    public static String refusalBefore(StoredCalibration stored, String chips, Instant now, Settings settings) {
        if (!stored.chips().equals(chips)) {
            return "it was measured with other chips (" + stored.chips() + ", now " + chips + ")";
        }
        double ageDays = ageDays(stored, now);
        if (ageDays < -FUTURE_TOLERANCE_DAYS) {
            return "it is dated " + stored.calibratedAt() + ", after the strap's clock (" + now + "): the clock cannot be trusted";
        }
        if (ageDays > settings.maximumAgeDays()) {
            return String.format(Locale.ROOT, "it is %.1f days old (at most %s allowed)", ageDays,
                    number(settings.maximumAgeDays()));
        }
        return null;
    }

    /** How old {@code stored} is at {@code now}, days (negative when dated after now). */
    public static double ageDays(StoredCalibration stored, Instant now) {
        return Duration.between(stored.calibratedAt(), now).toMillis() / 86_400_000.0;
    }

    /**
     * The check: the up directions the sensors measured over its window ({@code upperUp},
     * {@code lowerUp}, any length) against the stored ones, and whether the trunk was still.
     */
    public static Result judge(StoredCalibration stored, Vector3 upperUp, Vector3 lowerUp, boolean still, Settings settings) {
        double upper = angleDegrees(stored.upperUp(), upperUp);
        double lower = angleDegrees(stored.lowerUp(), lowerUp);
        String refusal = "";
        if (!still) {
            refusal = "the trunk was not still for 2 s of the check";
        } else if (!(upper <= settings.toleranceDegrees()) || !(lower <= settings.toleranceDegrees())) {
            boolean upperWorse = !(upper <= lower);
            refusal = String.format(Locale.ROOT, "the %s sensor's up direction is %.1f° from the stored one (%s° allowed): "
                    + "the strap sits differently or the wearer stood differently", upperWorse ? "upper" : "lower",
                    upperWorse ? upper : lower, number(settings.toleranceDegrees()));
        }
        return new Result(refusal.isEmpty(), upper, lower, refusal);
    }

    /** The angle between two directions, degrees; NaN if either has no length. */
    static double angleDegrees(Vector3 first, Vector3 second) {
        double norms = first.norm() * second.norm();
        if (!(norms > 0)) {
            return Double.NaN;
        }
        return Math.toDegrees(Math.atan2(first.cross(second).norm(), first.dot(second)));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
