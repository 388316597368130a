// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

/**
 * Settings of the rhythm detectors (repetitions, holds, tempo). None of them depends on a person's
 * range: the detector measures each set's own typical range and judges against that.
 *
 * @param excursionThresholdDegrees a lone excursion (no other of its axis nearby) counts as a
 *     repetition only when it reaches this far from neutral, degrees (default 8); smaller ones count
 *     when another of similar size follows within the set pause (a set of small movements, e.g.
 *     supported extensions of 5–8°)
 * @param neutralBandDegrees an excursion of an angle starts when it leaves its posture neutral by more
 *     than this, degrees (default 3; breathing moves the trunk by under 1°)
 * @param minimumRepetitionDegrees an excursion smaller than this is never a repetition (fidgets,
 *     sway), degrees (default 4; the smallest detectable change of trunk range of motion measured with
 *     wearables is about 5°)
 * @param pairingWindowSeconds a flexion and an extension excursion less than this apart form one
 *     cat-cow cycle, s (default 1.5)
 * @param partialFraction a repetition with less than this fraction of its set's typical range is
 *     partial, not counted (default 0.45: partial reps are 15–30 % of the range, full ones vary by
 *     about ±25 %)
 * @param setPauseSeconds a pause longer than this between two excursions of one axis ends the set,
 *     so the next set's typical range is its own, s (default 30)
 * @param maximumExcursionSeconds an excursion that settles away from neutral and stays out longer
 *     than this is a new posture (sitting down, hands and knees), not a repetition, s (default 90;
 *     the method's extension holds last about 30 s)
 * @param holdToleranceDegrees every angle within ± this of the held posture makes a hold, degrees (default 2)
 * @param holdMinimumSeconds shortest hold, s (default 3)
 * @param settledSpeedDegreesPerSecond a hold is found where the angles move slower than this for
 *     a second, °/s (default 1.0; breathing moves them by up to about 0.6 °/s)
 * @param endRangeDegrees a hold this far from neutral is at end range, degrees (default 10)
 * @param endRangeHoldLimitSeconds the device warns when an end-range hold lasts longer, s (default 30; lower it for people who must not hold long)
 */
public record RhythmSettings(
        double excursionThresholdDegrees,
        double neutralBandDegrees,
        double minimumRepetitionDegrees,
        double pairingWindowSeconds,
        double partialFraction,
        double setPauseSeconds,
        double maximumExcursionSeconds,
        double holdToleranceDegrees,
        double holdMinimumSeconds,
        double settledSpeedDegreesPerSecond,
        double endRangeDegrees,
        double endRangeHoldLimitSeconds) {

    public static final RhythmSettings DEFAULTS = new RhythmSettings(8, 3, 4, 1.5, 0.45, 30, 90, 2, 3, 1.0, 10, 30);

    public RhythmSettings {
        if (!(neutralBandDegrees > 0 && minimumRepetitionDegrees >= neutralBandDegrees
                && excursionThresholdDegrees >= minimumRepetitionDegrees)) {
            throw new IllegalArgumentException(
                    "need 0 < neutralBandDegrees ≤ minimumRepetitionDegrees ≤ excursionThresholdDegrees");
        }
        if (!(partialFraction >= 0 && partialFraction < 1)) {
            throw new IllegalArgumentException("partialFraction must be 0..1, was " + partialFraction);
        }
        if (!(pairingWindowSeconds > 0 && setPauseSeconds > 0 && maximumExcursionSeconds > 0)) {
            throw new IllegalArgumentException("pairing window, set pause and maximum excursion must be positive");
        }
        if (!(holdToleranceDegrees > 0 && holdMinimumSeconds > 0 && settledSpeedDegreesPerSecond > 0)) {
            throw new IllegalArgumentException("hold settings must be positive");
        }
        if (!(endRangeHoldLimitSeconds > 0)) {
            throw new IllegalArgumentException("endRangeHoldLimitSeconds must be positive, was " + endRangeHoldLimitSeconds);
        }
    }

    public RhythmSettings withEndRangeHoldLimitSeconds(double seconds) {
        return new RhythmSettings(excursionThresholdDegrees, neutralBandDegrees, minimumRepetitionDegrees,
                pairingWindowSeconds, partialFraction, setPauseSeconds, maximumExcursionSeconds, holdToleranceDegrees,
                holdMinimumSeconds, settledSpeedDegreesPerSecond, endRangeDegrees, seconds);
    }
}
