// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.paho;

import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.MqttLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The host's connection: Paho's MQTT 5 client, so a publish the broker refuses (PUBACK reason
 * code ≥ 0x80, e.g. not authorised) is seen as an error instead of passing silently.
 *
 * <p>Paho mqttv5 1.2.5 uses topic aliases for outgoing publishes when the broker allows them and,
 * after reconnecting with {@code cleanStart=false}, resends stored publishes with an alias but no
 * topic (Paho issues #1104, #916). So: {@code cleanStart=true}, session expiry 0, memory
 * persistence, no automatic reconnect, and a brand-new client for every connection; Mosquitto is
 * also configured with {@code max_topic_alias 0}.
 */
public final class PahoHostLink implements MqttLink {

    /** Largest packet the host accepts from the broker: past the sync records' own 4 MiB limit. */
    static final long MAX_PACKET_BYTES = 16L << 20;

    private final MqttAsyncClient client;
    private final String uri;
    private final LinkInbox inbox = new LinkInbox();

    private PahoHostLink(MqttAsyncClient client, String uri) {
        this.client = client;
        this.uri = uri;
    }

    /**
     * Connects with a last will ({@code willTopic}, retained, QoS 1; none when {@code willTopic} is
     * null) and subscribes (QoS 1).
     */
    public static PahoHostLink connect(BrokerEndpoint endpoint, List<String> subscriptions, String willTopic,
                                       String willPayload) throws BrokerUnreachableException {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(endpoint.uri(), endpoint.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new BrokerUnreachableException("cannot use broker address " + endpoint.uri() + ": " + e.getMessage(), e);
        }
        PahoHostLink link = new PahoHostLink(client, endpoint.uri());
        client.setCallback(link.new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setConnectionTimeout(PahoReasons.CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval((int) Math.max(1, endpoint.keepAlive().toSeconds()));
        options.setAutomaticReconnect(false);
        options.setTopicAliasMaximum(0);
        options.setMaximumPacketSize(MAX_PACKET_BYTES);
        options.setReceiveMaximum(1000);
        if (willTopic != null) {
            MqttMessage will = new MqttMessage(willPayload.getBytes(StandardCharsets.UTF_8));
            will.setQos(1);
            will.setRetained(true);
            options.setWill(willTopic, will);
        }
        try {
            if (endpoint.tls().isPresent()) {
                options.setSocketFactory(endpoint.tls().get().context().getSocketFactory());
                options.setHttpsHostnameVerificationEnabled(true);
            }
            client.connect(options).waitForCompletion((PahoReasons.CONNECT_TIMEOUT_SECONDS + 2) * 1000L);
            for (String topic : subscriptions) {
                IMqttToken token = client.subscribe(topic, 1);
                token.waitForCompletion(10_000);
                int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    throw new BrokerUnreachableException("the broker at " + endpoint.uri() + " refused the subscription to "
                            + topic + " (reason code 0x" + Integer.toHexString(codes[0]) + ")", null);
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
        try {
            client.publish(topic, message(payload, retained));
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw new IOException("publishing to " + uri + " failed: " + PahoReasons.describe(e), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            requireConnected();
            try {
                IMqttToken token = client.publish(topic, message(payload, retained));
                token.waitForCompletion(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (!token.isComplete()) {
                    throw new IOException("the broker at " + uri + " did not confirm a publish to " + topic + " within "
                            + timeout.toSeconds() + " s");
                }
                int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    throw new IOException("the broker at " + uri + " refused a publish to " + topic + " (reason code 0x"
                            + Integer.toHexString(codes[0]) + ")");
                }
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while publishing", interrupted);
                    }
                    continue;
                }
                throw new IOException("publishing to " + topic + " at " + uri + " failed: " + PahoReasons.describe(e), e);
            }
        }
    }

    private static MqttMessage message(byte[] payload, boolean retained) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        return message;
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

    /** Closes cleanly: a normal DISCONNECT, so the broker does not publish the last will. */
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
        public void disconnected(MqttDisconnectResponse response) {
            inbox.lost(response == null ? "disconnected" : "disconnected: " + response.getReasonString()
                    + (response.getException() == null ? "" : " (" + response.getException().getMessage() + ")"));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            inbox.lost("MQTT error: " + PahoReasons.describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            inbox.received(new InboundMessage(topic, message.getPayload(), message.isRetained()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
