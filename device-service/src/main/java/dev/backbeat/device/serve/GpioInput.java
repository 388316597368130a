// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import java.io.IOException;

/**
 * One GPIO line read as an input: on the Pi through Pi4J ({@code dev.backbeat.device.pi4j}), in
 * tests and with {@code --hardware sim} a {@link SimulatedButton}.
 */
public interface GpioInput extends AutoCloseable {

    /** Whether the line is high now (a button to ground with a pull-up: released). */
    boolean isHigh() throws IOException;

    @Override
    void close() throws IOException;
}
