// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.session;

/**
 * What a session amounted to, computed on the device by the streaming core.
 *
 * @param durationSeconds session length, seconds
 * @param repetitionCount full repetitions counted
 * @param flexionMinDegrees most extended spinal angle after calibration (negative is extension), degrees; NaN if never calibrated
 * @param flexionMaxDegrees most flexed spinal angle after calibration, degrees; NaN if never calibrated
 * @param pacerBreathsPerMinute the breath pacer's rate, breaths/min
 * @param pacerInhaleCues how many paced breaths (inhale cues) the motor gave
 * @param neutralStartSeconds start of the neutral stand used for calibration, seconds; NaN if none
 * @param neutralEndSeconds end of the neutral stand used for calibration, seconds; NaN if none
 */
public record SessionSummary(
        double durationSeconds,
        int repetitionCount,
        double flexionMinDegrees,
        double flexionMaxDegrees,
        double pacerBreathsPerMinute,
        int pacerInhaleCues,
        double neutralStartSeconds,
        double neutralEndSeconds) {

    /** Flexion range of motion, degrees (NaN if never calibrated). */
    public double flexionRangeDegrees() {
        return flexionMaxDegrees - flexionMinDegrees;
    }
}
