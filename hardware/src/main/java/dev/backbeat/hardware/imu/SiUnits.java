// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.imu;

/** Constants for converting chip units (g, °/s) to SI at the driver edge. */
public final class SiUnits {

    /** Standard gravity, m/s²: what the chips' "g" means. */
    public static final double STANDARD_GRAVITY_METERS_PER_SECOND_SQUARED = 9.80665;

    /** Radians in one degree. */
    public static final double RADIANS_PER_DEGREE = Math.PI / 180.0;

    private SiUnits() {
    }
}
