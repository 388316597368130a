// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import java.util.List;

/** The strap's hardware failed its start-up checks; each line says what is wrong and what to do. */
public final class HardwareUnavailableException extends Exception {

    private final List<String> findings;

    public HardwareUnavailableException(List<String> findings) {
        super(String.join("; ", findings));
        this.findings = List.copyOf(findings);
    }

    public List<String> findings() {
        return findings;
    }
}
