// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.hardware.sim.SimulationClock;
import java.time.Duration;

/**
 * Paces a simulated strap: advances its clock to each due time, and lets {@code timeScale}
 * simulated seconds pass per wall-clock second (0 means as fast as possible).
 */
final class SimulatedPacing implements Pacing {

    /** Simulated seconds between polls: 50 ms, as the device polls real FIFOs. */
    static final double POLL_INTERVAL_SECONDS = 0.05;

    private final SimulationClock clock;
    private final double timeScale;
    private final long startNanos = System.nanoTime();

    SimulatedPacing(SimulationClock clock, double timeScale) {
        if (!(timeScale >= 0)) {
            throw new IllegalArgumentException("time scale must be 0 (as fast as possible) or positive, was " + timeScale);
        }
        this.clock = clock;
        this.timeScale = timeScale;
    }

    @Override
    public double pollIntervalSeconds() {
        return POLL_INTERVAL_SECONDS;
    }

    @Override
    public void awaitUntil(double dueSeconds) throws InterruptedException {
        clock.advanceTo(dueSeconds);
        if (timeScale == 0) {
            return;
        }
        long dueNanos = startNanos + (long) (clock.nowSeconds() / timeScale * 1e9);
        long waitNanos;
        while ((waitNanos = dueNanos - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(waitNanos));
        }
    }

    @Override
    public boolean stopsWhileTheServiceIsBusy() {
        return true;
    }

    @Override
    public double elapsedSeconds() {
        return clock.nowSeconds();
    }
}
