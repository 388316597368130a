// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.broker;

import dev.backbeat.host.pairing.ClinicBroker;
import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.mqtt.sync.ClientIds;
import dev.backbeat.mqtt.sync.SyncTopics;

/**
 * What each client of the embedded broker may do: the same rules as the Mosquitto ACL of the
 * clinic set-up ({@link ClinicBroker#ACL}).
 *
 * <ul>
 *   <li>A strap publishes only its own {@code chunks}, {@code manifest}, {@code health} (its last
 *       will too), {@code live} and {@code config/reported}, and subscribes only to its own {@code acks/…},
 *       {@code requests}, {@code command} and {@code config} and the host's presence
 *       ({@value SyncTopics#ALL_HOST_PRESENCE}, every host worker's too): it
 *       can neither read nor write another strap's topics, nor write any acknowledgement, command or
 *       configuration.
 *   <li>The host publishes and subscribes to anything under {@value SyncTopics#PREFIX}, also through
 *       a shared subscription ({@code $share/GROUP/backbeat/v2/…}, {@code backbeat sync --share}).
 *   <li>A local client (the loopback plain listener) may do anything, as before.
 *   <li>An unknown client may do nothing.
 * </ul>
 *
 * One difference from Mosquitto: Mosquitto grants any subscription and checks each message as it
 * delivers it; here a subscription is refused unless everything it can match may be read (a strap's
 * {@code #} is refused, not trimmed). The sync subscribes to nothing wider than it may read.
 *
 * <p>Client ids: a connection takes over an earlier one with the same client id, so a paired client
 * keeps to its own: a strap connects only as {@code backbeat-device-<its device id>}
 * ({@link ClientIds#device}) and, for health and commands, {@code backbeat-device-<its device id>:control}
 * ({@link ClientIds#deviceControl}), the host only as {@code backbeat-host} or {@code backbeat-host-…}.
 * A strap can thus not disconnect another strap or the host by taking its client id.
 */
final class TopicAccess {

    private TopicAccess() {
    }

    /** Whether {@code client} may publish to {@code topic} (a topic name, no wildcards). */
    static boolean mayPublish(ClientIdentity client, String topic) {
        return switch (client) {
            case ClientIdentity.Host host -> topic.startsWith(SyncTopics.PREFIX);
            case ClientIdentity.Strap strap -> topic.equals(SyncTopics.chunks(strap.deviceId()))
                    || topic.equals(SyncTopics.manifest(strap.deviceId()))
                    || topic.equals(SyncTopics.health(strap.deviceId()))
                    || topic.equals(SyncTopics.live(strap.deviceId()))
                    || topic.equals(SyncTopics.configurationReport(strap.deviceId()));
            case ClientIdentity.Unknown unknown -> false;
        };
    }

    /**
     * Whether {@code client} may subscribe to {@code topicFilter}: only if every topic the filter
     * can match is one the client may read. A filter that starts with a literal prefix matches only
     * topics under it, so a prefix check suffices; a shared subscription ({@code $share/…}) is the
     * host's alone (its workers'), and is judged by the filter after its group.
     */
    static boolean maySubscribe(ClientIdentity client, String topicFilter) {
        return switch (client) {
            case ClientIdentity.Host host -> withoutShareGroup(topicFilter).startsWith(SyncTopics.PREFIX);
            case ClientIdentity.Strap strap -> topicFilter.equals(SyncTopics.requests(strap.deviceId()))
                    || topicFilter.equals(SyncTopics.command(strap.deviceId()))
                    || topicFilter.equals(SyncTopics.configuration(strap.deviceId()))
                    || topicFilter.equals(SyncTopics.HOST_PRESENCE)
                    || topicFilter.equals(SyncTopics.ALL_HOST_PRESENCE)
                    || topicFilter.startsWith(SyncTopics.DEVICES + strap.deviceId() + "/acks/");
            case ClientIdentity.Unknown unknown -> false;
        };
    }

    /** {@code $share/GROUP/FILTER} without {@code $share/GROUP/}; any other filter as it is (empty if malformed). */
    private static String withoutShareGroup(String topicFilter) {
        if (!topicFilter.startsWith(SyncTopics.SHARED_PREFIX)) {
            return topicFilter;
        }
        int groupEnd = topicFilter.indexOf('/', SyncTopics.SHARED_PREFIX.length());
        return groupEnd < 0 ? "" : topicFilter.substring(groupEnd + 1);
    }

    /** Whether {@code client} may connect with {@code clientId}. */
    static boolean mayUseClientId(ClientIdentity client, String clientId) {
        return switch (client) {
            case ClientIdentity.Host host -> clientId.equals(HostAuthority.HOST_IDENTITY)
                    || clientId.startsWith(ClientIds.HOST_PREFIX);
            case ClientIdentity.Strap strap -> clientId.equals(ClientIds.device(strap.deviceId()))
                    || clientId.equals(ClientIds.deviceControl(strap.deviceId()));
            case ClientIdentity.Unknown unknown -> false;
        };
    }

    /** The client ids {@code client} may use, for a refusal's message. */
    static String allowedClientIds(ClientIdentity client) {
        return switch (client) {
            case ClientIdentity.Host host -> HostAuthority.HOST_IDENTITY + " or " + ClientIds.HOST_PREFIX + "…";
            case ClientIdentity.Strap strap -> ClientIds.device(strap.deviceId());
            case ClientIdentity.Unknown unknown -> "none";
        };
    }
}
