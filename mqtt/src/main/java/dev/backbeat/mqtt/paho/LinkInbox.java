// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.paho;

import dev.backbeat.mqtt.MqttLink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What both Paho links share: the queue between Paho's callback thread and the caller, and why the
 * connection was lost. Messages are queued by the callback and handled on the caller's thread, so
 * answering (a publish) never blocks inside a callback.
 */
final class LinkInbox {

    /** One step of closing a Paho client, which may fail. */
    @FunctionalInterface
    interface ClosingStep {
        void run() throws Exception;
    }

    private final BlockingQueue<MqttLink.InboundMessage> arrived = new LinkedBlockingQueue<>();
    private volatile String lossReason;

    /** Called on Paho's callback thread for every message. */
    void received(MqttLink.InboundMessage message) {
        arrived.add(message);
    }

    /** Called on Paho's callback thread when the connection ends. */
    void lost(String reason) {
        lossReason = reason;
    }

    Optional<MqttLink.InboundMessage> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    int drainTo(List<MqttLink.InboundMessage> sink, int max) {
        return arrived.drainTo(sink, max);
    }

    boolean isConnected(boolean clientConnected) {
        return lossReason == null && clientConnected;
    }

    String lossReason(boolean clientConnected) {
        if (lossReason == null && !clientConnected) {
            return "not connected";
        }
        return lossReason;
    }

    void requireConnected(String uri, boolean clientConnected) throws IOException {
        if (!isConnected(clientConnected)) {
            throw new IOException("not connected to " + uri + ": " + lossReason(clientConnected));
        }
    }

    /**
     * Runs the steps of closing a client in order, each allowed to fail: a clean DISCONNECT (so the
     * broker does not publish a last will), a forced one, then releasing the client. Paho 1.2.5
     * throws a NullPointerException forcing down a client whose connect failed (no token store
     * yet); that must not end the caller's reconnect loop.
     */
    static void closeQuietly(ClosingStep... steps) {
        for (ClosingStep step : steps) {
            try {
                step.run();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
