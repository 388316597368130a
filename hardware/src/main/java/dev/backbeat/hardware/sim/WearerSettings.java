// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/**
 * The simulated wearer's body and how the strap sits on it.
 *
 * @param hipHeightMeters height of the hip joint centre above the floor, m (default 0.95)
 * @param sacrumHeightAboveHipMeters S1 sensor above the hip joint along the pelvis, m (default 0.12)
 * @param lumbarPivotAboveHipMeters centre of lumbar bending above the hip joint, m (default 0.25)
 * @param upperSensorAbovePivotMeters T4 sensor above the lumbar pivot along the thorax, m (default 0.30)
 * @param backDepthMeters distance of the back surface behind the segment axis, m (default 0.08)
 * @param upperMountTiltDegrees rotation of the T4 sensor about its y axis from nominal (kyphosis), degrees (default 12)
 * @param upperMountRotationDegrees rotation of the T4 sensor in the plane of the back (about z), degrees (default 0)
 * @param lowerMountTiltDegrees rotation of the S1 sensor about its y axis from nominal (sacral slope), degrees (default -8)
 * @param lowerMountRotationDegrees rotation of the S1 sensor in the plane of the back, degrees (default 0)
 * @param breathsPerMinute the wearer's breathing rate, breaths/min (default 6, following the pacer)
 * @param breathExtensionDegrees thoracic extension at full inhale, degrees (default 0.6)
 * @param breathChestExcursionMeters backward movement of the T4 sensor at full inhale, m (default 0.003)
 * @param upperMountSpineRotationDegrees rotation of the T4 sensor about the spine's axis (a strap
 *     not lying flat, e.g. on the paraspinal muscles), degrees (default 0; gravity cannot see it)
 * @param lowerMountSpineRotationDegrees the same for the S1 sensor, degrees (default 0)
 */
public record WearerSettings(
        double hipHeightMeters,
        double sacrumHeightAboveHipMeters,
        double lumbarPivotAboveHipMeters,
        double upperSensorAbovePivotMeters,
        double backDepthMeters,
        double upperMountTiltDegrees,
        double upperMountRotationDegrees,
        double lowerMountTiltDegrees,
        double lowerMountRotationDegrees,
        double breathsPerMinute,
        double breathExtensionDegrees,
        double breathChestExcursionMeters,
        double upperMountSpineRotationDegrees,
        double lowerMountSpineRotationDegrees) {

    public static final WearerSettings DEFAULTS =
            new WearerSettings(0.95, 0.12, 0.25, 0.30, 0.08, 12, 0, -8, 0, 6, 0.6, 0.003, 0, 0);

    public WearerSettings {
        if (!(breathsPerMinute >= 0 && breathsPerMinute <= 60)) {
            throw new IllegalArgumentException("breathsPerMinute must be 0..60, was " + breathsPerMinute);
        }
        if (Math.abs(upperMountRotationDegrees) > 45 || Math.abs(lowerMountRotationDegrees) > 45) {
            throw new IllegalArgumentException("mount rotations beyond ±45° are not a strap worn on a back");
        }
    }

    public WearerSettings withBreathsPerMinute(double newBreathsPerMinute) {
        return new WearerSettings(hipHeightMeters, sacrumHeightAboveHipMeters, lumbarPivotAboveHipMeters,
                upperSensorAbovePivotMeters, backDepthMeters, upperMountTiltDegrees, upperMountRotationDegrees,
                lowerMountTiltDegrees, lowerMountRotationDegrees, newBreathsPerMinute, breathExtensionDegrees,
                breathChestExcursionMeters, upperMountSpineRotationDegrees, lowerMountSpineRotationDegrees);
    }

    public WearerSettings withMounting(double upperTiltDegrees, double upperRotationDegrees,
                                       double lowerTiltDegrees, double lowerRotationDegrees) {
        return new WearerSettings(hipHeightMeters, sacrumHeightAboveHipMeters, lumbarPivotAboveHipMeters,
                upperSensorAbovePivotMeters, backDepthMeters, upperTiltDegrees, upperRotationDegrees,
                lowerTiltDegrees, lowerRotationDegrees, breathsPerMinute, breathExtensionDegrees,
                breathChestExcursionMeters, upperMountSpineRotationDegrees, lowerMountSpineRotationDegrees);
    }

    /** A copy with the sensors rotated about the spine's axis by the given angles, degrees. */
    public WearerSettings withSpineRotation(double upperDegrees, double lowerDegrees) {
        return new WearerSettings(hipHeightMeters, sacrumHeightAboveHipMeters, lumbarPivotAboveHipMeters,
                upperSensorAbovePivotMeters, backDepthMeters, upperMountTiltDegrees, upperMountRotationDegrees,
                lowerMountTiltDegrees, lowerMountRotationDegrees, breathsPerMinute, breathExtensionDegrees,
                breathChestExcursionMeters, upperDegrees, lowerDegrees);
    }

    /**
     * A copy with the upper sensor {@code meters} above the lumbar pivot (0.30 is about T4; 0.40 is
     * about C7–T1, where some wearers put the strap).
     */
    public WearerSettings withUpperSensorAbovePivotMeters(double meters) {
        return new WearerSettings(hipHeightMeters, sacrumHeightAboveHipMeters, lumbarPivotAboveHipMeters,
                meters, backDepthMeters, upperMountTiltDegrees, upperMountRotationDegrees,
                lowerMountTiltDegrees, lowerMountRotationDegrees, breathsPerMinute, breathExtensionDegrees,
                breathChestExcursionMeters, upperMountSpineRotationDegrees, lowerMountSpineRotationDegrees);
    }
}
