package dev.backbeat.core.rhythm;

/**
 * Settings of the breathing-rate estimate.
 *
 * @param maximumWindowSeconds longest analysis window, s (default 30)
 * @param minimumWindowSeconds shortest window worth analysing, s (default 5)
 * @param minimumRateBreathsPerMinute slowest breathing looked for, breaths/min (default 3.5)
 * @param maximumRateBreathsPerMinute fastest, breaths/min (default 25)
 * @param minimumQuality windows whose autocorrelation peak is lower report nothing (default 0.5)
 * @param minimumAmplitudeDegrees breathing smaller than this (standard deviation of the breathing
 *     component) is too faint to trust, degrees (default 0.03)
 * @param movingRangeDegrees samples inside a repetition with more range than this, outside its holds,
 *     are movement and never part of a window, degrees (default 10)
 */
public record BreathSettings(
        double maximumWindowSeconds,
        double minimumWindowSeconds,
        double minimumRateBreathsPerMinute,
        double maximumRateBreathsPerMinute,
        double minimumQuality,
        double minimumAmplitudeDegrees,
        double movingRangeDegrees) {

    public static final BreathSettings DEFAULTS = new BreathSettings(30, 5, 3.5, 25, 0.5, 0.03, 10);

    public BreathSettings {
        if (!(minimumWindowSeconds > 0 && maximumWindowSeconds >= minimumWindowSeconds && maximumWindowSeconds <= 30)) {
            throw new IllegalArgumentException("need 0 < minimumWindowSeconds ≤ maximumWindowSeconds ≤ 30");
        }
        if (!(minimumRateBreathsPerMinute > 0 && maximumRateBreathsPerMinute > minimumRateBreathsPerMinute)) {
            throw new IllegalArgumentException("need 0 < minimum rate < maximum rate");
        }
    }
}
