// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import java.util.SplittableRandom;

/**
 * A push button wired as on the strap, simulated at the level of its GPIO line: to ground, with the
 * pin's pull-up, so the line reads high while released and low while pressed; and it bounces, as
 * real contacts do, for {@link #BOUNCE_MILLIS} after each press and release (the line reads a
 * random level then), which {@link PushButton}'s debounce must ride out. Press and release come
 * from the test, or from standard input with {@code backbeat-device serve --hardware sim}.
 */
public final class SimulatedButton implements GpioInput {

    /** How long the contacts bounce after each press or release, ms (typical tactile switches: 1..10 ms). */
    public static final int BOUNCE_MILLIS = 8;

    private final SplittableRandom random = new SplittableRandom(14);
    private boolean pressed;
    private long changedNanos = Long.MIN_VALUE / 2;
    private long reads;

    public synchronized void press() {
        if (!pressed) {
            pressed = true;
            changedNanos = System.nanoTime();
        }
    }

    public synchronized void release() {
        if (pressed) {
            pressed = false;
            changedNanos = System.nanoTime();
        }
    }

    /** Presses, holds for {@code heldMillis} and releases (blocking the caller meanwhile). */
    public void click(long heldMillis) throws InterruptedException {
        press();
        Thread.sleep(heldMillis);
        release();
    }

    @Override
    public synchronized boolean isHigh() {
        reads++;
        if (System.nanoTime() - changedNanos < BOUNCE_MILLIS * 1_000_000L) {
            return random.nextBoolean();
        }
        return !pressed;
    }

    /** How often the line was read (the polling rate, for tests). */
    public synchronized long reads() {
        return reads;
    }

    @Override
    public void close() {
    }
}
