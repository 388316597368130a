// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

/** What storing a received session did. */
public enum StoreOutcome {
    /** A new session, now stored. */
    STORED,
    /** The same session (same device, id and content) was already stored; nothing changed. */
    DUPLICATE,
    /** A session with the same device and id but different content was already stored: kept apart, nothing overwritten. */
    CONFLICT
}
