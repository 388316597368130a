// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.paho;

/** One-line reasons from Paho's exceptions (v3 and v5 alike). */
final class PahoReasons {

    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private PahoReasons() {
    }

    /** Paho's own message plus the underlying cause (e.g. Connection refused). */
    static String describe(Exception e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(message)) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message;
    }
}
