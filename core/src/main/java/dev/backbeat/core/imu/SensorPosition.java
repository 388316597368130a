// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.imu;

import java.util.Optional;

/** Where on the back a strap IMU sits. */
public enum SensorPosition {
    /** Upper back, around the fourth thoracic vertebra (T4). */
    UPPER("upper"),
    /** Sacrum, around the first sacral vertebra (S1); moves with the pelvis. */
    LOWER("lower");

    private final String label;

    SensorPosition(String label) {
        this.label = label;
    }

    /** The name used in files and on the wire: {@code upper} or {@code lower}. */
    public String label() {
        return label;
    }

    /** The position named {@code label} ({@code upper} or {@code lower}), if any. */
    public static Optional<SensorPosition> fromLabel(String label) {
        for (SensorPosition position : values()) {
            if (position.label.equals(label)) {
                return Optional.of(position);
            }
        }
        return Optional.empty();
    }
}
