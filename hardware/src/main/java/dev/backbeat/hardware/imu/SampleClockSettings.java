// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

/**
 * Tuning of {@link SampleClock}, the estimate of a chip's real output data rate against the session
 * clock (the Pi's monotonic clock).
 *
 * @param windowSeconds how much of the recent past the rate is fitted over, s. Longer is smoother
 *     and slower to follow a rate that changes (with temperature, a few ppm per °C). Default 20 s.
 * @param minimumBaselineSeconds the fit's observations must span this much before its rate replaces
 *     the nominal (or previous) one, s. Shorter settles sooner with a noisier first estimate. Default 0.5 s.
 * @param maximumRateErrorFraction the estimate is kept within the nominal rate times
 *     {@code 1 ± maximumRateErrorFraction}: datasheets give ±1–2 %. Default 0.05.
 * @param observationCapacity observations kept for the fit, at least the window divided by this
 *     apart (20 s / 512 = 39 ms: every poll of the device at 50 ms). Default 512.
 */
public record SampleClockSettings(double windowSeconds, double minimumBaselineSeconds,
                                  double maximumRateErrorFraction, int observationCapacity) {

    public static final SampleClockSettings DEFAULTS = new SampleClockSettings(20, 0.5, 0.05, 512);

    public SampleClockSettings {
        if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
            throw new IllegalArgumentException("window must be a positive number of seconds, was " + windowSeconds);
        }
        if (!(minimumBaselineSeconds >= 0) || minimumBaselineSeconds > windowSeconds) {
            throw new IllegalArgumentException("minimum baseline must be 0.." + windowSeconds + " s, was "
                    + minimumBaselineSeconds);
        }
        if (!(maximumRateErrorFraction >= 0) || maximumRateErrorFraction >= 0.4) {
            throw new IllegalArgumentException("maximum rate error must be 0..0.4, was " + maximumRateErrorFraction);
        }
        if (observationCapacity < 3) {
            throw new IllegalArgumentException("at least 3 observations, was " + observationCapacity);
        }
    }

    /** The least session time between two kept observations, s. */
    double observationSpacingSeconds() {
        return windowSeconds / observationCapacity;
    }
}
