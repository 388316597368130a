// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

/** The embedded broker could not start; {@link #reason()} says whose fault, for the exit code. */
public final class BrokerStartException extends Exception {

    /** What kept the broker from starting. */
    public enum Reason {
        /** The broker itself: a port in use, its folder, HiveMQ failing. */
        BROKER,
        /** The pairing files for the TLS listener: missing, unreadable, from another CA, expired. */
        CERTIFICATES,
        /** Options that cannot work together or on this machine (an address that is not its own). */
        OPTIONS
    }

    private final Reason reason;

    public BrokerStartException(String message) {
        this(Reason.BROKER, message, null);
    }

    public BrokerStartException(String message, Throwable cause) {
        this(Reason.BROKER, message, cause);
    }

    public BrokerStartException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
