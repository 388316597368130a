// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.config;

/** The device configuration is invalid; the message names the file, line, key and reason. */
public final class ConfigurationException extends Exception {

    private final boolean fromCommandLine;

    public ConfigurationException(String message) {
        this(message, false);
    }

    public ConfigurationException(String message, boolean fromCommandLine) {
        super(message);
        this.fromCommandLine = fromCommandLine;
    }

    /** Whether the bad value came from a command-line option rather than the file. */
    public boolean fromCommandLine() {
        return fromCommandLine;
    }
}
