// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.time;

import java.io.InterruptedIOException;

/**
 * Waits that chip drivers need (reset settling, polling a calibration bit). Real hardware waits
 * for real; simulated chips settle at once, so tests and the simulated strap use {@link #NONE}.
 */
@FunctionalInterface
public interface Sleeper {

    /** Does not wait: for register-level simulated chips, which settle instantly. */
    Sleeper NONE = milliseconds -> { };

    /** Waits with {@link Thread#sleep(long)}. */
    Sleeper REAL = milliseconds -> {
        try {
            Thread.sleep(milliseconds);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting " + milliseconds + " ms for a chip");
        }
    };

    /** Waits about {@code milliseconds}. */
    void sleep(long milliseconds) throws InterruptedIOException;
}
