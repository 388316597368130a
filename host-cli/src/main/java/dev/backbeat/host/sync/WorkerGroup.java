// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.sync;

import dev.backbeat.mqtt.sync.SyncTopics;
import java.util.List;

/**
 * One host worker of a group that splits the straps' traffic ({@code backbeat sync --share GROUP}):
 * it subscribes to the chunks and manifests through MQTT 5 shared subscriptions
 * ({@code $share/GROUP/…}), so the broker gives each message to one worker of the group, and
 * announces itself on its own presence topic, so that a strap keeps sending while any worker is up.
 *
 * <p>Nothing a worker acknowledges comes from its own memory: the store is shared, and what one
 * worker stored another may acknowledge.
 *
 * @param group the share group's name (letters, digits, {@code . _ -}; every worker of a group gets
 *     its share of the same traffic)
 * @param workerId this worker's id, unique in the group (its presence topic)
 */
public record WorkerGroup(String group, String workerId) {

    public WorkerGroup {
        try {
            SyncTopics.requireId(group);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("share group " + e.getMessage().replaceFirst("^id ", ""), e);
        }
        SyncTopics.requireId(workerId);
    }

    /** The shared subscriptions of the group: every strap's chunks and manifests. */
    public List<String> subscriptions() {
        return List.of(SyncTopics.shared(group, SyncTopics.ALL_CHUNKS), SyncTopics.shared(group, SyncTopics.ALL_MANIFESTS));
    }

    /** Where this worker says it is online (retained; its last will clears it). */
    public String presenceTopic() {
        return SyncTopics.workerPresence(workerId);
    }
}
