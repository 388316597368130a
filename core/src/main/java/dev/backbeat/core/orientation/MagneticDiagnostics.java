// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.orientation;

import dev.backbeat.core.math.Vector3;

/**
 * An immutable snapshot of the magnetometer heading correction of an {@link OrientationFilter9D}.
 *
 * @param disturbanceDetected whether the current magnetic field disagrees with the reference field
 *     in norm or dip (or no reference has been learned yet)
 * @param offsetMicroTesla the sensor-fixed magnetic offset (hard iron) currently subtracted from the
 *     magnetometer, sensor frame, µT (zero until one has been estimated)
 */
public record MagneticDiagnostics(boolean disturbanceDetected, Vector3 offsetMicroTesla) {
}
