// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.hardware.sim.SimulationClock;

/**
 * Polls a simulated strap: advances its clock by one poll interval each time, and lets
 * {@code timeScale} simulated seconds pass per wall-clock second (0 means as fast as possible).
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
    public void awaitNextPoll(double endSeconds) throws InterruptedException {
        clock.advance(Math.max(0, Math.min(POLL_INTERVAL_SECONDS, endSeconds - clock.nowSeconds())));
        if (timeScale == 0) {
            return;
        }
        long dueNanos = startNanos + (long) (clock.nowSeconds() / timeScale * 1e9);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    @Override
    public double elapsedSeconds() {
        return clock.nowSeconds();
    }
}
