package dev.backbeat.core.rhythm;

/**
 * Settings of the rhythm detectors (repetitions, holds, tempo).
 *
 * @param excursionThresholdDegrees an angle must leave neutral by more than this for an excursion to count, degrees (default 8)
 * @param neutralBandDegrees an excursion starts when an angle leaves ± this and ends when all are back, degrees (default 4)
 * @param pairingWindowSeconds a flexion and an extension excursion less than this apart form one cat-cow cycle, s (default 1.5)
 * @param partialFraction a repetition with less than this fraction of its set's typical range is partial, not counted (default 0.5)
 * @param holdToleranceDegrees every angle within ± this of its midpoint makes a hold, degrees (default 2)
 * @param holdMinimumSeconds shortest hold, s (default 3)
 * @param settledSpeedDegreesPerSecond a hold starts and ends where the angles move slower than this, °/s (default 0.8; breathing moves them by up to about 0.6 °/s)
 * @param endRangeDegrees a hold this far from neutral is at end range, degrees (default 10)
 * @param endRangeHoldLimitSeconds the device warns when an end-range hold lasts longer, s (default 30; lower it for people who must not hold long)
 */
public record RhythmSettings(
        double excursionThresholdDegrees,
        double neutralBandDegrees,
        double pairingWindowSeconds,
        double partialFraction,
        double holdToleranceDegrees,
        double holdMinimumSeconds,
        double settledSpeedDegreesPerSecond,
        double endRangeDegrees,
        double endRangeHoldLimitSeconds) {

    public static final RhythmSettings DEFAULTS = new RhythmSettings(8, 4, 1.5, 0.5, 2, 3, 0.8, 10, 30);

    public RhythmSettings {
        if (!(neutralBandDegrees > 0 && excursionThresholdDegrees > neutralBandDegrees)) {
            throw new IllegalArgumentException("need 0 < neutralBandDegrees < excursionThresholdDegrees");
        }
        if (!(partialFraction >= 0 && partialFraction < 1)) {
            throw new IllegalArgumentException("partialFraction must be 0..1, was " + partialFraction);
        }
        if (!(holdToleranceDegrees > 0 && holdMinimumSeconds > 0 && settledSpeedDegreesPerSecond > 0)) {
            throw new IllegalArgumentException("hold settings must be positive");
        }
        if (!(endRangeHoldLimitSeconds > 0)) {
            throw new IllegalArgumentException("endRangeHoldLimitSeconds must be positive, was " + endRangeHoldLimitSeconds);
        }
    }

    public RhythmSettings withEndRangeHoldLimitSeconds(double seconds) {
        return new RhythmSettings(excursionThresholdDegrees, neutralBandDegrees, pairingWindowSeconds, partialFraction,
                holdToleranceDegrees, holdMinimumSeconds, settledSpeedDegreesPerSecond, endRangeDegrees, seconds);
    }
}
