// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

/**
 * A breathing-rate estimate over a window in which the trunk was quiet enough to see the breath.
 *
 * @param startSeconds window start, session seconds
 * @param endSeconds window end (at most 30 s later)
 * @param rateBreathsPerMinute estimated breathing rate, breaths/min
 * @param quality 0..1: the normalised autocorrelation at the breathing period (1 is a perfectly regular breath)
 */
public record BreathWindow(double startSeconds, double endSeconds, double rateBreathsPerMinute, double quality) {
}
