// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.time;

/**
 * Session time in seconds, as the strap drivers see it. On the Pi it is the JVM's monotonic clock
 * counted from the start of the session; in simulation it is the simulation clock
 * ({@code simulationClock::nowSeconds}).
 *
 * <p>Drivers read it when the FIFO starts, to measure a gap after a FIFO overflow, and at each
 * drain just after the FIFO's count, to measure the chip's real output data rate; timestamps come
 * from FIFO counts at that measured rate.
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
