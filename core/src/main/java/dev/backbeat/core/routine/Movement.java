// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.util.Locale;
import java.util.Optional;

/** What a routine step asks the wearer to do. */
public enum Movement {
    /** Stand still and upright: the neutral posture the angles are measured from (the calibration). */
    NEUTRAL_STAND(false, false),
    /** Rest, no movement asked for (the pacer keeps pacing). */
    REST(false, false),
    /** A cat-cow flow: flexion on the exhale, extension on the inhale, the neutral crossing between. */
    CAT_COW(true, false),
    /** A standing controlled extension, held at end range. */
    EXTENSION(true, false),
    /** A slow extension supported by the hands on the hips, with a posterior pelvic tilt. */
    SUPPORTED_EXTENSION(true, false),
    /** Side bends, alternating sides. */
    SIDE_BEND(true, true),
    /** Twists of the upper trunk, seated or standing, alternating sides. */
    TWIST(true, true),
    /** A slow reverse lunge with a spinal twist towards the front leg, alternating sides. */
    LUNGE_TWIST(true, true);

    private final boolean repeated;
    private final boolean sided;

    Movement(boolean repeated, boolean sided) {
        this.repeated = repeated;
        this.sided = sided;
    }

    /** Whether the step is made of repetitions (else it only lasts a time). */
    public boolean repeated() {
        return repeated;
    }

    /** Whether repetitions alternate sides ({@code repetitions} then counts each side). */
    public boolean sided() {
        return sided;
    }

    /** Flexion, side bend and twist: the order of {@link #dominantAngle()}'s numbers. */
    public static final int FLEXION = 0;
    public static final int SIDE_BEND_ANGLE = 1;
    public static final int TWIST_ANGLE = 2;

    /**
     * The spinal angle the movement moves: {@link #SIDE_BEND_ANGLE} for side bends,
     * {@link #TWIST_ANGLE} for twists and the lunge twist, {@link #FLEXION} otherwise.
     */
    public int dominantAngle() {
        return switch (this) {
            case SIDE_BEND -> SIDE_BEND_ANGLE;
            case TWIST, LUNGE_TWIST -> TWIST_ANGLE;
            default -> FLEXION;
        };
    }

    /** The name in routine files, e.g. {@code supported-extension}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The movement of a routine file's name, if there is one. */
    public static Optional<Movement> fromFileName(String name) {
        for (Movement movement : values()) {
            if (movement.fileName().equals(name)) {
                return Optional.of(movement);
            }
        }
        return Optional.empty();
    }
}
