// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The strap's push button: reads its GPIO line every {@value #IDLE_POLL_INTERVAL_MILLIS} ms while it
 * rests released, every {@value #POLL_INTERVAL_MILLIS} ms from the first read that finds it pressed
 * until it rests released again, debounces it in software (a level counts once it held for the
 * debounce time, 30 ms by default) and tells a short press from a long one: a press released
 * before the long-press time (1.5 s) is a {@link Event#PRESS} (start or stop), one held that long
 * is a {@link Event#LONG_PRESS} (next routine) as soon as the time is reached, and its release then
 * says nothing more. The press time counts from the first edge of the press.
 */
public final class PushButton implements AutoCloseable {

    /** How often the line is read while a press or release is under way, ms: well under the debounce time. */
    public static final int POLL_INTERVAL_MILLIS = 5;

    /**
     * How often the line is read while the button rests released, ms (default 25). Reading it every
     * 5 ms all the time took an idle {@code serve} 1.1 % of a core of this machine in wake-ups alone
     * (about 5 % of a Raspberry Pi 4's, which is 4–5 times slower); every 25 ms a press is seen at most 25 ms after it began, so
     * every press held at least 25 ms plus the debounce time (55 ms with the default 30 ms) counts.
     * A deliberate press lasts 100 ms or more.
     */
    public static final int IDLE_POLL_INTERVAL_MILLIS = 25;

    /** What the wearer did. */
    public enum Event {
        /** Pressed and released within the long-press time. */
        PRESS,
        /** Held for the long-press time. */
        LONG_PRESS
    }

    private final GpioInput input;
    private final long debounceNanos;
    private final long longPressNanos;
    private final Consumer<Event> events;
    private final Consumer<String> log;
    private final Thread poller;
    private volatile boolean closed;

    /**
     * Starts reading {@code input} on a thread of its own.
     *
     * @param events receives each press, on the button's thread
     * @param log receives a line when the line cannot be read (once until it can again)
     */
    public PushButton(GpioInput input, int debounceMillis, int longPressMillis, Consumer<Event> events,
                      Consumer<String> log) {
        if (debounceMillis < 1 || longPressMillis <= 2 * debounceMillis) {
            throw new IllegalArgumentException("the long press (" + longPressMillis + " ms) must be more than twice the "
                    + "debounce time (" + debounceMillis + " ms), which must be at least 1 ms");
        }
        this.input = input;
        this.debounceNanos = debounceMillis * 1_000_000L;
        this.longPressNanos = longPressMillis * 1_000_000L;
        this.events = events;
        this.log = log;
        this.poller = Thread.ofPlatform().name("push-button").daemon().start(this::poll);
    }

    private void poll() {
        boolean stableHigh = true; // released: the pull-up holds the line high
        boolean candidateHigh = true;
        long candidateSince = System.nanoTime();
        long pressedSince = 0;
        boolean longPressSent = false;
        boolean failing = false;
        while (!closed) {
            long now = System.nanoTime();
            Event event = null;
            try {
                boolean high = input.isHigh();
                if (failing) {
                    log.accept("the button's GPIO reads again");
                    failing = false;
                }
                if (high != candidateHigh) {
                    candidateHigh = high;
                    candidateSince = now;
                } else if (candidateHigh != stableHigh && now - candidateSince >= debounceNanos) {
                    stableHigh = candidateHigh;
                    if (!stableHigh) {
                        pressedSince = candidateSince;
                        longPressSent = false;
                    } else if (!longPressSent) {
                        event = Event.PRESS;
                    }
                }
                if (!stableHigh && !longPressSent && now - pressedSince >= longPressNanos) {
                    longPressSent = true;
                    event = Event.LONG_PRESS;
                }
            } catch (IOException | RuntimeException unreadable) {
                if (!failing) {
                    log.accept("cannot read the button's GPIO: " + unreadable.getMessage());
                    failing = true;
                }
            }
            if (event != null) {
                events.accept(event);
            }
            boolean resting = stableHigh && candidateHigh;
            try {
                Thread.sleep(resting || failing ? IDLE_POLL_INTERVAL_MILLIS : POLL_INTERVAL_MILLIS);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        poller.interrupt();
        try {
            poller.join(1_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        input.close();
    }
}
