// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.time;

/**
 * Session time in seconds, as the strap drivers see it. On the Pi it is the JVM's monotonic clock
 * counted from the start of the session; in simulation it is the simulation clock
 * ({@code simulationClock::nowSeconds}).
 *
 * <p>Drivers read it only to anchor their sample timeline when the FIFO starts and to measure a
 * gap after a FIFO overflow; every other timestamp comes from the output data rate and FIFO counts.
 */
@FunctionalInterface
public interface SessionClock {

    /** Seconds since the session started; never decreases. */
    double nowSeconds();

    /** The JVM's monotonic clock ({@link System#nanoTime()}), reading zero now. */
    static SessionClock monotonicFromNow() {
        long startNanos = System.nanoTime();
        return () -> (System.nanoTime() - startNanos) * 1e-9;
    }
}
