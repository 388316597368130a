// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A connection whose far side is the test: what its user is to receive is put into
 * {@link #inbound} (up front or while it runs), and what it publishes is queued in
 * {@link #published} in order; publishes always succeed. For unit tests of the outbox sender and
 * the host's sync; the real brokers are in the host module's integration tests.
 */
public class ScriptedLink implements MqttLink {

    /** A publish of the sender's. */
    public record Publication(String topic, byte[] payload) {
    }

    public final BlockingQueue<InboundMessage> inbound = new LinkedBlockingQueue<>();
    public final BlockingQueue<Publication> published = new LinkedBlockingQueue<>();
    private volatile boolean connected = true;

    public ScriptedLink(InboundMessage... arrivals) {
        inbound.addAll(List.of(arrivals));
    }

    /** The payload of the next publish on {@code topic} within {@code timeout} (others are skipped), or null. */
    public byte[] nextPayloadOn(String topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Publication next = published.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                return null;
            }
            if (next.topic().equals(topic)) {
                return next.payload();
            }
        }
    }

    /** The topics published to so far. */
    public List<String> publishedTopics() {
        return published.stream().map(Publication::topic).toList();
    }

    @Override
    public boolean offer(String topic, byte[] payload, boolean retained) throws java.io.IOException {
        published.add(new Publication(topic, payload));
        return true;
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, Duration timeout) {
        published.add(new Publication(topic, payload));
    }

    @Override
    public Optional<InboundMessage> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public int drainTo(List<InboundMessage> sink, int max) {
        return inbound.drainTo(sink, max);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public String lossReason() {
        return connected ? null : "closed";
    }

    @Override
    public void close() {
        connected = false;
    }
}
