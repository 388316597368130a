// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.orientation.OrientationFilterSettings;

/**
 * Settings of the offline spinal analysis.
 *
 * @param orientation settings of each sensor's orientation estimate (offline, forward-backward)
 * @param uprightToleranceDegrees a sensor counts as upright when its x axis is within this angle of
 *     vertical, degrees (default 40: covers kyphosis, lordosis and strap tilt up to 20°)
 * @param minimumStandSeconds a stand this long or longer is a trustworthy neutral, s (default 3)
 * @param searchStandWithinSeconds a stand beginning within this time of the start is "the stand at
 *     the start", s (default 30)
 * @param referenceAngleToleranceDegrees a later still stretch re-zeroes twist only when flexion and
 *     side bend are within this of neutral, degrees (default 5)
 * @param functionalCalibration find each sensor's rotation about the spine from the session's own
 *     bends ({@link FunctionalAxis}; default true; false assumes the straps lie flat on the back)
 */
public record SpinalAnalysisSettings(
        OrientationFilterSettings orientation,
        double uprightToleranceDegrees,
        double minimumStandSeconds,
        double searchStandWithinSeconds,
        double referenceAngleToleranceDegrees,
        boolean functionalCalibration) {

    public static final SpinalAnalysisSettings DEFAULTS =
            new SpinalAnalysisSettings(OrientationFilterSettings.DEFAULTS, 40, 3, 30, 5, true);

    public SpinalAnalysisSettings {
        if (!(uprightToleranceDegrees > 0 && uprightToleranceDegrees < 90)) {
            throw new IllegalArgumentException("uprightToleranceDegrees must be 0..90, was " + uprightToleranceDegrees);
        }
        if (!(minimumStandSeconds >= 1) || !(searchStandWithinSeconds >= minimumStandSeconds)) {
            throw new IllegalArgumentException("need 1 ≤ minimumStandSeconds ≤ searchStandWithinSeconds");
        }
    }

    public SpinalAnalysisSettings withFunctionalCalibration(boolean enabled) {
        return new SpinalAnalysisSettings(orientation, uprightToleranceDegrees, minimumStandSeconds,
                searchStandWithinSeconds, referenceAngleToleranceDegrees, enabled);
    }
}
