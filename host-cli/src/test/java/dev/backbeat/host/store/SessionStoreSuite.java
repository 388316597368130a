// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one store test suite: every test here runs against SQLite (a real file,
 * {@link SqliteSessionStoreSuiteTest}) and PostgreSQL (a real server,
 * {@link PostgresqlSessionStoreSuiteTest}) through the same {@link SessionStore} and
 * {@link SyncStore} the host runs: idempotent keys, conflicts, quarantine, assembly, and two
 * writers committing the same records at once.
 */
abstract class SessionStoreSuite {

    static final String DEVICE = "strap-01";
    static final Instant STARTED_AT = Instant.parse("2026-11-20T09:00:00Z");

    /** Opens the store under test; each call within a test opens the same store again. */
    abstract SessionStore openStore() throws Exception;

    static RecordedSession session(String sessionId, double flexionMax) {
        return SessionStoreTest.session(sessionId, flexionMax);
    }

    static SyncRecord.SessionChunk chunk(int index) {
        return chunk("s1", index);
    }

    static SyncRecord.SessionChunk chunk(String sessionId, int index) {
        double[] times = {index, index + 0.5};
        float[] values = {0.1f, 0.2f, 9.8f, 0.1f, 0.2f, 9.8f};
        return SyncRecord.SessionChunk.seal(DEVICE, sessionId, index, new ChunkSamples(List.of(
                new ChunkSamples.Block(SensorPosition.UPPER, times, values, values.clone()))), Optional.empty());
    }

    static SyncRecord.SessionStart start(String sessionId, List<SensorPosition> sensors) {
        return new SyncRecord.SessionStart(DEVICE, sessionId, STARTED_AT, "sim", 2, sensors, Map.of());
    }

