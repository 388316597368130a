package dev.backbeat.mqtt.paho;

import dev.backbeat.mqtt.BrokerUnreachableException;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Connecting a Paho MQTT 3.1.1 client, with errors a person can act on. */
final class PahoConnections {

    static final int CONNECT_TIMEOUT_SECONDS = 5;
    static final int KEEP_ALIVE_SECONDS = 30;

    private PahoConnections() {
    }

    /** Checks a broker address such as {@code tcp://127.0.0.1:1883}; throws naming what is wrong. */
    static String validateBrokerUri(String brokerUri) {
        try {
            URI uri = new URI(brokerUri);
            if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
                throw new IllegalArgumentException("broker address '" + brokerUri
                        + "' must start with tcp:// or ssl://, e.g. tcp://127.0.0.1:1883");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("broker address '" + brokerUri + "' has no host");
            }
            return brokerUri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker address '" + brokerUri + "' is not a URI: " + e.getReason());
        }
    }

    static MqttClient connect(String brokerUri, String clientId) throws BrokerUnreachableException {
        validateBrokerUri(brokerUri);
        MqttClient client;
        try {
            client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new BrokerUnreachableException("cannot use broker address " + brokerUri + ": " + describe(e), e);
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(16);
        try {
            client.connect(options);
            return client;
        } catch (MqttException e) {
            closeQuietly(client);
            throw new BrokerUnreachableException("cannot reach the MQTT broker at " + brokerUri + ": " + describe(e), e);
        }
    }

    /** A one-line reason: Paho's own message plus the underlying cause (e.g. Connection refused). */
    static String describe(MqttException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message;
    }

    static void closeQuietly(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close();
        } catch (MqttException ignored) {
            // nothing more to release
        }
    }
}
