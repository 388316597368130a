// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

/**
 * The MQTT client ids of the sync. A broker keeps one connection per client id (a second
 * connection with the same id takes the first one over), so each side keeps to its own name space:
 * a strap connects as {@code backbeat-device-<device id>}, the host as {@code backbeat-host-<suffix>}.
 * The embedded broker's TLS listener holds paired clients to these (a strap's certificate may not
 * take over another strap's or the host's connection).
 */
public final class ClientIds {

    /** What every strap's client id starts with. */
    public static final String DEVICE_PREFIX = "backbeat-device-";
    /** What every host client id starts with. */
    public static final String HOST_PREFIX = "backbeat-host-";

    private ClientIds() {
    }

    /** The client id of the strap {@code deviceId}. */
    public static String device(String deviceId) {
        return DEVICE_PREFIX + SyncTopics.requireId(deviceId);
    }

    /**
     * The client id of the strap {@code deviceId}'s second connection, which carries its health and
     * last will and receives the host's commands ({@code backbeat-device serve}): {@code
     * backbeat-device-<id>:control}. A colon never appears in a device id, so no strap's id can
     * name another strap's control connection.
     */
    public static String deviceControl(String deviceId) {
        return device(deviceId) + CONTROL_SUFFIX;
    }

    /** What a strap's control connection adds to its client id. */
    public static final String CONTROL_SUFFIX = ":control";

    /** A host client id, e.g. {@code backbeat-host-4711} for the process 4711. */
    public static String host(String suffix) {
        return HOST_PREFIX + SyncTopics.requireId(suffix);
    }
}
