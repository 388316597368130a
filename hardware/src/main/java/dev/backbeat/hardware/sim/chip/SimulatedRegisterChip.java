// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import dev.backbeat.hardware.bus.RegisterBus;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A chip seen at register level, standing in for a {@link RegisterBus}: 256 8-bit registers, a
 * register pointer that a burst read advances (each chip decides how, e.g. staying on a FIFO port),
 * registers with side effects on read or write, and time that moves on before every transaction.
 *
 * <p>Thread-safe: every transaction holds the chip's lock, as the I2C bus serialises access.
 */
public abstract class SimulatedRegisterChip implements RegisterBus {

    /** Register contents, 0..255. */
    protected final int[] registers = new int[256];
    private final int address;
    private boolean closed;
    private long transactionCount;

    protected SimulatedRegisterChip(int address) {
        if (address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException(String.format("not a 7-bit I2C device address: 0x%02X", address));
        }
        this.address = address;
    }

    @Override
    public final int address() {
        return address;
    }

    @Override
    public final synchronized int readRegister(int register) throws IOException {
        beginTransaction(register);
        return readByte(register) & 0xFF;
    }

    @Override
    public final synchronized void readRegisters(int firstRegister, byte[] buffer, int offset, int length)
            throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        beginTransaction(firstRegister);
        int pointer = firstRegister;
        for (int index = 0; index < length; index++) {
            buffer[offset + index] = (byte) readByte(pointer);
            pointer = nextPointer(pointer);
        }
    }

    @Override
    public final synchronized void writeRegister(int register, int value) throws IOException {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(String.format("register value out of range: %d", value));
        }
        beginTransaction(register);
        writeByte(register, value);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Bus transactions so far (reads, bursts and writes). */
    public final synchronized long transactionCount() {
        return transactionCount;
    }

    /** Register contents as the chip holds them, without side effects (for tests). */
    public final synchronized int peek(int register) {
        return registers[register];
    }

    /** Called before each transaction: move the chip's time on (produce samples up to now). */
    protected abstract void advanceTime();

    /** The value read at {@code register}, with any side effect of reading it. */
    protected int readByte(int register) {
        return registers[register];
    }

    /** Applies a write; the default stores the value. */
    protected void writeByte(int register, int value) {
        registers[register] = value;
    }

    /** Where the register pointer goes after a byte of a burst read at {@code register}. */
    protected int nextPointer(int register) {
        return (register + 1) & 0xFF;
    }

    /** Clears all registers to zero (subclasses then set their reset values). */
    protected final void clearRegisters() {
        Arrays.fill(registers, 0);
    }

    private void beginTransaction(int register) throws IOException {
        if (closed) {
            throw new IOException(String.format("bus to simulated chip at 0x%02X is closed", address));
        }
        if (register < 0 || register > 0xFF) {
            throw new IllegalArgumentException(String.format("register out of range: %d", register));
        }
        transactionCount++;
        advanceTime();
    }
}
