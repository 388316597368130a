// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.device.serve.GpioInput;
import dev.backbeat.hardware.bus.RegisterBusFactory;
import dev.backbeat.hardware.haptic.PwmOutput;
import java.io.IOException;

/**
 * The Raspberry Pi the strap is wired to, as the service uses it ({@code hardware = pi}): its I2C
 * register buses and a hardware PWM channel. The implementation is the Pi4J adapter of the
 * {@code backbeat-device} launcher ({@code dev.backbeat.device.pi4j.Pi4jHardware}), so no platform
 * library is needed here, nor in the {@code backbeat} command that runs this service on the
 * simulated strap.
 */
public interface PiBoard extends RegisterBusFactory, AutoCloseable {

    /** Hardware PWM channel {@code channel} at {@code frequencyHz}, off. */
    PwmOutput pwm(int channel, int frequencyHz) throws IOException;

    /**
     * GPIO {@code gpio} (BCM numbering) as an input, read through {@code /sys/class/gpio} at
     * {@code sysfsBase + gpio}. Its pull-up is set at boot ({@code gpio=17=ip,pu} in
     * {@code config.txt}; see hardware/README.md): the sysfs interface cannot set one.
     */
    GpioInput input(int gpio, int sysfsBase) throws IOException;

    @Override
    void close() throws IOException;

    /** Opens the board. */
    @FunctionalInterface
    interface Opener {
        /** The board, with its PWM on {@code /sys/class/pwm/pwmchip<pwmChip>}. */
        PiBoard open(int pwmChip) throws IOException;
    }
}
