// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

/**
 * The session clock as the sampling thread waits on it: how far the session has got, how often the
 * strap is polled, and waiting until a given session time (the next poll or the pacer's next cue).
 */
public interface Pacing {

    /** Seconds of session time between polls of the strap's FIFOs. */
    double pollIntervalSeconds();

    /**
     * Returns once the session clock has reached {@code dueSeconds} (at once if it has): sleeps on
     * a real clock, advances a simulated one.
     */
    void awaitUntil(double dueSeconds) throws InterruptedException;

    /**
     * As {@link #awaitUntil}, for a moment the wearer feels (a pacer cue): a real clock may spend
     * processor time to meet it more closely.
     */
    default void awaitPrecisely(double dueSeconds) throws InterruptedException {
        awaitUntil(dueSeconds);
    }

    /**
     * True for a simulated clock, which advances only as the service waits: holding the sampling
     * thread up then loses no sample and makes no cue late in session time, so it may wait for the
     * storage instead of leaving samples unstored.
     */
    boolean stopsWhileTheServiceIsBusy();

    /** Session time reached, seconds. */
    double elapsedSeconds();
}
