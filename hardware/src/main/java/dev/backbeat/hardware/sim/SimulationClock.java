// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim;

/**
 * The time of a simulated strap, in seconds since the session started. The device service
 * advances it as it polls, so simulated time may run faster than wall-clock time (the time
 * scale); simulated chips produce samples up to {@link #nowSeconds()}.
 */
public final class SimulationClock {

    private volatile double nowSeconds;

    public double nowSeconds() {
        return nowSeconds;
    }

    /** Moves the clock forward by {@code seconds} (must not be negative). */
    public void advance(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("cannot advance the clock by " + seconds + " s");
        }
        nowSeconds += seconds;
    }

    /** Moves the clock forward to exactly {@code seconds}; an earlier time leaves it where it is. */
    public void advanceTo(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("cannot advance the clock to NaN");
        }
        if (seconds > nowSeconds) {
            nowSeconds = seconds;
        }
    }
}
