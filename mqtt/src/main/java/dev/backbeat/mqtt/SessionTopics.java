package dev.backbeat.mqtt;

import java.util.Optional;

/**
 * MQTT topic names, under a versioned prefix so a future protocol can live beside this one.
 *
 * <pre>
 * backbeat/v1/devices/{deviceId}/sessions/{sessionId}   a whole recorded session, QoS 1, retained
 *                                                       until the host has stored it and clears it
 * </pre>
 */
public final class SessionTopics {

    public static final String PREFIX = "backbeat/v1/devices/";
    /** Every session of every device. */
    public static final String ALL_SESSIONS = PREFIX + "+/sessions/+";

    private SessionTopics() {
    }

    public static String session(String deviceId, String sessionId) {
        return PREFIX + deviceId + "/sessions/" + sessionId;
    }

    /** The device and session id named by a session topic, if it is one. */
    public static Optional<String[]> parseSession(String topic) {
        if (!topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = topic.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 3 || !parts[1].equals("sessions") || parts[0].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {parts[0], parts[2]});
    }
}
