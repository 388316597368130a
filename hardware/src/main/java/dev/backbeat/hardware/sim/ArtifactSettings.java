// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/**
 * Real-life imperfections of a simulated wearer, beyond sensor noise.
 *
 * @param softTissueWobbleDegrees peak wobble of each sensor on the skin relative to the bone while
 *     moving at 30 °/s or faster, degrees (a 4–9 Hz oscillation scaled by the segment's speed; it
 *     is not spinal motion, so the truth excludes it); default 0.5
 * @param fidgetsPerMinute small involuntary posture changes per minute (default 1.5)
 * @param fidgetAmplitudeDegrees largest spinal angle change of a fidget, degrees (default 1.0);
 *     fidgets are real motion and part of the truth
 * @param breathRateVariationFraction natural variation of the breathing rate: it swings by ± this
 *     fraction over about 45 s (default 0.1)
 * @param softTissueKickDegrees peak rotation of a sensor on the skin (about its y and z axes) when a
 *     movement of the sensor's segment stops decelerating at 150 °/s² or more, degrees (scaled down
 *     linearly for gentler stops: a slow flow's turning points hardly kick); it then rings as a damped oscillator of 6–12 Hz (drawn per
 *     sensor, damping ratio 0.1–0.2, so it dies out within about half a second). Not spinal motion:
 *     the truth excludes it. Default 0 (no kicks); real straps on soft tissue show about 0.5–1.5°
 * @param softTissueKickMillimeters peak displacement of the sensor on the skin in the same kick,
 *     mostly out of the back (its z axis), mm; 0.5 mm at 10 Hz is a 2 m/s² spike on the accelerometer.
 *     Default 0
 */
public record ArtifactSettings(double softTissueWobbleDegrees, double fidgetsPerMinute, double fidgetAmplitudeDegrees,
                               double breathRateVariationFraction, double softTissueKickDegrees,
                               double softTissueKickMillimeters) {

    public static final ArtifactSettings NONE = new ArtifactSettings(0, 0, 0, 0);
    public static final ArtifactSettings DEFAULTS = new ArtifactSettings(0.5, 1.5, 1.0, 0.1);

    public ArtifactSettings {
        if (softTissueWobbleDegrees < 0 || fidgetsPerMinute < 0 || fidgetAmplitudeDegrees < 0
                || !(breathRateVariationFraction >= 0 && breathRateVariationFraction < 0.5)
                || softTissueKickDegrees < 0 || softTissueKickMillimeters < 0) {
            throw new IllegalArgumentException("artifact settings must not be negative");
        }
    }

    /** Settings without soft-tissue kicks. */
    public ArtifactSettings(double softTissueWobbleDegrees, double fidgetsPerMinute, double fidgetAmplitudeDegrees,
                            double breathRateVariationFraction) {
        this(softTissueWobbleDegrees, fidgetsPerMinute, fidgetAmplitudeDegrees, breathRateVariationFraction, 0, 0);
    }

    /** A copy with soft-tissue kicks of the given peak rotation (degrees) and displacement (mm). */
    public ArtifactSettings withSoftTissueKicks(double degrees, double millimeters) {
        return new ArtifactSettings(softTissueWobbleDegrees, fidgetsPerMinute, fidgetAmplitudeDegrees,
                breathRateVariationFraction, degrees, millimeters);
    }
}
