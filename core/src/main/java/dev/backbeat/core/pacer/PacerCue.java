// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.pacer;

/**
 * The start of a paced inhale or exhale.
 *
 * @param timeSeconds session time of the cue, seconds
 * @param phase the phase that begins
 */
public record PacerCue(double timeSeconds, BreathPhase phase) {
}
