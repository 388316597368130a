// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/**
 * The neutral stand that opens a guided session, lasting as long as the strap asks: a wearer who
 * feels the cues stands still until the first movement cue. The strap decides its length during
 * the session: a short check of a stored calibration, and the full stand after it when the strap
 * refuses the stored one (one long buzz); {@link #lasts} passes that on before the stand's old end.
 * Later phases of the routine move with its end.
 */
public final class OpeningStand implements RoutinePhase {

    /** Set by the sampling thread (the strap's decision), read by the simulated chips on the same thread. */
    private volatile double durationSeconds;

    /** @param durationSeconds how long the stand lasts unless the strap says otherwise, s */
    public OpeningStand(double durationSeconds) {
        lasts(durationSeconds);
    }

    /** The stand now lasts {@code seconds} from the session's start, s. */
    public void lasts(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("the opening stand must last a positive, finite time, was " + seconds + " s");
        }
        this.durationSeconds = seconds;
    }

    @Override
    public double durationSeconds() {
        return durationSeconds;
    }

    @Override
    public Posture postureAt(double secondsIntoPhase) {
        return Posture.UPRIGHT;
    }

    @Override
    public String name() {
        return "neutral-stand";
    }
}
