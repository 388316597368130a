package dev.backbeat.core.rhythm;

/**
 * Settings of the streaming repetition counter.
 *
 * @param excursionThresholdDegrees the flexion angle must leave neutral by more than this for an
 *     excursion to count, degrees (default 8; raise it to ignore small movements)
 * @param neutralBandDegrees an excursion ends when the angle is back within ± this, degrees (default 4)
 * @param pairingWindowSeconds a flexion and an extension excursion separated by less than this
 *     in neutral form one repetition (a cat-plus-cow cycle), seconds (default 1.5)
 */
public record RepetitionSettings(
        double excursionThresholdDegrees,
        double neutralBandDegrees,
        double pairingWindowSeconds) {

    public static final RepetitionSettings DEFAULTS = new RepetitionSettings(8.0, 4.0, 1.5);

    public RepetitionSettings {
        if (!(neutralBandDegrees > 0 && excursionThresholdDegrees > neutralBandDegrees)) {
            throw new IllegalArgumentException("need 0 < neutralBandDegrees < excursionThresholdDegrees, were "
                    + neutralBandDegrees + " and " + excursionThresholdDegrees);
        }
        if (!(pairingWindowSeconds >= 0)) {
            throw new IllegalArgumentException("pairingWindowSeconds must not be negative, was " + pairingWindowSeconds);
        }
    }
}
