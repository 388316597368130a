// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.rhythm;

import java.util.Locale;

/** What a repetition moved, as named in analyses and reports. */
public enum RepetitionKind {
    /** A flexion and an extension excursion in succession: one cat-plus-cow cycle. */
    FLEXION_EXTENSION,
    /** A forward bend and back. */
    FLEXION,
    /** A backward bend and back (a controlled extension, with or without a hold). */
    EXTENSION,
    /** The upper trunk turned to the left and back. */
    TWIST_LEFT,
    /** The upper trunk turned to the right and back. */
    TWIST_RIGHT,
    /** A side bend to the left and back. */
    SIDE_BEND_LEFT,
    /** A side bend to the right and back. */
    SIDE_BEND_RIGHT;

    /** The name in analyses: {@code flexion-extension}, {@code twist-left}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
