// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.sim.chip;

import dev.backbeat.hardware.bus.RegisterBus;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Wraps a bus to misbehave on chosen registers: fixed read values, ignored writes. */
public final class FaultyBus implements RegisterBus {

    private final RegisterBus delegate;
    private final Map<Integer, Integer> readOverrides = new HashMap<>();
    private final Set<Integer> ignoredWrites = new HashSet<>();

    public FaultyBus(RegisterBus delegate) {
        this.delegate = delegate;
    }

    /** Single-register reads of {@code register} return {@code value}. */
    public FaultyBus reading(int register, int value) {
        readOverrides.put(register, value);
        return this;
    }

    /** Writes to {@code register} are dropped, as by a chip that does not have it. */
    public FaultyBus ignoringWritesTo(int register) {
        ignoredWrites.add(register);
        return this;
    }

    @Override
    public int address() {
        return delegate.address();
    }

    @Override
    public int readRegister(int register) throws IOException {
        Integer override = readOverrides.get(register);
        return override != null ? override : delegate.readRegister(register);
    }

    @Override
    public void readRegisters(int firstRegister, byte[] buffer, int offset, int length) throws IOException {
        delegate.readRegisters(firstRegister, buffer, offset, length);
    }

    @Override
    public void writeRegister(int register, int value) throws IOException {
        if (!ignoredWrites.contains(register)) {
            delegate.writeRegister(register, value);
        }
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
