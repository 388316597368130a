// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.spine;

/**
 * Where the analysis found the wearer's neutral posture, and how far to trust it.
 *
 * @param method how it was found
 * @param startSeconds start of the stretch used, session seconds
 * @param endSeconds end of it
 * @param confidence {@code high} (a still, upright stand of at least 3 s near the start),
 *     {@code medium} (a stand of 1–3 s near the start, or a still, upright stretch elsewhere, which
 *     may be a hold rather than neutral, or, in a recording that begins moving, a later still
 *     stretch in the posture it began in), {@code low} (a stand of under a second right at the
 *     start, or no still upright stretch at all: the start of the recording, angles are relative to
 *     whatever posture that was)
 * @param upperMountDegrees how far the upper sensor sits from its nominal orientation on the body, degrees
 * @param lowerMountDegrees the same for the lower sensor (NaN with one sensor)
 * @param functionalAxisCorrectionDegrees the larger of the two straps' rotations about the spine found from the
 *     session's bends and removed ({@link FunctionalAxis}; 0 if not found or switched off), degrees
 */
public record NeutralEstimate(
        Method method,
        double startSeconds,
        double endSeconds,
        String confidence,
        double upperMountDegrees,
        double lowerMountDegrees,
        double functionalAxisCorrectionDegrees) {

    /** How the neutral posture was found. */
    public enum Method {
        /** The first still, upright stand near the start, as the device's routines begin. */
        STAND_AT_START("neutral stand at the start"),
        /**
         * The recording begins moving (no stand): the first still, upright stretch held in the
         * posture it begins in.
         */
        STARTING_POSTURE_HELD("no stand at the start: the posture the recording begins in, held still later"),
        /** The longest still, upright stretch elsewhere in the recording. */
        STILLEST_UPRIGHT_STRETCH("stillest upright stretch"),
        /** Nothing still and upright was found: the first second of the recording. */
        START_OF_RECORDING("start of the recording (no still, upright stretch found)");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
