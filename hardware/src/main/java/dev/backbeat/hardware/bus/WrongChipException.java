// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.hardware.bus;

import java.io.IOException;

/** The chip at an address answered with another identity than the driver expects. */
public final class WrongChipException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int identity;

    public WrongChipException(String expectedChip, int address, String registerName, int register,
                              int expectedIdentity, int identity, String looksLike) {
        super(String.format("chip at 0x%02X answers %s (0x%02X) = 0x%02X, expected 0x%02X for %s%s",
                address, registerName, register, identity, expectedIdentity, expectedChip,
                looksLike.isEmpty() ? "" : "; it looks like " + looksLike));
        this.identity = identity;
    }

    /** The identity register's value as read. */
    public int identity() {
        return identity;
    }
}
