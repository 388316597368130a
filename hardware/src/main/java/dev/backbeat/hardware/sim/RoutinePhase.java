// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/** One part of a simulated stretching routine: a posture as a function of time within the phase. */
public interface RoutinePhase {

    /** How long the phase lasts, seconds. */
    double durationSeconds();

    /** The posture {@code secondsIntoPhase} after the phase began (0..duration). */
    Posture postureAt(double secondsIntoPhase);

    /** A short name for logs and evaluation tables, e.g. {@code neutral-stand}. */
    String name();

    /**
     * How strongly the wearer's breathing follows the movement at {@code secondsIntoPhase}: 0 (the
     * default) breathes at the wearer's own rate, 1 breathes as {@link #lockedBreathFraction} says.
     */
    default double breathLockWeight(double secondsIntoPhase) {
        return 0;
    }

    /** The breathing signal (0 full exhale, 1 full inhale) when locked to the movement; NaN if never locked. */
    default double lockedBreathFraction(double secondsIntoPhase) {
        return Double.NaN;
    }
}
