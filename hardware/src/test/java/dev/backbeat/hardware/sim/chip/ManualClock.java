// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import dev.backbeat.hardware.time.SessionClock;

/** A session clock that tests move by hand. */
public final class ManualClock implements SessionClock {

    private double nowSeconds;

    @Override
    public double nowSeconds() {
        return nowSeconds;
    }

    public void advance(double seconds) {
        nowSeconds += seconds;
    }

    public void set(double seconds) {
        nowSeconds = seconds;
    }
}
