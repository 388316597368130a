// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

/**
 * A sensor fixed flat on the back but turned in the back's plane by a quarter turn or more: a strap
 * put on upside down, or a sensor whose x axis does not point to the head (another brand's axes).
 * The calibration finds each sensor's mounting from the up direction it measures during the neutral
 * stand, by the shortest rotation that takes it to the segment's x axis, and counts a sensor as
 * upright when its x axis is near up: both hold for a sensor turned by less than about 45° in the
 * back's plane (straps sit within ±20°), neither for one turned by 90° or 180°. Such a sensor's axes
 * are first turned about its z axis (the back's normal) by the quarter turns that bring its up
 * direction within 45° of x, a relabelling of its axes that changes nothing for a sensor already
 * within 45°.
 *
 * <p>Its up direction is the mean specific force over the recording's first
 * {@value #REFERENCE_SECONDS} s: every recording begins in the posture the person starts from, upright
 * (a neutral stand, or the first movement from it).
 */
final class QuarterTurnMounting {

    /** The up direction is measured over this long at the start of the recording, s. */
    static final double REFERENCE_SECONDS = 0.5;

    private QuarterTurnMounting() {
    }

    /**
     * The quarter turns about z (0 to 3, counter-clockwise) that bring the up direction measured at
     * the start of {@code accelerometer} (interleaved x, y, z) within 45° of x in the x-y plane.
     */
    static int quarterTurns(double[] accelerometer, double sampleRateHz) {
        int samples = Math.min(accelerometer.length / 3, Math.max(1, (int) Math.round(REFERENCE_SECONDS * sampleRateHz)));
        double x = 0;
        double y = 0;
        for (int index = 0; index < samples; index++) {
            x += accelerometer[3 * index];
            y += accelerometer[3 * index + 1];
        }
        if (Math.abs(x) >= Math.abs(y)) {
            return x >= 0 ? 0 : 2;
        }
        // up along +y: turning the axes by a quarter turn clockwise takes it to +x
        return y > 0 ? 3 : 1;
    }

    /** Turns interleaved x, y, z vectors about z by {@code quarterTurns} quarter turns counter-clockwise, in place. */
    static void turn(double[] interleaved, int quarterTurns) {
        int turns = Math.floorMod(quarterTurns, 4);
        if (turns == 0) {
            return;
        }
        for (int base = 0; base < interleaved.length; base += 3) {
            double x = interleaved[base];
            double y = interleaved[base + 1];
            switch (turns) {
                case 1 -> {
                    interleaved[base] = -y;
                    interleaved[base + 1] = x;
                }
                case 2 -> {
                    interleaved[base] = -x;
                    interleaved[base + 1] = -y;
                }
                default -> {
                    interleaved[base] = y;
                    interleaved[base + 1] = -x;
                }
            }
        }
    }
}
