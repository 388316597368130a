// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static final long SECOND_NANOS = 1_000_000_000L;

    @Test
    void nextMillis_duringTheFirstFifteenSeconds_doublesUpToAQuarterSecond() {
        ReconnectBackoff backoff = new ReconnectBackoff();
        List<Long> waits = new ArrayList<>();
        for (int attempt = 0; attempt < 5; attempt++) {
            waits.add(backoff.nextMillis(attempt * SECOND_NANOS / 10));
        }
        assertEquals(List.of(100L, 200L, 250L, 250L, 250L), waits);
    }

    @Test
    void nextMillis_afterFifteenSecondsUnreachable_waitsUpToTwoSeconds() {
        ReconnectBackoff backoff = new ReconnectBackoff();
        backoff.nextMillis(0);
        backoff.nextMillis(SECOND_NANOS);
        backoff.nextMillis(2 * SECOND_NANOS);
        backoff.nextMillis(3 * SECOND_NANOS);
        assertEquals(1_600, backoff.nextMillis(16 * SECOND_NANOS));
        assertEquals(2_000, backoff.nextMillis(17 * SECOND_NANOS));
        assertEquals(2_000, backoff.nextMillis(19 * SECOND_NANOS));
    }

    @Test
    void reset_afterAConnection_startsAgainFromTheFirstWaitAndWindow() {
        ReconnectBackoff backoff = new ReconnectBackoff();
        for (int attempt = 0; attempt < 20; attempt++) {
            backoff.nextMillis(attempt * SECOND_NANOS);
        }
        backoff.reset();
        assertEquals(100, backoff.nextMillis(100 * SECOND_NANOS));
        assertEquals(200, backoff.nextMillis(101 * SECOND_NANOS));
        assertEquals(250, backoff.nextMillis(102 * SECOND_NANOS));
    }
}
