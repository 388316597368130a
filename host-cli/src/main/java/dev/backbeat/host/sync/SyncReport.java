// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.sync;

import java.util.List;

/**
 * What one sync did.
 *
 * @param stored sessions newly assembled and stored (device/session)
 * @param duplicates records received again and already stored
 * @param conflicts records whose key was stored with different content (kept apart, never overwriting)
 * @param rejected payloads refused and quarantined, each with its reason
 */
public record SyncReport(List<String> stored, int duplicates, int conflicts, List<String> rejected) {

    public SyncReport {
        stored = List.copyOf(stored);
        rejected = List.copyOf(rejected);
    }
}
