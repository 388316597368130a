package dev.backbeat.mqtt.paho;

import dev.backbeat.mqtt.BrokerUnreachableException;
import dev.backbeat.mqtt.SessionPublisher;
import dev.backbeat.mqtt.SessionTopics;
import java.io.IOException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** Publishes sessions with Paho's MQTT 3.1.1 client: QoS 1, retained, waiting for the broker's acknowledgement. */
public final class PahoSessionPublisher implements SessionPublisher {

    private final MqttClient client;
    private final String brokerUri;

    private PahoSessionPublisher(MqttClient client, String brokerUri) {
        this.client = client;
        this.brokerUri = brokerUri;
    }

    /** Connects to {@code brokerUri} (e.g. {@code tcp://127.0.0.1:1883}) as {@code backbeat-device-<deviceId>}. */
    public static PahoSessionPublisher connect(String brokerUri, String deviceId) throws BrokerUnreachableException {
        return new PahoSessionPublisher(PahoConnections.connect(brokerUri, "backbeat-device-" + deviceId), brokerUri);
    }

    @Override
    public void publish(String deviceId, String sessionId, byte[] payload) throws IOException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(true);
        try {
            client.publish(SessionTopics.session(deviceId, sessionId), message);
        } catch (MqttException e) {
            throw new IOException("publishing session " + sessionId + " to " + brokerUri + " failed: "
                    + PahoConnections.describe(e), e);
        }
    }

    @Override
    public void close() {
        PahoConnections.closeQuietly(client);
    }
}
