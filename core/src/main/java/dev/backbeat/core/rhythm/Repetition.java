package dev.backbeat.core.rhythm;

/**
 * One repetition: an excursion of the flexion angle away from neutral and back, or a flexion and
 * an extension excursion in quick succession (one cat-plus-cow cycle).
 *
 * @param startSeconds when the angle left neutral, session seconds
 * @param endSeconds when it was back in neutral, session seconds
 * @param peakFlexionDegrees largest flexion during the repetition, degrees (0 if none)
 * @param peakExtensionDegrees largest extension during the repetition, as a positive number of degrees (0 if none)
 */
public record Repetition(double startSeconds, double endSeconds, double peakFlexionDegrees, double peakExtensionDegrees) {

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }

    /** Flexion peak to extension peak, degrees. */
    public double rangeDegrees() {
        return peakFlexionDegrees + peakExtensionDegrees;
    }
}
