// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which acknowledgement is newer: the host's store only grows, so a newer one claims at least as much. */
class AcknowledgementReplayTest {

    private static SyncRecord.Acknowledgement ack(boolean start, boolean end, ChunkRanges chunks, boolean complete) {
        return new SyncRecord.Acknowledgement("strap-01", "s1", start, end, chunks, complete);
    }

    @Test
    void claimsAtLeast_moreChunks_isTrue() {
        assertTrue(ack(true, false, ChunkRanges.firstN(10), false).claimsAtLeast(ack(true, false, ChunkRanges.firstN(4), false)));
        assertTrue(ack(true, false, ChunkRanges.firstN(4), false).claimsAtLeast(ack(true, false, ChunkRanges.firstN(4), false)));
        assertTrue(ack(true, true, ChunkRanges.firstN(4), true).claimsAtLeast(ack(false, false, ChunkRanges.EMPTY, false)));
    }

    @Test
    void claimsAtLeast_lessOfAnything_isFalse() {
        SyncRecord.Acknowledgement accepted = ack(true, true, ChunkRanges.of(0, 1, 2, 5, 6), false);
        assertFalse(ack(true, true, ChunkRanges.of(0, 1, 2, 5), false).claimsAtLeast(accepted), "a chunk fewer");
        assertFalse(ack(false, true, ChunkRanges.of(0, 1, 2, 5, 6), false).claimsAtLeast(accepted), "no start");
        assertFalse(ack(true, false, ChunkRanges.of(0, 1, 2, 5, 6), false).claimsAtLeast(accepted), "no end");
        assertFalse(ack(true, true, ChunkRanges.firstN(7), false)
                .claimsAtLeast(ack(true, true, ChunkRanges.firstN(7), true)), "no longer complete");
    }

    @Test
    void containsAll_rangesInsideAndAcross_isExact() {
        ChunkRanges stored = ChunkRanges.of(0, 1, 2, 5, 6, 9);
        assertTrue(stored.containsAll(ChunkRanges.EMPTY));
        assertTrue(stored.containsAll(ChunkRanges.of(1, 5, 9)));
        assertTrue(stored.containsAll(stored));
        assertFalse(stored.containsAll(ChunkRanges.of(3)));
        assertFalse(stored.containsAll(ChunkRanges.firstN(4)), "a range across a hole");
        assertTrue(stored.containsAll(ChunkRanges.firstN(3)));
        assertFalse(stored.containsAll(ChunkRanges.of(10)));
        assertFalse(ChunkRanges.EMPTY.containsAll(ChunkRanges.of(0)));
    }
}
