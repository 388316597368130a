package dev.backbeat.mqtt;

/**
 * A session payload as it arrived, before it is decoded or trusted.
 *
 * @param topic the topic it came on
 * @param deviceId the device id named by the topic
 * @param sessionId the session id named by the topic
 * @param payload the raw bytes
 */
public record ReceivedSession(String topic, String deviceId, String sessionId, byte[] payload) {
}
