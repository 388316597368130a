package dev.backbeat.mqtt.paho;

import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.ReceivedSession;
import dev.backbeat.mqtt.SessionInbox;
import dev.backbeat.mqtt.SessionTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * The host's subscription to {@link SessionTopics#ALL_SESSIONS} with Paho's MQTT 3.1.1 client.
 * Messages are queued by Paho's callback thread and handled on the caller's thread, so
 * acknowledging (a publish) never blocks inside a callback.
 */
public final class PahoSessionInbox implements SessionInbox {

    private final MqttClient client;
    private final String brokerUri;
    private final BlockingQueue<ReceivedSession> arrived = new LinkedBlockingQueue<>();
    private volatile Throwable connectionLost;

    private PahoSessionInbox(MqttClient client, String brokerUri) {
        this.client = client;
        this.brokerUri = brokerUri;
    }

    /** Connects as {@code clientId} and subscribes to every device's sessions (QoS 1). */
    public static PahoSessionInbox connect(String brokerUri, String clientId) throws BrokerUnreachableException {
        MqttClient client = PahoConnections.connect(brokerUri, clientId);
        PahoSessionInbox inbox = new PahoSessionInbox(client, brokerUri);
        client.setCallback(inbox.new Callback());
        try {
            client.subscribe(SessionTopics.ALL_SESSIONS, 1);
        } catch (MqttException e) {
            PahoConnections.closeQuietly(client);
            throw new BrokerUnreachableException("subscribing to sessions at " + brokerUri + " failed: "
                    + PahoConnections.describe(e), e);
        }
        return inbox;
    }

    @Override
    public Optional<ReceivedSession> poll(Duration timeout) throws InterruptedException, IOException {
        ReceivedSession next = arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null && connectionLost != null) {
            throw new IOException("lost the connection to " + brokerUri + ": " + connectionLost.getMessage(), connectionLost);
        }
        return Optional.ofNullable(next);
    }

    @Override
    public void acknowledge(ReceivedSession session) throws IOException {
        MqttMessage clear = new MqttMessage(new byte[0]);
        clear.setQos(1);
        clear.setRetained(true);
        try {
            client.publish(session.topic(), clear);
        } catch (MqttException e) {
            throw new IOException("clearing " + session.topic() + " at " + brokerUri + " failed: "
                    + PahoConnections.describe(e), e);
        }
    }

    @Override
    public void close() {
        PahoConnections.closeQuietly(client);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            connectionLost = cause;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            if (payload.length == 0) {
                return; // a cleared retained message: nothing to store
            }
            Optional<String[]> ids = SessionTopics.parseSession(topic);
            if (ids.isEmpty()) {
                return;
            }
            arrived.add(new ReceivedSession(topic, ids.get()[0], ids.get()[1], payload));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
