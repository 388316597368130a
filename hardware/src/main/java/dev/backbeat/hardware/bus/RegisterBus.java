// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.bus;

import java.io.IOException;

/**
 * One chip on an I2C bus, seen as 8-bit registers: the seam between chip drivers and the bus.
 *
 * <p>Implemented on a Raspberry Pi through Pi4J (in the device's Pi4J adapter package) and on a
 * laptop by register-level simulated chips. Register addresses and values are unsigned bytes
 * (0x00..0xFF) passed as {@code int}.
 */
public interface RegisterBus extends AutoCloseable {

    /** The chip's 7-bit I2C address. */
    int address();

    /** Reads one register; returns its value as 0..255. */
    int readRegister(int register) throws IOException;

    /**
     * Reads {@code length} consecutive bytes in one bus transaction, starting at
     * {@code firstRegister} (the chip's register pointer auto-increments, or stays put on FIFO
     * data registers, as the chip defines).
     */
    void readRegisters(int firstRegister, byte[] buffer, int offset, int length) throws IOException;

    /** Writes one register; {@code value} must be 0..255. */
    void writeRegister(int register, int value) throws IOException;

    @Override
    void close() throws IOException;
}
