// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

/**
 * Settings of the breathing-rate estimate.
 *
 * @param maximumWindowSeconds longest analysis window, s (default 30)
 * @param minimumWindowSeconds shortest window worth analysing, s (default 8: one and a half breaths
 *     at 11 /min, what the sinusoid fit needs; on the independent development set windows of 8–10 s
 *     are off by 0.7 /min on average, of 6–8 s by 0.75 and up to 2.9 /min)
 * @param minimumRateBreathsPerMinute slowest breathing looked for, breaths/min (default 3.5)
 * @param maximumRateBreathsPerMinute fastest, breaths/min (default 25)
 * @param minimumQuality windows whose quality index is lower report nothing (default 0.5); the index
 *     is the share of the breathing component's power below about 1 Hz (breath, not noise or
 *     wobble), and for windows of under three whole breaths at most the share of its variance the
 *     fitted sinusoid explains
 * @param minimumAmplitudeDegrees breathing smaller than this (standard deviation of the breathing
 *     component) is too faint to trust, degrees (default 0.03)
 * @param maximumAmplitudeDegrees a component larger than this is movement, not breath (breathing
 *     moves the upper trunk by 0.3–1.5° peak to peak, a standard deviation of at most 0.5°), degrees (default 0.6)
 */
public record BreathSettings(
        double maximumWindowSeconds,
        double minimumWindowSeconds,
        double minimumRateBreathsPerMinute,
        double maximumRateBreathsPerMinute,
        double minimumQuality,
        double minimumAmplitudeDegrees,
        double maximumAmplitudeDegrees) {

    public static final BreathSettings DEFAULTS = new BreathSettings(30, 8, 3.5, 25, 0.5, 0.03, 0.6);

    public BreathSettings {
        if (!(minimumWindowSeconds > 0 && maximumWindowSeconds >= minimumWindowSeconds && maximumWindowSeconds <= 30)) {
            throw new IllegalArgumentException("need 0 < minimumWindowSeconds ≤ maximumWindowSeconds ≤ 30");
        }
        if (!(minimumRateBreathsPerMinute > 0 && maximumRateBreathsPerMinute > minimumRateBreathsPerMinute)) {
            throw new IllegalArgumentException("need 0 < minimum rate < maximum rate");
        }
    }
}
