// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.bus;

import java.io.IOException;

/** A configuration register read back differently from what the driver wrote. */
public final class ChipConfigurationException extends IOException {

    private static final long serialVersionUID = 1L;

    public ChipConfigurationException(String chipName, int address, String registerName, int register,
                                      int written, int readBack) {
        super(String.format("%s at 0x%02X: %s (0x%02X) reads back 0x%02X after writing 0x%02X",
                chipName, address, registerName, register, readBack, written));
    }
}
