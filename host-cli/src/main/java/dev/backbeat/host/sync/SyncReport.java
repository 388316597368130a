package dev.backbeat.host.sync;

import java.util.List;

/**
 * What one sync did.
 *
 * @param stored sessions newly stored (device/session)
 * @param duplicates sessions received again and already stored
 * @param conflicts sessions whose id was stored with different content (kept apart)
 * @param rejected payloads refused, each with its reason
 */
public record SyncReport(List<String> stored, int duplicates, int conflicts, List<String> rejected) {

    public SyncReport {
        stored = List.copyOf(stored);
        rejected = List.copyOf(rejected);
    }
}
