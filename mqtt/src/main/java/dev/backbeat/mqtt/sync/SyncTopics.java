// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The topics of the session sync protocol, under the versioned prefix {@value #PREFIX} so a future
 * protocol can live beside this one.
 *
 * <pre>
 * backbeat/v2/devices/{device}/chunks           device → host  QoS 1   start, chunk and end records
 * backbeat/v2/devices/{device}/manifest         device → host  QoS 1, retained: sessions not yet confirmed
 * backbeat/v2/devices/{device}/acks/{session}   host → device  QoS 1, retained: what the host has stored
 * backbeat/v2/devices/{device}/requests         host → device  QoS 1   gap requests
 * backbeat/v2/devices/{device}/health           device → host  QoS 1, retained: the strap's health; last will "gone"
 * backbeat/v2/devices/{device}/live             device → host  QoS 0, not retained: live frames while recording (10 Hz)
 * backbeat/v2/devices/{device}/command          host → device  QoS 1, retained while the host waits: start or stop
 * backbeat/v2/devices/{device}/config           host → device  QoS 1, retained: the desired configuration
 * backbeat/v2/devices/{device}/config/reported  device → host  QoS 1, retained: what the strap did with it
 * backbeat/v2/host/presence                     host           QoS 1, retained "online"; last will "offline"
 * backbeat/v2/host/presence/{worker}            host worker    QoS 1, retained "online"; last will: cleared (empty)
 * </pre>
 *
 * Several host workers ({@code backbeat sync --share GROUP}) split the straps' {@code chunks} and
 * {@code manifest} through MQTT 5 shared subscriptions ({@link #shared}); each announces itself on
 * its own presence topic ({@link #workerPresence}), so one worker dying does not tell the straps that
 * every host is gone. A strap listens to {@value #ALL_HOST_PRESENCE} and sends while any host is online.
 *
 * A device may write only its own {@code chunks}, {@code manifest}, {@code health}, {@code live} and
 * {@code config/reported} and read only its own {@code acks/+}, {@code requests}, {@code command}
 * and {@code config} and the host presence (the Mosquitto ACL in the README). Health, commands,
 * configurations and their reports are {@code dev.backbeat.mqtt.control} records, live frames are
 * {@code dev.backbeat.mqtt.live} records; neither are sync records.
 */
public final class SyncTopics {

    public static final String PREFIX = "backbeat/v2/";
    public static final String DEVICES = PREFIX + "devices/";
    public static final String HOST_PRESENCE = PREFIX + "host/presence";
    /** The presence of the host and of every host worker (the strap subscribes). */
    public static final String ALL_HOST_PRESENCE = HOST_PRESENCE + "/#";
    /** What a shared subscription's filter starts with (MQTT 5, section 4.8.2). */
    public static final String SHARED_PREFIX = "$share/";
    /** Every device's chunk records (the host subscribes). */
    public static final String ALL_CHUNKS = DEVICES + "+/chunks";
    /** Every device's manifest (the host subscribes). */
    public static final String ALL_MANIFESTS = DEVICES + "+/manifest";
    /** Every device's health (the host's {@code backbeat status} subscribes). */
    public static final String ALL_HEALTH = DEVICES + "+/health";
    /** Every device's live frames ({@code backbeat live} without {@code --device} subscribes). */
    public static final String ALL_LIVE = DEVICES + "+/live";
    /** The retained presence payloads. */
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SyncTopics() {
    }

    public static String chunks(String deviceId) {
        return DEVICES + requireId(deviceId) + "/chunks";
    }

    public static String manifest(String deviceId) {
        return DEVICES + requireId(deviceId) + "/manifest";
    }

    public static String ack(String deviceId, String sessionId) {
        return DEVICES + requireId(deviceId) + "/acks/" + requireId(sessionId);
    }

    /** The device's subscription to its own acknowledgements. */
    public static String acks(String deviceId) {
        return DEVICES + requireId(deviceId) + "/acks/+";
    }

    public static String requests(String deviceId) {
        return DEVICES + requireId(deviceId) + "/requests";
    }

    /** The device's retained health, and its last will. */
    public static String health(String deviceId) {
        return DEVICES + requireId(deviceId) + "/health";
    }

    /** The device's live frames while it records (QoS 0, not retained). */
    public static String live(String deviceId) {
        return DEVICES + requireId(deviceId) + "/live";
    }

    /** The host's start or stop command to the device. */
    public static String command(String deviceId) {
        return DEVICES + requireId(deviceId) + "/command";
    }

    /** The host's desired configuration of the device (retained). */
    public static String configuration(String deviceId) {
        return DEVICES + requireId(deviceId) + "/config";
    }

    /** The device's report of what it did with the desired configuration (retained). */
    public static String configurationReport(String deviceId) {
        return DEVICES + requireId(deviceId) + "/config/reported";
    }

    /**
     * What a topic under {@value #DEVICES} is: its device id and kind ({@code chunks}, {@code manifest},
     * ..., {@code config}, {@code config/reported}).
     */
    public record DeviceTopic(String deviceId, String kind, String sessionId) {
    }

    /** Parses {@code backbeat/v2/devices/{device}/{kind}[/{session}]}; empty for anything else. */
    public static Optional<DeviceTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(DEVICES)) {
            return Optional.empty();
        }
        String[] parts = topic.substring(DEVICES.length()).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || !ID.matcher(parts[0]).matches()) {
            return Optional.empty();
        }
        if (parts.length == 3) {
            if (parts[1].equals("config") && parts[2].equals("reported")) {
                return Optional.of(new DeviceTopic(parts[0], "config/reported", null));
            }
            return parts[1].equals("acks") && ID.matcher(parts[2]).matches()
                    ? Optional.of(new DeviceTopic(parts[0], parts[1], parts[2])) : Optional.empty();
        }
        return switch (parts[1]) {
            case "chunks", "manifest", "requests", "health", "live", "command", "config" ->
                    Optional.of(new DeviceTopic(parts[0], parts[1], null));
            default -> Optional.empty();
        };
    }

    /** The presence topic of one host worker of a shared group. */
    public static String workerPresence(String workerId) {
        return HOST_PRESENCE + "/" + requireId(workerId);
    }

    /** Whether {@code topic} is the host's presence or a host worker's. */
    public static boolean isHostPresence(String topic) {
        return topic.equals(HOST_PRESENCE) || topic.startsWith(HOST_PRESENCE + "/");
    }

    /**
     * The shared subscription {@code $share/group/topicFilter}: the broker gives each message to one
     * subscriber of the group. {@code group} is an id (no {@code /}, {@code +} or {@code #}).
     */
    public static String shared(String group, String topicFilter) {
        return SHARED_PREFIX + requireId(group) + "/" + topicFilter;
    }

    /** Returns {@code id} if it is a valid device, session or command id; throws naming it otherwise. */
    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1..64 characters of A-Z a-z 0-9 . _ -, was '" + id + "'");
        }
        return id;
    }
}
