// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.routine;

/**
 * An alert a guard raised (or its all-clear), as the session records it.
 *
 * @param timeSeconds session time, s
 * @param kind what happened
 * @param stepIndex the routine step it happened in (0-based)
 * @param reason for people, with the measured value and the limit
 */
public record GuardAlert(double timeSeconds, Kind kind, int stepIndex, String reason) {

    /** What happened; each has its own haptic pattern on the strap. */
    public enum Kind {
        /** Extension beyond the person's limit. */
        HYPEREXTENSION,
        /** Back within the limit after a hyperextension alert: a short confirming cue. */
        BACK_IN_RANGE,
        /** At end range longer than the step allows. */
        END_RANGE_HOLD,
        /** Faster than the step's slow control allows. */
        TOO_FAST,
        /** The wearer snoozed the guards for the rest of the step. */
        SNOOZED
    }
}
