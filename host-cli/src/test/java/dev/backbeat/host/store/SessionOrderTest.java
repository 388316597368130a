// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Listing order with a strap whose clock went back: its session numbers win over its times. */
class SessionOrderTest {

    private static SessionListing listing(String deviceId, String sessionId, String startedAt) {
        return new SessionListing(deviceId, sessionId, Instant.parse(startedAt), Instant.parse(startedAt), "sim", 100, 60,
                6000, 6000, 5, -10, 20, 6, 6, "", "complete");
    }

    @Test
    void sequence_ofServeIdsOnly() {
        assertEquals(OptionalLong.of(42), SessionOrder.sequence("20261206T174000Z-n42-3f9a"));
        assertEquals(OptionalLong.empty(), SessionOrder.sequence("20261206T174000Z-3f9a"));
        assertEquals(OptionalLong.empty(), SessionOrder.sequence("n42-x"));
    }

    @Test
    void list_strapWhoseClockWentBack_isInSessionNumberOrderWithinItsPlaces() {
        // strap-a booted without network after session 2: sessions 3 and 4 carry 1970 times
        SessionListing a1 = listing("strap-a", "20261201T100000Z-n1-aaaa", "2026-12-01T10:00:00Z");
        SessionListing a2 = listing("strap-a", "20261202T100000Z-n2-bbbb", "2026-12-02T10:00:00Z");
        SessionListing a3 = listing("strap-a", "19700101T000500Z-n3-cccc", "1970-01-01T00:05:00Z");
        SessionListing a4 = listing("strap-a", "19700101T001000Z-n4-dddd", "1970-01-01T00:10:00Z");
        SessionListing b = listing("strap-b", "20261203T100000Z-eeee", "2026-12-03T10:00:00Z");
        List<SessionListing> byTime = List.of(b, a2, a1, a4, a3);
        assertEquals(List.of(b, a4, a3, a2, a1), SessionOrder.bySequenceWithinDevice(byTime));
    }
}
