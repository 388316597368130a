// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.hardware.time.SessionClock;
import java.time.Duration;

/**
 * Paces a session on the real (monotonic) session clock: the strap is polled every
 * {@value #POLL_INTERVAL_SECONDS} s; the chips' FIFOs hold several hundred milliseconds of samples,
 * so a late poll (a GC pause, a busy Pi) loses nothing. Waits sleep with nanosecond precision, so a
 * pacer cue due between polls is met within the scheduler's wake-up latency. A cue is waited for
 * more precisely ({@link #awaitPrecisely}): the thread sleeps until {@link #DEFAULT_CUE_MARGIN_SECONDS}
 * before it and spins the rest, so a late wake-up (a busy processor) eats into the margin, not into
 * the cue's timing; at 6 motor changes a breath and 10 breaths a minute that is 2 ms of spinning a
 * second (0.2 % of a core), polls do not spin.
 */
public final class RealTimePacing implements Pacing {

    static final double POLL_INTERVAL_SECONDS = 0.05;

    /** How long before a cue the sampling thread wakes to spin until it, s. Default 2 ms. */
    public static final double DEFAULT_CUE_MARGIN_SECONDS = 0.002;

    private final SessionClock clock;
    private final double cueMarginSeconds;

    public RealTimePacing(SessionClock clock) {
        this(clock, DEFAULT_CUE_MARGIN_SECONDS);
    }

    /** @param cueMarginSeconds how long before a cue to wake and spin, s, 0..0.01 (0: sleep until it, as for polls) */
    public RealTimePacing(SessionClock clock, double cueMarginSeconds) {
        if (!(cueMarginSeconds >= 0 && cueMarginSeconds <= 0.01)) {
            throw new IllegalArgumentException("the cue margin must be 0..0.01 s, was " + cueMarginSeconds);
        }
        this.clock = clock;
        this.cueMarginSeconds = cueMarginSeconds;
    }

    @Override
    public double pollIntervalSeconds() {
        return POLL_INTERVAL_SECONDS;
    }

    @Override
    public void awaitUntil(double dueSeconds) throws InterruptedException {
        double waitSeconds;
        while ((waitSeconds = dueSeconds - clock.nowSeconds()) > 0) {
            Thread.sleep(Duration.ofNanos((long) Math.ceil(waitSeconds * 1e9)));
        }
    }

    @Override
    public void awaitPrecisely(double dueSeconds) throws InterruptedException {
        awaitUntil(dueSeconds - cueMarginSeconds);
        while (clock.nowSeconds() < dueSeconds) {
            Thread.onSpinWait();
        }
    }

    @Override
    public boolean stopsWhileTheServiceIsBusy() {
        return false;
    }

    @Override
    public double elapsedSeconds() {
        return clock.nowSeconds();
    }
}
