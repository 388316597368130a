// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.pi4j;

import com.pi4j.io.i2c.I2C;
import dev.backbeat.hardware.bus.RegisterBus;
import java.io.IOException;

/**
 * A {@link RegisterBus} on a Pi4J 3 I2C device ({@code I2CRegisterDataReaderWriter}). A burst read
 * is one combined write-register-then-read transfer with a repeated start (linuxfs-i2c uses the
 * I2C_RDWR ioctl), so the chip's register pointer auto-increments across the whole burst.
 */
final class Pi4jRegisterBus implements RegisterBus {

    private final I2C i2c;
    private final String name;

    Pi4jRegisterBus(I2C i2c) {
        this.i2c = i2c;
        this.name = String.format("/dev/i2c-%d @ 0x%02X", i2c.bus(), i2c.device());
    }

    @Override
    public int address() {
        return i2c.device();
    }

    @Override
    public int readRegister(int register) throws IOException {
        try {
            return i2c.readRegister(register) & 0xFF;
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate(name, failure);
        }
    }

    @Override
    public void readRegisters(int firstRegister, byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = i2c.readRegister(firstRegister, buffer, offset, length);
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate(name, failure);
        }
        if (read != length) {
            throw new IOException(String.format("%s: burst from 0x%02X returned %d of %d bytes", name, firstRegister,
                    read, length));
        }
    }

    @Override
    public void writeRegister(int register, int value) throws IOException {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("register value out of range: " + value);
        }
        try {
            i2c.writeRegister(register, (byte) value);
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate(name, failure);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            i2c.close();
        } catch (RuntimeException failure) {
            throw Pi4jFailures.translate(name, failure);
        }
    }
}
