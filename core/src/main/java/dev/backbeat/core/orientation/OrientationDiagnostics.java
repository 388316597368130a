package dev.backbeat.core.orientation;

import dev.backbeat.core.math.Vector3;

/**
 * An immutable snapshot of the internal state of an {@link OrientationFilter}, for logging and for
 * explaining a result afterwards.
 *
 * @param restDetected whether the sensor is currently considered at rest (gyroscope and
 *     accelerometer steady for at least the minimum rest duration)
 * @param gyroscopeBiasRadiansPerSecond the current gyroscope bias estimate in the sensor frame, rad/s
 * @param biasUncertaintyRadiansPerSecond standard deviation of the least certain bias component, rad/s
 * @param magneticDisturbanceDetected whether the current magnetic field disagrees with the reference
 *     field in norm or dip (or no reference has been learned yet)
 * @param magneticReferenceNormMicroTesla the learned norm of the undisturbed field, µT (0 before any)
 * @param magneticReferenceDipRadians the learned dip angle of the undisturbed field, rad
 * @param headingOffsetRadians the heading offset between the 6D and the East-North-Up frame, rad
 * @param accelerometerSampleRejected whether the last accelerometer sample was not used because it was
 *     zero or not finite
 * @param inclinationCorrectionRadians angle of the last inclination correction step, rad
 * @param magneticDisagreementRadians heading disagreement of the last magnetometer sample with the
 *     current heading offset, rad
 * @param samplesProcessed number of updates since construction or the last reset
 * @param magneticOffsetMicroTesla the sensor-fixed magnetic offset (hard iron) currently subtracted
 *     from the magnetometer, sensor frame, µT (zero until one has been estimated)
 */
public record OrientationDiagnostics(
        boolean restDetected,
        Vector3 gyroscopeBiasRadiansPerSecond,
        double biasUncertaintyRadiansPerSecond,
        boolean magneticDisturbanceDetected,
        double magneticReferenceNormMicroTesla,
        double magneticReferenceDipRadians,
        double headingOffsetRadians,
        boolean accelerometerSampleRejected,
        double inclinationCorrectionRadians,
        double magneticDisagreementRadians,
        long samplesProcessed,
        Vector3 magneticOffsetMicroTesla) {
}
