// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.haptic;

import java.io.IOException;

/**
 * One hardware PWM channel, as the coin motor needs it. Implemented on the Pi by the device's Pi4J
 * adapter (linuxfs PWM on GPIO 18); tests use a recording fake.
 */
public interface PwmOutput extends AutoCloseable {

    /** The PWM frequency, Hz. */
    double frequencyHz();

    /** Sets the high time as a fraction of the period, 0..1; 0 switches the output off. */
    void setDutyCycle(double fraction) throws IOException;

    /** Switches the output off and releases the channel. */
    @Override
    void close() throws IOException;
}
