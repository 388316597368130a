// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

import dev.backbeat.core.orientation.OrientationFilterSettings;

/**
 * Settings of the streaming spinal-angle estimator.
 *
 * @param neutralStartSeconds session time at which the neutral stand used for calibration starts,
 *     s (default 0.5: skips the moment the wearer settles after pressing start)
 * @param neutralEndSeconds session time at which it ends, s (default 3.5: a 3 s stand)
 * @param orientation settings of each sensor's orientation filter
 */
public record SpinalAngleSettings(
        double neutralStartSeconds,
        double neutralEndSeconds,
        OrientationFilterSettings orientation) {

    public static final SpinalAngleSettings DEFAULTS =
            new SpinalAngleSettings(0.5, 3.5, OrientationFilterSettings.DEFAULTS);

    public SpinalAngleSettings {
        if (!(neutralStartSeconds >= 0 && neutralEndSeconds - neutralStartSeconds >= 1.0)) {
            throw new IllegalArgumentException("the neutral stand must start at or after 0 s and last at least 1 s, was "
                    + neutralStartSeconds + ".." + neutralEndSeconds + " s");
        }
    }
}
