// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.imu;

import dev.backbeat.core.math.Vector3;
import java.util.Objects;

/**
 * One reading of a six-axis IMU in its own sensor frame.
 *
 * <p>Sensor axes with the wearer standing upright: x up along the spine, y to the wearer's left,
 * z out of the back.
 *
 * @param timeSeconds seconds since the start of the session, from the sensor's own clock
 * @param gyroscopeRadiansPerSecond angular rate, rad/s
 * @param accelerometerMetersPerSecondSquared specific force (reads +9.81 m/s² upwards at rest), m/s²
 */
public record ImuSample(
        double timeSeconds,
        Vector3 gyroscopeRadiansPerSecond,
        Vector3 accelerometerMetersPerSecondSquared) {

    public ImuSample {
        Objects.requireNonNull(gyroscopeRadiansPerSecond, "gyroscopeRadiansPerSecond");
        Objects.requireNonNull(accelerometerMetersPerSecondSquared, "accelerometerMetersPerSecondSquared");
    }
}
