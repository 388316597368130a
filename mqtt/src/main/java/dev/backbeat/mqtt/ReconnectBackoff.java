// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

/**
 * How long to wait before the next attempt to reach a broker that could not be reached: doubling
 * from {@value #FIRST_MILLIS} ms, but at most {@value #STARTUP_MAX_MILLIS} ms during the first
 * {@value #STARTUP_WINDOW_MILLIS} ms of trying (a broker started at the same moment, as a person
 * starts {@code backbeat broker}, {@code backbeat sync} and {@code backbeat-device} together, is
 * found within a quarter second of listening instead of up to two seconds later), and at most
 * {@value #MAX_MILLIS} ms after that (a broker that is away for longer is not hammered).
 * {@link #reset()} after a connection was made.
 */
public final class ReconnectBackoff {

    /** The first wait, ms (100). */
    static final long FIRST_MILLIS = 100;
    /** The longest wait while the broker has been unreachable for less than {@link #STARTUP_WINDOW_MILLIS}, ms (250). */
    static final long STARTUP_MAX_MILLIS = 250;
    /** How long the short waits last from the first failed attempt, ms (15 000). */
    static final long STARTUP_WINDOW_MILLIS = 15_000;
    /** The longest wait after that, ms (2 000). */
    static final long MAX_MILLIS = 2_000;

    private long failingSinceNanos;
    private boolean failing;
    private long nextMillis = FIRST_MILLIS;

    /** The wait before the next attempt, after one that failed at {@code nowNanos} ({@link System#nanoTime}). */
    public long nextMillis(long nowNanos) {
        if (!failing) {
            failing = true;
            failingSinceNanos = nowNanos;
        }
        boolean starting = nowNanos - failingSinceNanos < STARTUP_WINDOW_MILLIS * 1_000_000;
        long wait = Math.min(nextMillis, starting ? STARTUP_MAX_MILLIS : MAX_MILLIS);
        nextMillis = Math.min(MAX_MILLIS, 2 * nextMillis);
        return wait;
    }

    /** The wait before the next attempt, after one that failed now. */
    public long nextMillis() {
        return nextMillis(System.nanoTime());
    }

    /** A connection was made: the next failure starts again from {@value #FIRST_MILLIS} ms. */
    public void reset() {
        failing = false;
        nextMillis = FIRST_MILLIS;
    }
}
