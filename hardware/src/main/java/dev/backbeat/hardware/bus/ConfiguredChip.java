// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.bus;

import java.io.IOException;
import java.util.Objects;

/**
 * The start-up steps every chip driver shares: check the identity register, and write each
 * configuration register then read it back, failing with the step and the values in hex.
 */
public final class ConfiguredChip {

    private final RegisterBus bus;
    private final String chipName;

    public ConfiguredChip(RegisterBus bus, String chipName) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.chipName = Objects.requireNonNull(chipName, "chipName");
    }

    /**
     * Reads {@code register} and requires {@code (value & mask) == expected}.
     *
     * @throws WrongChipException naming what the chip looks like, when it is another one
     */
    public void requireIdentity(String registerName, int register, int mask, int expected) throws IOException {
        int identity = bus.readRegister(register);
        if ((identity & mask) != expected) {
            String looksLike = String.join(" or ", ChipIdentities.namesFor(register, identity));
            if (looksLike.isEmpty() && register != ChipIdentities.TI_HAPTIC_STATUS) {
                looksLike = ChipIdentities.describe(bus);
            }
            throw new WrongChipException(chipName, bus.address(), registerName, register, expected,
                    identity & mask, looksLike);
        }
    }

    /**
     * Writes {@code value} to {@code register} and reads it back.
     *
     * @throws ChipConfigurationException when the register reads back anything else
     */
    public void writeAndVerify(String registerName, int register, int value) throws IOException {
        bus.writeRegister(register, value);
        int readBack = bus.readRegister(register);
        if (readBack != value) {
            throw new ChipConfigurationException(chipName, bus.address(), registerName, register, value, readBack);
        }
    }
}
