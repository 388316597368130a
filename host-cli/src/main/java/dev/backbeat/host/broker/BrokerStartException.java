package dev.backbeat.host.broker;

/** The embedded broker could not start; the message says why (port in use, folder not writable, ...). */
public final class BrokerStartException extends Exception {

    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
