// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The button's debounce and press classification on the simulated GPIO line, whose contacts
 * bounce for 8 ms after every press and release, read by the real polling thread.
 */
class PushButtonTest {

    private final SimulatedButton line = new SimulatedButton();
    private final List<PushButton.Event> events = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private PushButton button() {
        return new PushButton(line, 30, 1500, events::add, log::add);
    }

    @Test
    void press_shortAndBouncing_isOnePress() throws Exception {
        try (PushButton button = button()) {
            for (int press = 0; press < 3; press++) {
                line.click(120);
                Thread.sleep(100);
            }
            assertEquals(List.of(PushButton.Event.PRESS, PushButton.Event.PRESS, PushButton.Event.PRESS), events);
            assertTrue(line.reads() > 50, "the line is polled every few ms: " + line.reads());
        }
    }

    @Test
    void button_restingReleased_readsTheLineOnlyEveryIdleInterval() throws Exception {
        try (PushButton button = button()) {
            Thread.sleep(200);
            long before = line.reads();
            Thread.sleep(1_000);
            long reads = line.reads() - before;
            // every 5 ms this was about 190 reads a second; every 25 ms about 40
            assertTrue(reads <= 1_000 / PushButton.IDLE_POLL_INTERVAL_MILLIS + 5, reads + " reads in a second at rest");
            assertTrue(reads >= 10, "still read: " + reads);
        }
    }

    @Test
    void press_quickFromRest_countsEveryOne() throws Exception {
        try (PushButton button = button()) {
            for (int press = 0; press < 8; press++) {
                // 100 ms, a deliberate press: seen within 25 ms at rest, then 30 ms of debounce while
                // it is still held (45 ms to spare for a late wake-up on a busy machine)
                line.click(100);
                Thread.sleep(60 + 7 * press); // released for more than the debounce time, at assorted phases
            }
            Thread.sleep(100);
            assertEquals(java.util.Collections.nCopies(8, PushButton.Event.PRESS), events);
        }
    }

    @Test
    void press_heldPastTheLongPressTime_isOneLongPressAndNoPress() throws Exception {
        try (PushButton button = button()) {
            line.press();
            Thread.sleep(1_300);
            assertEquals(List.of(), events, "not yet long");
            Thread.sleep(400);
            assertEquals(List.of(PushButton.Event.LONG_PRESS), events, "sent while still held");
            line.release();
            Thread.sleep(150);
            assertEquals(List.of(PushButton.Event.LONG_PRESS), events, "its release says nothing more");
        }
    }

    @Test
    void press_shorterThanTheDebounceTime_isIgnored() throws Exception {
        try (PushButton button = button()) {
            for (int glitch = 0; glitch < 5; glitch++) {
                line.click(12); // contact bounce and a brush of the button: never 30 ms steady
                Thread.sleep(60);
            }
            assertEquals(List.of(), events);
        }
    }

    @Test
    void button_lineUnreadable_saysSoOnceAndRecovers() throws Exception {
        boolean[] broken = {true};
        GpioInput flaky = new GpioInput() {
            @Override
            public boolean isHigh() throws java.io.IOException {
                if (broken[0]) {
                    throw new java.io.IOException("/sys/class/gpio/gpio529/value: Permission denied");
                }
                return line.isHigh();
            }

            @Override
            public void close() {
            }
        };
        try (PushButton button = new PushButton(flaky, 30, 1500, events::add, log::add)) {
            Thread.sleep(100);
            broken[0] = false;
            Thread.sleep(50);
            line.click(120);
            Thread.sleep(100);
        }
        assertEquals(List.of("cannot read the button's GPIO: /sys/class/gpio/gpio529/value: Permission denied",
                "the button's GPIO reads again"), log);
        assertEquals(List.of(PushButton.Event.PRESS), events);
    }
}
