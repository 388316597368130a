// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.backbeat.device.serve.GpioInput;
import java.io.IOException;

/**
 * A GPIO input through Pi4J's linuxfs digital input ({@code /sys/class/gpio/gpioN/value}): the
 * push button's line, read by {@code dev.backbeat.device.serve.PushButton} every few milliseconds.
 */
final class Pi4jGpioInput implements GpioInput {

    private final Context context;
    private final DigitalInput input;
    private final String name;

    Pi4jGpioInput(Context context, DigitalInput input, String name) {
        this.context = context;
        this.input = input;
        this.name = name;
    }

    @Override
    public boolean isHigh() throws IOException {
        try {
            DigitalState state = input.state();
            if (state == DigitalState.UNKNOWN) {
                throw new IOException(name + " reads neither high nor low");
            }
            return state == DigitalState.HIGH;
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate(name, failure);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            context.shutdown(input.id());
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate(name, failure);
        }
    }
}
