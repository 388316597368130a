// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

import java.util.Locale;
import java.util.Optional;

/** A safety check the strap runs during a step, each with its own haptic pattern. */
public enum Guard {
    /** Extension beyond the person's limit (their profile's, in degrees or as a share of their measured range). */
    HYPEREXTENSION,
    /** Staying at end range longer than the step allows (its hold plus {@link RoutineStep#DEFAULT_HOLD_MARGIN_SECONDS}). */
    END_RANGE_HOLD,
    /** Moving too fast or too jerkily in a step that asks for slow control. */
    SPEED;

    /** The name in routine files, e.g. {@code end-range-hold}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Guard> fromFileName(String name) {
        for (Guard guard : values()) {
            if (guard.fileName().equals(name)) {
                return Optional.of(guard);
            }
        }
        return Optional.empty();
    }
}
