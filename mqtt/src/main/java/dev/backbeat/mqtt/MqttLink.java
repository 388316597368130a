// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One MQTT connection as the sync protocol uses it: QoS 1 publishes and a queue of what arrived on
 * the subscriptions. It does not reconnect by itself: when {@link #isConnected()} turns false the
 * owner closes it and connects a new one (with a clean session), so no client library state
 * (in-flight messages, topic aliases) outlives a connection. What must not be lost lives in our
 * own outbox and store, never in the client.
 */
public interface MqttLink extends AutoCloseable {

    /**
     * Starts a QoS 1 publish without waiting for the broker.
     *
     * @return false when the client's window of unconfirmed publishes is full (try again shortly)
     * @throws IOException when the connection is gone
     */
    boolean offer(String topic, byte[] payload, boolean retained) throws IOException;

    /** Publishes at QoS 1 and waits until the broker accepted it; throws if it refused or did not answer. */
    void publish(String topic, byte[] payload, boolean retained, Duration timeout) throws IOException;

    /** The next message that arrived, waiting up to {@code timeout}. */
    Optional<InboundMessage> poll(Duration timeout) throws InterruptedException;

    /** Moves up to {@code max} messages that already arrived into {@code sink}; returns how many. */
    int drainTo(List<InboundMessage> sink, int max);

    boolean isConnected();

    /** Why the connection was lost, or null while it is up. */
    String lossReason();

    @Override
    void close();

    /** A message that arrived on a subscription. */
    record InboundMessage(String topic, byte[] payload, boolean retained) {
    }
}
