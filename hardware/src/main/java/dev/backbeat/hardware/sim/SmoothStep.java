// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/** A raised-cosine ramp from 0 to 1 with zero slope at both ends, for smooth transitions. */
final class SmoothStep {

    private SmoothStep() {
    }

    /** 0 for {@code fraction ≤ 0}, 1 for {@code fraction ≥ 1}, a raised cosine between. */
    static double of(double fraction) {
        if (fraction <= 0) {
            return 0;
        }
        if (fraction >= 1) {
            return 1;
        }
        return 0.5 - 0.5 * Math.cos(Math.PI * fraction);
    }
}
