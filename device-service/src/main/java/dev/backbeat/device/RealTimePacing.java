// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.hardware.time.SessionClock;
import java.time.Duration;

/**
 * Paces a session on the real (monotonic) session clock: the strap is polled every
 * {@value #POLL_INTERVAL_SECONDS} s; the chips' FIFOs hold several hundred milliseconds of samples,
 * so a late poll (a GC pause, a busy Pi) loses nothing. Waits sleep with nanosecond precision, so a
 * pacer cue due between polls is met within the scheduler's wake-up latency.
 */
public final class RealTimePacing implements Pacing {

    static final double POLL_INTERVAL_SECONDS = 0.05;

    private final SessionClock clock;

    public RealTimePacing(SessionClock clock) {
        this.clock = clock;
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
    public boolean stopsWhileTheServiceIsBusy() {
        return false;
    }

    @Override
    public double elapsedSeconds() {
        return clock.nowSeconds();
    }
}
