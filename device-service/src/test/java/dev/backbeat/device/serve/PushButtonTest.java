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
