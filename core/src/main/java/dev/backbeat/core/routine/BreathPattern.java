// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.util.Locale;

/**
 * How the pacer paces the breath in a step: a rate, how each breath splits into inhale and exhale,
 * and an optional pause after the exhale (inside the breath's period).
 *
 * @param breathsPerMinute pacing rate, breaths/min, {@value #SLOWEST_BREATHS_PER_MINUTE}..{@value #FASTEST_BREATHS_PER_MINUTE} (default 6)
 * @param inhaleParts inhale share of the ratio inhale:exhale (default 4 of 4:6: the exhale longer)
 * @param exhaleParts exhale share of the ratio (default 6)
 * @param pauseSeconds pause after each exhale, s, 0 to half the period (default 0)
 */
public record BreathPattern(double breathsPerMinute, double inhaleParts, double exhaleParts, double pauseSeconds) {

    public static final double SLOWEST_BREATHS_PER_MINUTE = 3;
    public static final double FASTEST_BREATHS_PER_MINUTE = 10;

    /** 6 breaths/min, 4 s in and 6 s out. */
    public static final BreathPattern DEFAULT = new BreathPattern(6, 4, 6, 0);

    public BreathPattern {
        if (!(breathsPerMinute >= SLOWEST_BREATHS_PER_MINUTE && breathsPerMinute <= FASTEST_BREATHS_PER_MINUTE)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "breath rate must be %.0f..%.0f /min, was %s",
                    SLOWEST_BREATHS_PER_MINUTE, FASTEST_BREATHS_PER_MINUTE, breathsPerMinute));
        }
        if (!(inhaleParts > 0 && exhaleParts > 0 && inhaleParts / exhaleParts >= 0.25 && inhaleParts / exhaleParts <= 4)) {
            throw new IllegalArgumentException("inhale:exhale must be two positive numbers within 1:4 and 4:1, was "
                    + inhaleParts + ":" + exhaleParts);
        }
        if (!(pauseSeconds >= 0 && pauseSeconds <= 0.5 * 60 / breathsPerMinute)) {
            throw new IllegalArgumentException("pause must be 0 to half a breath (" + 30 / breathsPerMinute + " s), was " + pauseSeconds);
        }
    }

    /** Seconds per breath, the pause included. */
    public double periodSeconds() {
        return 60 / breathsPerMinute;
    }

    public double inhaleSeconds() {
        return (periodSeconds() - pauseSeconds) * inhaleParts / (inhaleParts + exhaleParts);
    }

    public double exhaleSeconds() {
        return (periodSeconds() - pauseSeconds) * exhaleParts / (inhaleParts + exhaleParts);
    }

    /**
     * The inhale of a breath of {@code periodSeconds} (a gliding pacer's) with this ratio and pause,
     * the pause at most half the breath, s: as the guided pacer breathes it.
     */
    public double inhaleSecondsAt(double periodSeconds) {
        return activeSecondsAt(periodSeconds) * inhaleParts / (inhaleParts + exhaleParts);
    }

    /** The exhale of a breath of {@code periodSeconds}, as {@link #inhaleSecondsAt}, s. */
    public double exhaleSecondsAt(double periodSeconds) {
        return activeSecondsAt(periodSeconds) - inhaleSecondsAt(periodSeconds);
    }

    private double activeSecondsAt(double periodSeconds) {
        return periodSeconds - Math.min(pauseSeconds, 0.5 * periodSeconds);
    }

    public BreathPattern withBreathsPerMinute(double rate) {
        return new BreathPattern(rate, inhaleParts, exhaleParts, Math.min(pauseSeconds, 0.5 * 60 / rate));
    }

    public BreathPattern withRatio(double inhale, double exhale) {
        return new BreathPattern(breathsPerMinute, inhale, exhale, pauseSeconds);
    }

    public BreathPattern withPauseSeconds(double pause) {
        return new BreathPattern(breathsPerMinute, inhaleParts, exhaleParts, pause);
    }

    /** As written in routine files and printed: {@code 6/min 4:6}, with {@code pause 1 s} if any. */
    @Override
    public String toString() {
        String text = String.format(Locale.ROOT, "%s/min %s:%s", number(breathsPerMinute), number(inhaleParts), number(exhaleParts));
        return pauseSeconds > 0 ? text + " pause " + number(pauseSeconds) + " s" : text;
    }

    /** A number as routine files write it: whole numbers without a decimal point. */
    public static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
