// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.hardware.time.SessionClock;

/**
 * Polls the real strap every {@value #POLL_INTERVAL_SECONDS} s of wall-clock time. The chips'
 * FIFOs hold several hundred milliseconds of samples, so a late poll (a GC pause, a busy Pi) loses
 * nothing.
 */
final class RealTimePacing implements Pacing {

    static final double POLL_INTERVAL_SECONDS = 0.05;

    private final SessionClock clock;
    private double nextPollSeconds = POLL_INTERVAL_SECONDS;

    RealTimePacing(SessionClock clock) {
        this.clock = clock;
    }

    @Override
    public void awaitNextPoll(double endSeconds) throws InterruptedException {
        double due = Math.min(nextPollSeconds, endSeconds);
        double waitSeconds = due - clock.nowSeconds();
        if (waitSeconds > 0) {
            Thread.sleep((long) Math.ceil(waitSeconds * 1000));
        }
        nextPollSeconds = Math.max(nextPollSeconds + POLL_INTERVAL_SECONDS, clock.nowSeconds());
    }

    @Override
    public double elapsedSeconds() {
        return clock.nowSeconds();
    }
}
