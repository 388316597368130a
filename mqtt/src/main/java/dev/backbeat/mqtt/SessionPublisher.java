package dev.backbeat.mqtt;

import java.io.IOException;

/** Sends encoded sessions to the host through a broker. */
public interface SessionPublisher extends AutoCloseable {

    /**
     * Publishes one session payload (QoS 1, retained) and returns once the broker has acknowledged it.
     *
     * @throws BrokerUnreachableException when the broker cannot be reached
     * @throws IOException when the broker refused or the connection broke while publishing
     */
    void publish(String deviceId, String sessionId, byte[] payload) throws IOException;

    @Override
    void close() throws IOException;
}
