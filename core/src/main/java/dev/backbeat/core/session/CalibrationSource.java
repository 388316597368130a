// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a guided session's calibration came from: a neutral stand, or the calibration stored by an
 * earlier session after a short check agreed with it; and when a stored one was asked for but not
 * used, why.
 *
 * @param kind stand or stored
 * @param ageDays how old the stored calibration was, days; NaN for a stand that checked none
 * @param deviationDegrees the larger of the two sensors' angles between their up direction in the
 *     check and the stored one, degrees; NaN when no check measured one
 * @param refusal why the stored calibration was not used, one clause; empty when it was, or when
 *     the profile asked for a stand
 */
public record CalibrationSource(Kind kind, double ageDays, double deviationDegrees, String refusal) {

    /** Where the calibration came from. */
    public enum Kind {
        /** A neutral stand in this session. */
        STAND,
        /** The calibration stored by an earlier session, after this session's check agreed with it. */
        STORED
    }

    /** A stand, as the profile asked (no stored calibration wanted). */
    public static final CalibrationSource STAND = new CalibrationSource(Kind.STAND, Double.NaN, Double.NaN, "");

    public CalibrationSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(refusal, "refusal");
        if (kind == Kind.STORED && !refusal.isEmpty()) {
            throw new IllegalArgumentException("a stored calibration that was used has no refusal");
        }
    }

    /** The stored calibration, {@code ageDays} old, used after a check that deviated by {@code deviationDegrees}. */
    public static CalibrationSource stored(double ageDays, double deviationDegrees) {
        return new CalibrationSource(Kind.STORED, ageDays, deviationDegrees, "");
    }

    /** A stand because the stored calibration was refused for {@code refusal} (deviation NaN when not checked). */
    public static CalibrationSource standAfterRefusal(String refusal, double ageDays, double deviationDegrees) {
        if (refusal.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs its reason");
        }
        return new CalibrationSource(Kind.STAND, ageDays, deviationDegrees, refusal);
    }

    /**
     * One line for people, with the stretch of session time the calibration used: {@code stored
     * calibration 1.0 days old, check 0.5-3.0 s agreed within 0.4°}, {@code neutral stand 4.0-7.0 s
     * (the stored calibration was refused: ...)}, {@code neutral stand 0.5-3.5 s}.
     */
    public String describe(double startSeconds, double endSeconds) {
        String stretch = String.format(Locale.ROOT, "%.1f-%.1f s", startSeconds, endSeconds);
        if (kind == Kind.STORED) {
            return String.format(Locale.ROOT, "stored calibration %.1f days old, check %s agreed within %.1f°", ageDays, stretch,
                    deviationDegrees);
        }
        return "neutral stand " + stretch + (refusal.isEmpty() ? "" : " (the stored calibration was refused: " + refusal + ")");
    }
}
