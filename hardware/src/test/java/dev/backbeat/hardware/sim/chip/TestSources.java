// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.math.Vector3;

/** Inertial sources with known values for chip and driver tests. */
public final class TestSources {

    private TestSources() {
    }

    /** Constant readings. */
    public static InertialSource constant(Vector3 gyroscopeRadiansPerSecond, Vector3 accelerometerMetersPerSecondSquared) {
        return time -> new ImuSample(time, gyroscopeRadiansPerSecond, accelerometerMetersPerSecondSquared);
    }

    /**
     * Readings that encode their own time: gyroscope x = 0.1·sin(t) rad/s, accelerometer z = 9.81 +
     * sin(3t) m/s², so a test can check each sample came from the tick it is stamped with.
     */
    public static InertialSource timeEncoding() {
        return time -> new ImuSample(time, new Vector3(0.1 * Math.sin(time), -0.05, 0.02),
                new Vector3(0.3, -0.2, 9.81 + Math.sin(3 * time)));
    }
}
