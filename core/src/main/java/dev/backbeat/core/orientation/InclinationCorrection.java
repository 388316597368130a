// SPDX-License-Identifier: Apache-2.0 AND MIT
// Java port of VQF (https://github.com/dlaidig/vqf), Copyright (c) 2021 Daniel Laidig, MIT; see NOTICE.

package dev.backbeat.core.orientation;

import dev.backbeat.core.math.PackedQuaternion;

/**
 * The inclination correction step shared by the real-time {@link OrientationFilter} and the
 * {@link OfflineOrientationEstimator}: the low-passed accelerometer in the almost-inertial frame is
 * brought into the 6D earth frame by the inclination quaternion {@code a}, and {@code a} is turned
 * by the shortest rotation that makes it point straight up.
 */
final class InclinationCorrection {

    private InclinationCorrection() {
    }

    /**
     * @param inclination {@code a} (w, x, y, z), corrected in place
     * @param earth on entry the low-passed accelerometer in the almost-inertial frame; on return its
     *     direction in the 6D earth frame before the correction (unit length)
     */
    static void correct(double[] inclination, double[] earth) {
        double aw = inclination[0], ax = inclination[1], ay = inclination[2], az = inclination[3];
        PackedQuaternion.rotate(aw, ax, ay, az, earth[0], earth[1], earth[2], earth);
        double inverseNorm = 1.0 / Math.sqrt(earth[0] * earth[0] + earth[1] * earth[1] + earth[2] * earth[2]);
        double ex = earth[0] * inverseNorm;
        double ey = earth[1] * inverseNorm;
        double ez = earth[2] * inverseNorm;
        earth[0] = ex;
        earth[1] = ey;
        earth[2] = ez;

        // shortest rotation c taking (ex, ey, ez) to (0, 0, 1); a ← c ⊗ a
        double cw;
        double cx;
        double cy;
        double halfCosineSquared = 0.5 * (ez + 1);
        if (halfCosineSquared > 1e-12) {
            cw = Math.sqrt(halfCosineSquared);
            double scale = 0.5 / cw;
            cx = ey * scale;
            cy = -ex * scale;
        } else {
            // the correction is (almost) half a turn: about x
            cw = 0;
            cx = 1;
            cy = 0;
        }
        inclination[0] = cw * aw - cx * ax - cy * ay;
        inclination[1] = cw * ax + cx * aw + cy * az;
        inclination[2] = cw * ay - cx * az + cy * aw;
        inclination[3] = cw * az + cx * ay - cy * ax;
        PackedQuaternion.normalize(inclination, 0);
    }
}
