// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.paho;

import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The device's connection: Paho's MQTT 3.1.1 client with a clean session, memory persistence and
 * no automatic reconnect. Nothing worth keeping lives in the client: the outbox is the state, and
 * a lost connection is replaced by a new client.
 */
public final class PahoDeviceLink implements MqttLink {

    private final MqttAsyncClient client;
    private final String uri;
    private final LinkInbox inbox = new LinkInbox();
    /** The last QoS 0 publish, until Paho has written it to the socket (guarded by this). */
    private IMqttDeliveryToken atMostOnceInFlight;

    private PahoDeviceLink(MqttAsyncClient client, String uri) {
        this.client = client;
        this.uri = uri;
    }

    /**
     * Connects and subscribes (QoS 1) to {@code subscriptions}.
     *
     * @param maxInflight how many publishes may await the broker's acknowledgement at once
     */
    public static PahoDeviceLink connect(BrokerEndpoint endpoint, List<String> subscriptions, int maxInflight)
            throws BrokerUnreachableException {
        return connect(endpoint, subscriptions, maxInflight, Optional.empty());
    }

    /** A last will: published (QoS 1, retained) by the broker when the connection dies without a goodbye. */
    public record Will(String topic, byte[] payload) {
    }

    /**
     * Connects with {@code will} (if any) and subscribes (QoS 1) to {@code subscriptions}.
     *
     * @param maxInflight how many publishes may await the broker's acknowledgement at once
     */
    public static PahoDeviceLink connect(BrokerEndpoint endpoint, List<String> subscriptions, int maxInflight,
                                         Optional<Will> will) throws BrokerUnreachableException {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(endpoint.uri(), endpoint.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new BrokerUnreachableException("cannot use broker address " + endpoint.uri() + ": " + e.getMessage(), e);
        }
        PahoDeviceLink link = new PahoDeviceLink(client, endpoint.uri());
        client.setCallback(link.new Callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(PahoReasons.CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval((int) Math.max(1, endpoint.keepAlive().toSeconds()));
        options.setAutomaticReconnect(false);
        options.setMaxInflight(Math.max(1, maxInflight));
        will.ifPresent(last -> options.setWill(last.topic(), last.payload(), 1, true));
        try {
            if (endpoint.tls().isPresent()) {
                options.setSocketFactory(endpoint.tls().get().context().getSocketFactory());
                options.setHttpsHostnameVerificationEnabled(true);
            }
            client.connect(options).waitForCompletion((PahoReasons.CONNECT_TIMEOUT_SECONDS + 2) * 1000L);
            for (String topic : subscriptions) {
                IMqttToken token = client.subscribe(topic, 1);
                token.waitForCompletion(10_000);
                int[] granted = token.getGrantedQos();
                if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                    throw new BrokerUnreachableException("the broker at " + endpoint.uri() + " refused the subscription to "
                            + topic, null);
                }
            }
            return link;
        } catch (MqttException | IOException e) {
            link.close();
            if (e instanceof BrokerUnreachableException unreachable) {
                throw unreachable;
            }
            throw new BrokerUnreachableException("cannot reach the MQTT broker at " + endpoint.uri() + ": "
                    + PahoReasons.describe(e), e);
        }
    }

    @Override
    public boolean offer(String topic, byte[] payload, boolean retained) throws IOException {
        requireConnected();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        try {
            client.publish(topic, message);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw new IOException("publishing to " + uri + " failed: " + PahoReasons.describe(e), e);
        }
    }

    /**
     * Publishes at QoS 0, not retained, only if nothing stands in the way: connected, and the
     * previous QoS 0 publish already written to the socket. Never waits and never queues inside the
     * client: a message that cannot go at once is dropped (live frames, which are stale the moment
     * the next one is ready).
     *
     * @return whether the message went to the client; false when it was dropped
     */
    public synchronized boolean offerAtMostOnce(String topic, byte[] payload) {
        if (!isConnected() || atMostOnceInFlight != null && !atMostOnceInFlight.isComplete()) {
            return false;
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(0);
        message.setRetained(false);
        try {
            atMostOnceInFlight = client.publish(topic, message);
            return true;
        } catch (MqttException | RuntimeException e) {
            return false; // lost meanwhile: the owner sees isConnected() turn false
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, Duration timeout) throws IOException {
        requireConnected();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        try {
            IMqttDeliveryToken token = client.publish(topic, message);
            token.waitForCompletion(timeout.toMillis());
            if (!token.isComplete()) {
                throw new IOException("the broker at " + uri + " did not confirm a publish within " + timeout.toSeconds() + " s");
            }
        } catch (MqttException e) {
            throw new IOException("publishing to " + uri + " failed: " + PahoReasons.describe(e), e);
        }
    }

    @Override
    public Optional<InboundMessage> poll(Duration timeout) throws InterruptedException {
        return inbox.poll(timeout);
    }

    @Override
    public int drainTo(List<InboundMessage> sink, int max) {
        return inbox.drainTo(sink, max);
    }

    @Override
    public boolean isConnected() {
        return inbox.isConnected(client.isConnected());
    }

    @Override
    public String lossReason() {
        return inbox.lossReason(client.isConnected());
    }

    private void requireConnected() throws IOException {
        inbox.requireConnected(uri, client.isConnected());
    }

    @Override
    public void close() {
        LinkInbox.closeQuietly(
                () -> {
                    if (client.isConnected()) {
                        client.disconnect(500).waitForCompletion(1_000);
                    }
                },
                () -> client.disconnectForcibly(0, 0, false),
                () -> client.close(true));
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            inbox.lost(cause == null ? "connection lost"
                    : cause instanceof MqttException mqtt ? PahoReasons.describe(mqtt) : String.valueOf(cause.getMessage()));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            inbox.received(new InboundMessage(topic, message.getPayload(), message.isRetained()));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
