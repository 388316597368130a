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
 */
public record ArtifactSettings(double softTissueWobbleDegrees, double fidgetsPerMinute, double fidgetAmplitudeDegrees,
                               double breathRateVariationFraction) {

    public static final ArtifactSettings NONE = new ArtifactSettings(0, 0, 0, 0);
    public static final ArtifactSettings DEFAULTS = new ArtifactSettings(0.5, 1.5, 1.0, 0.1);

    public ArtifactSettings {
        if (softTissueWobbleDegrees < 0 || fidgetsPerMinute < 0 || fidgetAmplitudeDegrees < 0
                || !(breathRateVariationFraction >= 0 && breathRateVariationFraction < 0.5)) {
            throw new IllegalArgumentException("artifact settings must not be negative");
        }
    }
}
