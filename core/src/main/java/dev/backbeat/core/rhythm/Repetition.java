// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

/**
 * One repetition: an excursion of the dominant spinal angle away from neutral and back (a flexion
 * and an extension excursion in quick succession form one cat-plus-cow cycle).
 *
 * @param startSeconds when the angle left neutral, session seconds
 * @param endSeconds when it was back in neutral, session seconds
 * @param kind what moved
 * @param peakFlexionDegrees largest flexion during the repetition, degrees (0 if none)
 * @param peakExtensionDegrees largest extension during the repetition, as a positive number of degrees (0 if none)
 * @param rangeDegrees range of the dominant angle: flexion peak plus extension peak for
 *     flexion-extension, the peak of the bend or twist otherwise, degrees
 * @param smoothness spectral arc length (SPARC) of the dominant angle's speed; closer to zero is
 *     smoother, NaN if not computed
 * @param partial true when the range fell short of the set's typical range (not counted)
 */
public record Repetition(
        double startSeconds,
        double endSeconds,
        RepetitionKind kind,
        double peakFlexionDegrees,
        double peakExtensionDegrees,
        double rangeDegrees,
        double smoothness,
        boolean partial) {

    /** A flexion-axis repetition from its peaks (kind from which peaks are present), smoothness unknown. */
    public Repetition(double startSeconds, double endSeconds, double peakFlexionDegrees, double peakExtensionDegrees) {
        this(startSeconds, endSeconds,
                peakFlexionDegrees > 0 && peakExtensionDegrees > 0 ? RepetitionKind.FLEXION_EXTENSION
                        : peakExtensionDegrees > 0 ? RepetitionKind.EXTENSION : RepetitionKind.FLEXION,
                peakFlexionDegrees, peakExtensionDegrees, peakFlexionDegrees + peakExtensionDegrees, Double.NaN, false);
    }

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }

    public Repetition withPartial(boolean newPartial) {
        return new Repetition(startSeconds, endSeconds, kind, peakFlexionDegrees, peakExtensionDegrees, rangeDegrees,
                smoothness, newPartial);
    }
}
