// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.bus;

import java.io.IOException;

/**
 * Opens a {@link RegisterBus} to one chip: the seam through which the strap, the haptic driver and
 * the start-up diagnostics reach either Pi4J (on the Pi) or simulated chips (in tests).
 *
 * <p>Implementations report an unreadable bus device file as {@link java.nio.file.AccessDeniedException}
 * and a missing one as {@link java.nio.file.NoSuchFileException}, so diagnostics can tell the cases apart.
 */
@FunctionalInterface
public interface RegisterBusFactory {

    /** Opens the chip at 7-bit {@code address} on I2C bus {@code busNumber} ({@code /dev/i2c-<busNumber>}). */
    RegisterBus open(int busNumber, int address) throws IOException;
}