    static SyncRecord.SessionEnd end(String sessionId, int chunkCount, List<Repetition> repetitions) {
        RecordedSession analysis = new RecordedSession(DEVICE, sessionId, STARTED_AT, "sim", 2, List.of(), List.of(),
                repetitions, new SessionSummary(2, repetitions.size(), Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
        return OutboxRecording.endRecord(analysis, SyncRecord.EndStatus.COMPLETE, chunkCount);
    }

    @Test
    void store_newSession_isListedFoundAndLoadedUnchanged() throws Exception {
        RecordedSession session = session("20261126T101500Z-aaaa", 20.0);
        try (SessionStore store = openStore()) {
            assertEquals(StoreOutcome.STORED, store.store(session, SessionCodec.encode(session)));
            List<SessionListing> listings = store.list();
            assertEquals(1, listings.size());
            SessionListing listing = listings.get(0);
            assertEquals(300, listing.upperSamples());
            assertEquals(300, listing.lowerSamples());
            assertEquals(1, listing.repetitionCount());
            assertEquals(20.0, listing.flexionMaxDegrees());
            assertEquals(session, store.load(store.find("20261126T1015").orElseThrow()));
        }
    }

    @Test
    void store_sameSessionTwice_isStoredOnce() throws Exception {
        RecordedSession session = session("s-1", 20.0);
        byte[] payload = SessionCodec.encode(session);
        try (SessionStore store = openStore()) {
            assertEquals(StoreOutcome.STORED, store.store(session, payload));
            assertEquals(StoreOutcome.DUPLICATE, store.store(session, payload));
            assertEquals(1, store.list().size());
        }
    }

    @Test
    void store_sameIdDifferentContent_keepsTheFirstAndSetsTheSecondApart() throws Exception {
        RecordedSession first = session("s-1", 20.0);
        RecordedSession second = session("s-1", 25.0);
        try (SessionStore store = openStore()) {
            store.store(first, SessionCodec.encode(first));
            assertEquals(StoreOutcome.CONFLICT, store.store(second, SessionCodec.encode(second)));
            assertEquals(20.0, store.find("s-1").orElseThrow().flexionMaxDegrees());
            assertEquals(1, store.conflictCount());
        }
    }

    @Test
    void store_survivesReopening() throws Exception {
        RecordedSession session = session("s-1", 20.0);
        try (SessionStore store = openStore()) {
            store.store(session, SessionCodec.encode(session));
        }
        try (SessionStore store = openStore()) {
            assertEquals(session, store.load(store.find("s-1").orElseThrow()));
        }
    }

    @Test
    void find_ambiguousPrefix_namesTwoMatches() throws Exception {
        try (SessionStore store = openStore()) {
            for (String id : List.of("abc-1", "abc-2")) {
                RecordedSession session = session(id, 20);
                store.store(session, SessionCodec.encode(session));
            }
            StoreException ambiguous = assertThrows(StoreException.class, () -> store.find("abc"));
            assertTrue(ambiguous.getMessage().contains("matches 2 sessions"), ambiguous.getMessage());
            assertTrue(store.find("abc-2").isPresent());
            assertTrue(store.find("x").isEmpty());
        }
    }

    @Test
    void find_likeWildcardsInTheId_areTakenLiterally() throws Exception {
        try (SessionStore store = openStore()) {
            RecordedSession session = session("a_b", 20);
            store.store(session, SessionCodec.encode(session));
            assertTrue(store.find("a_b").isPresent());
            assertTrue(store.find("a%").isEmpty());
            assertTrue(store.find("axb").isEmpty());
        }
    }

    @Test
    void assembleIfComplete_strayChunkBeyondTheEnd_neitherBlocksTheSessionNorIsAcknowledged() throws Exception {
        try (SessionStore store = openStore()) {
            SyncStore sync = new SyncStore(store);
            SyncRecord.SessionStart start = new SyncRecord.SessionStart(DEVICE, "s1", STARTED_AT, "sim", 2,
                    List.of(SensorPosition.UPPER), Map.of());
            RecordedSession analysis = new RecordedSession(DEVICE, "s1", STARTED_AT, "sim", 2, List.of(), List.of(),
                    List.of(), new SessionSummary(2, 0, Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
            SyncRecord.SessionEnd end = OutboxRecording.endRecord(analysis, SyncRecord.EndStatus.COMPLETE, 2);
            boolean[] assembled = new boolean[1];
            sync.inTransaction(() -> {
                sync.storeStart(start, SyncCodec.encode(start));
                for (int index : new int[] {0, 1, 7}) { // 7: never sent by the strap, injected by someone else
                    sync.storeChunk(chunk(index), SyncCodec.encode(chunk(index)));
                }
                sync.storeEnd(end, SyncCodec.encode(end));
                assembled[0] = sync.assembleIfComplete(DEVICE, "s1");
            });
            assertTrue(assembled[0], "chunks 0 and 1 are the whole session");
            SyncRecord.Acknowledgement ack = sync.acknowledgement(DEVICE, "s1");
            assertEquals(ChunkRanges.firstN(2), ack.chunks(), "only the session's own chunks");
            assertTrue(ack.complete());
        }
    }

    @Test
    void assembleIfComplete_endWithUnreadableAnalysisStoredByAnOlderHost_keepsTheSessionAsAConflictAndCommitsTheRest()
            throws Exception {
        try (SessionStore store = openStore()) {
            SyncStore sync = new SyncStore(store);
            // what a host from before the analysis check stored: the end's analysis is not a session payload
            SyncRecord.SessionEnd poisoned = new SyncRecord.SessionEnd(DEVICE, "s-old", SyncRecord.EndStatus.COMPLETE, 0,
                    new byte[] {1, 2, 3});
            SyncRecord.SessionStart good = start("s1", List.of(SensorPosition.UPPER));
            boolean[] assembled = new boolean[2];
            sync.inTransaction(() -> {
                sync.storeStart(start("s-old", List.of(SensorPosition.UPPER)),
                        SyncCodec.encode(start("s-old", List.of(SensorPosition.UPPER))));
                sync.storeEnd(poisoned, SyncCodec.encode(poisoned));
                assembled[0] = sync.assembleIfComplete(DEVICE, "s-old");
                sync.storeStart(good, SyncCodec.encode(good));
                sync.storeChunk(chunk(0), SyncCodec.encode(chunk(0)));
                sync.storeEnd(end("s1", 1, List.of()), SyncCodec.encode(end("s1", 1, List.of())));
                assembled[1] = sync.assembleIfComplete(DEVICE, "s1");
            });
            assertFalse(assembled[0]);
            assertTrue(assembled[1], "the other session of the same transaction is stored");
            assertEquals(List.of("s1"), store.list().stream().map(SessionListing::sessionId).toList());
            List<SyncStore.Unassembled> conflicts = sync.unassembled();
            assertEquals(1, conflicts.size(), conflicts.toString());
            assertEquals("s-old", conflicts.get(0).sessionId());
            assertTrue(conflicts.get(0).reason().contains("analysis cannot be read"), conflicts.get(0).reason());
            assertFalse(sync.acknowledgement(DEVICE, "s-old").complete(), "the strap keeps it");
        }
    }

    @Test
    void assembleIfComplete_chunksOfASensorTheStartDoesNotList_keepsTheSessionAsAConflict() throws Exception {
        try (SessionStore store = openStore()) {
            SyncStore sync = new SyncStore(store);
            SyncRecord.SessionStart lowerOnly = start("s1", List.of(SensorPosition.LOWER));
            boolean[] assembled = new boolean[1];
            sync.inTransaction(() -> {
                sync.storeStart(lowerOnly, SyncCodec.encode(lowerOnly));
                sync.storeChunk(chunk(0), SyncCodec.encode(chunk(0))); // upper samples
                sync.storeEnd(end("s1", 1, List.of()), SyncCodec.encode(end("s1", 1, List.of())));
                assembled[0] = sync.assembleIfComplete(DEVICE, "s1");
            });
            assertFalse(assembled[0]);
            assertEquals(List.of(), store.list());
            assertTrue(sync.unassembled().get(0).reason().contains("upper samples"), sync.unassembled().toString());
        }
    }

    @Test
    void assembleIfComplete_repetitionWithoutAnExtensionPeak_isStored() throws Exception {
        try (SessionStore store = openStore()) {
            SyncStore sync = new SyncStore(store);
            SyncRecord.SessionStart start = start("s1", List.of(SensorPosition.UPPER));
            SyncRecord.SessionEnd end = end("s1", 1, List.of(new Repetition(0.1, 0.9, 30, Double.NaN)));
            boolean[] assembled = new boolean[1];
            sync.inTransaction(() -> {
                sync.storeStart(start, SyncCodec.encode(start));
                sync.storeChunk(chunk(0), SyncCodec.encode(chunk(0)));
                sync.storeEnd(end, SyncCodec.encode(end));
                assembled[0] = sync.assembleIfComplete(DEVICE, "s1");
            });
            assertTrue(assembled[0], sync.unassembled().toString());
            assertEquals(1, store.list().get(0).repetitionCount());
        }
    }

    @Test
    void storeChunk_sameKeyOtherBytes_isAConflictKeptApartAndTheFirstStays() throws Exception {
        try (SessionStore store = openStore(); SyncStore sync = new SyncStore(store)) {
            SyncRecord.SessionChunk first = chunk(0);
            SyncRecord.SessionChunk other = SyncRecord.SessionChunk.seal(DEVICE, "s1", 0, new ChunkSamples(List.of(
                    new ChunkSamples.Block(SensorPosition.UPPER, new double[] {5}, new float[] {1, 2, 3},
                            new float[] {4, 5, 6}))), Optional.empty());
            List<StoreOutcome> outcomes = new ArrayList<>();
            sync.inTransaction(() -> {
                outcomes.add(sync.storeChunk(first, SyncCodec.encode(first)));
                outcomes.add(sync.storeChunk(first, SyncCodec.encode(first)));
                outcomes.add(sync.storeChunk(other, SyncCodec.encode(other)));
                outcomes.add(sync.storeChunk(other, SyncCodec.encode(other)));
            });
            assertEquals(List.of(StoreOutcome.STORED, StoreOutcome.DUPLICATE, StoreOutcome.CONFLICT, StoreOutcome.CONFLICT),
                    outcomes);
            assertEquals(1, sync.conflictCount(), "the same conflicting bytes are kept once");
            assertEquals(ChunkRanges.firstN(1), sync.acknowledgement(DEVICE, "s1").chunks());
        }
    }

    @Test
    void quarantine_samePayloadTwice_isKeptOnceAndListedInArrivalOrder() throws Exception {
        try (SessionStore store = openStore(); SyncStore sync = new SyncStore(store)) {
            sync.inTransaction(() -> {
                sync.quarantine("backbeat/v1/strap-01/chunks", "truncated record", new byte[] {1, 2});
                sync.quarantine("backbeat/v1/strap-01/chunks", "truncated record", new byte[] {1, 2});
                sync.quarantine("backbeat/v1/strap-02/chunks", "bad hash", new byte[] {3});
                sync.quarantine("backbeat/v1/strap-03/chunks", "a big one", new byte[SyncStore.QUARANTINE_KEEP_BYTES + 10]);
            });
            assertEquals(3, sync.quarantineCount());
            assertEquals(List.of("backbeat/v1/strap-01/chunks: truncated record", "backbeat/v1/strap-02/chunks: bad hash",
                    "backbeat/v1/strap-03/chunks: a big one"), sync.quarantineReasons());
        }
    }

    @Test
    void inTransaction_failingWork_commitsNothing() throws Exception {
        try (SessionStore store = openStore(); SyncStore sync = new SyncStore(store)) {
            SyncRecord.SessionStart start = start("s1", List.of(SensorPosition.UPPER));
            assertThrows(StoreException.class, () -> sync.inTransaction(() -> {
                sync.storeStart(start, SyncCodec.encode(start));
                throw new StoreException("the disk is full");
            }));
            assertFalse(sync.acknowledgement(DEVICE, "s1").startStored(), "rolled back: nothing to acknowledge");
        }
    }

    @Test
    void retainedAcknowledgements_notedTwiceAndForgotten_areListedOnce() throws Exception {
        try (SessionStore store = openStore(); SyncStore sync = new SyncStore(store)) {
            sync.inTransaction(() -> {
                sync.noteRetainedAcknowledgement(DEVICE, "s1");
                sync.noteRetainedAcknowledgement(DEVICE, "s1");
                sync.noteRetainedAcknowledgement(DEVICE, "s2");
            });
            assertEquals(List.of("s1", "s2"), sync.retainedAcknowledgements(DEVICE));
            sync.inTransaction(() -> sync.forgetRetainedAcknowledgement(DEVICE, "s1"));
            assertEquals(List.of("s2"), sync.retainedAcknowledgements(DEVICE));
        }
    }

    @Test
    void load_sessionAssembledFromSyncRecords_hasItsSamplesBack() throws Exception {
        try (SessionStore store = openStore(); SyncStore sync = new SyncStore(store)) {
            assertTrue(storeWholeSession(sync, "s1", 3));
            RecordedSession loaded = store.load(store.find("s1").orElseThrow());
            assertEquals(6, loaded.track(SensorPosition.UPPER).orElseThrow().sampleCount());
            assertEquals(6, store.find("s1").orElseThrow().upperSamples());
        }
    }

    /** Stores start, chunks 0 .. chunkCount-1 and end of {@code sessionId} in one transaction, and assembles it. */
    static boolean storeWholeSession(SyncStore sync, String sessionId, int chunkCount) throws StoreException {
        boolean[] assembled = new boolean[1];
        sync.inTransaction(() -> {
            SyncRecord.SessionStart start = start(sessionId, List.of(SensorPosition.UPPER));
            sync.storeStart(start, SyncCodec.encode(start));
            for (int index = 0; index < chunkCount; index++) {
                sync.storeChunk(chunk(sessionId, index), SyncCodec.encode(chunk(sessionId, index)));
            }
            SyncRecord.SessionEnd end = end(sessionId, chunkCount, List.of());
            sync.storeEnd(end, SyncCodec.encode(end));
            assembled[0] = sync.assembleIfComplete(DEVICE, sessionId);
        });
        return assembled[0];
    }

    // two writers at once: two workers on shared subscriptions, each with its own connection

    @Test
    void storeStart_secondWriterWhileTheFirstHasNotCommitted_waitsAndSeesADuplicate() throws Exception {
        try (SessionStore store = openStore(); SyncStore first = new SyncStore(store); SyncStore second = new SyncStore(store)) {
            SyncRecord.SessionStart start = start("s1", List.of(SensorPosition.UPPER));
            CountDownLatch firstInserted = new CountDownLatch(1);
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                Future<StoreOutcome> firstOutcome = workers.submit(() -> {
                    StoreOutcome[] outcome = new StoreOutcome[1];
                    first.inTransaction(() -> {
                        outcome[0] = first.storeStart(start, SyncCodec.encode(start));
                        firstInserted.countDown();
                        sleep(300); // uncommitted while the second writer arrives
                    });
                    return outcome[0];
                });
                assertTrue(firstInserted.await(10, TimeUnit.SECONDS));
                Future<StoreOutcome> secondOutcome = workers.submit(() -> {
                    StoreOutcome[] outcome = new StoreOutcome[1];
                    second.inTransaction(() -> outcome[0] = second.storeStart(start, SyncCodec.encode(start)));
                    return outcome[0];
                });
                assertEquals(StoreOutcome.STORED, firstOutcome.get(20, TimeUnit.SECONDS));
                assertEquals(StoreOutcome.DUPLICATE, secondOutcome.get(20, TimeUnit.SECONDS), "not an error");
            } finally {
                workers.shutdownNow();
            }
            assertTrue(first.acknowledgement(DEVICE, "s1").startStored());
            assertEquals(0, first.conflictCount());
        }
    }

    @Test
    void wholeSession_twoWritersRacingOverManySessions_storeEachOnceWithoutAnError() throws Exception {
        int sessions = 20;
        try (SessionStore store = openStore(); SyncStore first = new SyncStore(store); SyncStore second = new SyncStore(store)) {
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> assembledCounts = new ArrayList<>();
                for (SyncStore writer : List.of(first, second)) {
                    assembledCounts.add(workers.submit(() -> {
                        int assembled = 0;
                        for (int session = 0; session < sessions; session++) {
                            together.await(10, TimeUnit.SECONDS);
                            assembled += storeWholeSession(writer, "race-" + session, 4) ? 1 : 0;
                        }
                        return assembled;
                    }));
                }
                int assembled = assembledCounts.get(0).get(60, TimeUnit.SECONDS)
                        + assembledCounts.get(1).get(60, TimeUnit.SECONDS);
                assertEquals(sessions, assembled, "each session assembled by exactly one writer");
            } finally {
                workers.shutdownNow();
            }
            assertEquals(sessions, store.list().size());
            assertEquals(0, first.conflictCount());
            assertEquals(0, store.conflictCount());
        }
    }

    @Test
    void assembleIfComplete_lastPartsStoredByTwoWritersAtOnce_isAssembledByOneOfThem() throws Exception {
        try (SessionStore store = openStore(); SyncStore chunks = new SyncStore(store); SyncStore ends = new SyncStore(store)) {
            CountDownLatch chunksStored = new CountDownLatch(1);
            CountDownLatch endStored = new CountDownLatch(1);
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> byChunks = workers.submit(() -> {
                    boolean[] assembled = new boolean[1];
                    chunks.inTransaction(() -> {
                        SyncRecord.SessionStart start = start("s1", List.of(SensorPosition.UPPER));
                        chunks.storeStart(start, SyncCodec.encode(start));
                        chunks.storeChunk(chunk(0), SyncCodec.encode(chunk(0)));
                        chunksStored.countDown();
                        // PostgreSQL: both transactions check before either commits; SQLite lets one writer in at a time
                        awaitQuietly(endStored, 1_000);
                        assembled[0] = chunks.assembleIfComplete(DEVICE, "s1");
                    });
                    return assembled[0];
                });
                Future<Boolean> byEnd = workers.submit(() -> {
                    boolean[] assembled = new boolean[1];
                    awaitQuietly(chunksStored, 10_000);
                    ends.inTransaction(() -> {
                        SyncRecord.SessionEnd end = end("s1", 1, List.of());
                        ends.storeEnd(end, SyncCodec.encode(end));
                        endStored.countDown();
                        assembled[0] = ends.assembleIfComplete(DEVICE, "s1");
                    });
                    return assembled[0];
                });
                boolean first = byChunks.get(20, TimeUnit.SECONDS);
                boolean second = byEnd.get(20, TimeUnit.SECONDS);
                assertTrue(first ^ second, "exactly one of them assembles it (by chunks: " + first + ", by end: " + second + ")");
            } finally {
                workers.shutdownNow();
            }
            assertEquals(List.of("s1"), store.list().stream().map(SessionListing::sessionId).toList());
            assertTrue(chunks.acknowledgement(DEVICE, "s1").complete());
        }
    }

    @Test
    void assembleIfComplete_twoWritersCompletingTwoSessionsInOppositeOrders_bothCommitAndEachSessionIsAssembledOnce()
            throws Exception {
        try (SessionStore store = openStore(); SyncStore chunks = new SyncStore(store); SyncStore ends = new SyncStore(store)) {
            chunks.inTransaction(() -> {
                for (String sessionId : List.of("s1", "s2")) {
                    SyncRecord.SessionStart start = start(sessionId, List.of(SensorPosition.UPPER));
                    chunks.storeStart(start, SyncCodec.encode(start));
                    chunks.storeChunk(chunk(sessionId, 0), SyncCodec.encode(chunk(sessionId, 0)));
                }
            });
            CountDownLatch chunksStored = new CountDownLatch(1);
            CountDownLatch endsStored = new CountDownLatch(1);
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                // one writer completes s1 then s2 (their last chunks), the other s2 then s1 (their ends),
                // both before either commits (PostgreSQL; SQLite lets one writer in at a time)
                Future<Integer> byChunks = workers.submit(() -> {
                    int[] assembled = new int[1];
                    chunks.inTransaction(() -> {
                        for (String sessionId : List.of("s1", "s2")) {
                            chunks.storeChunk(chunk(sessionId, 1), SyncCodec.encode(chunk(sessionId, 1)));
                        }
                        chunksStored.countDown();
                        awaitQuietly(endsStored, 1_000);
                        for (String sessionId : List.of("s1", "s2")) {
                            assembled[0] += chunks.assembleIfComplete(DEVICE, sessionId) ? 1 : 0;
                        }
                    });
                    return assembled[0];
                });
                Future<Integer> byEnds = workers.submit(() -> {
                    int[] assembled = new int[1];
                    awaitQuietly(chunksStored, 10_000);
                    ends.inTransaction(() -> {
                        for (String sessionId : List.of("s2", "s1")) {
                            SyncRecord.SessionEnd end = end(sessionId, 2, List.of());
                            ends.storeEnd(end, SyncCodec.encode(end));
                        }
                        endsStored.countDown();
                        for (String sessionId : List.of("s2", "s1")) {
                            assembled[0] += ends.assembleIfComplete(DEVICE, sessionId) ? 1 : 0;
                        }
                    });
                    return assembled[0];
                });
                int assembled = byChunks.get(30, TimeUnit.SECONDS) + byEnds.get(30, TimeUnit.SECONDS);
                assertEquals(2, assembled, "each session once, and neither transaction failed (no deadlock)");
            } finally {
                workers.shutdownNow();
            }
            assertEquals(List.of("s1", "s2"), store.list().stream().map(SessionListing::sessionId).sorted().toList());
        }
    }

    @Test
    void store_sameSessionFromTwoThreadsAtOnce_isStoredOnceAndTheOtherSeesADuplicate() throws Exception {
        RecordedSession session = session("s-twice", 20.0);
        byte[] payload = SessionCodec.encode(session);
        try (SessionStore store = openStore()) {
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                List<Future<StoreOutcome>> outcomes = new ArrayList<>();
                for (int writer = 0; writer < 2; writer++) {
                    outcomes.add(workers.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return store.store(session, payload);
                    }));
                }
                List<StoreOutcome> seen = new ArrayList<>(List.of(outcomes.get(0).get(20, TimeUnit.SECONDS),
                        outcomes.get(1).get(20, TimeUnit.SECONDS)));
                seen.sort(null);
                assertEquals(List.of(StoreOutcome.STORED, StoreOutcome.DUPLICATE), seen);
            } finally {
                workers.shutdownNow();
            }
            assertEquals(1, store.list().size());
            assertEquals(0, store.conflictCount());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch, long timeoutMillis) {
        try {
            latch.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
