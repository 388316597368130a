// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.orientation;

import dev.backbeat.core.math.Vector3;

/**
 * An immutable snapshot of what an {@link OrientationFilter} currently believes, for logging and for
 * explaining a result afterwards.
 *
 * @param restDetected whether the sensor is currently considered at rest (gyroscope and
 *     accelerometer steady for at least the minimum rest duration)
 * @param gyroscopeBiasRadiansPerSecond the current gyroscope bias estimate in the sensor frame, rad/s
 * @param accelerometerSampleRejected whether the last accelerometer sample was not used because it was
 *     zero or not finite
 * @param samplesProcessed number of updates since construction or the last reset
 */
public record OrientationDiagnostics(
        boolean restDetected,
        Vector3 gyroscopeBiasRadiansPerSecond,
        boolean accelerometerSampleRejected,
        long samplesProcessed) {
}
