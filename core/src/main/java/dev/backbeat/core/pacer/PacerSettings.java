// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.pacer;

/**
 * Settings of the haptic breath pacer.
 *
 * @param breathsPerMinute pacing rate, breaths/min (default 6: slow diaphragmatic breathing, 10 s per breath)
 * @param inhaleFraction share of each breath spent inhaling, 0..1 (default 0.5; lower it for a longer exhale)
 * @param peakIntensityFraction motor strength at the top of the inhale cue, 0..1 (default 0.8)
 * @param floorIntensityFraction motor strength at the start of the inhale, 0..1, so the cue is felt at once (default 0.25)
 */
public record PacerSettings(
        double breathsPerMinute,
        double inhaleFraction,
        double peakIntensityFraction,
        double floorIntensityFraction) {

    public static final PacerSettings DEFAULTS = new PacerSettings(6.0, 0.5, 0.8, 0.25);

    public PacerSettings {
        if (!(breathsPerMinute >= 2 && breathsPerMinute <= 30)) {
            throw new IllegalArgumentException("breathsPerMinute must be 2..30, was " + breathsPerMinute);
        }
        if (!(inhaleFraction > 0.1 && inhaleFraction < 0.9)) {
            throw new IllegalArgumentException("inhaleFraction must be between 0.1 and 0.9, was " + inhaleFraction);
        }
        if (!(peakIntensityFraction > 0 && peakIntensityFraction <= 1)
                || !(floorIntensityFraction >= 0 && floorIntensityFraction <= peakIntensityFraction)) {
            throw new IllegalArgumentException("intensities must satisfy 0 ≤ floor ≤ peak ≤ 1, were "
                    + floorIntensityFraction + " and " + peakIntensityFraction);
        }
    }

    /** Seconds per breath. */
    public double breathPeriodSeconds() {
        return 60.0 / breathsPerMinute;
    }

    public PacerSettings withBreathsPerMinute(double newBreathsPerMinute) {
        return new PacerSettings(newBreathsPerMinute, inhaleFraction, peakIntensityFraction, floorIntensityFraction);
    }
}
