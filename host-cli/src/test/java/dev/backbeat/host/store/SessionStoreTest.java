// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    @TempDir
    Path directory;

    static RecordedSession session(String sessionId, double flexionMax) {
        SensorTrack.Builder upper = new SensorTrack.Builder(SensorPosition.UPPER);
        SensorTrack.Builder lower = new SensorTrack.Builder(SensorPosition.LOWER);
        for (int index = 0; index < 300; index++) {
            upper.add(new ImuSample(index / 100.0, new Vector3(0.01, 0.02, 0.03), new Vector3(9.81, 0, 0)));
            lower.add(new ImuSample((index + 0.37) / 100.0, new Vector3(0, 0, 0), new Vector3(9.8, 0.1, 0)));
        }
        return new RecordedSession("strap-01", sessionId, Instant.parse("2026-11-26T10:15:00Z"), "sim", 100,
                List.of(upper.build(), lower.build()), List.of(new PacerCue(0, BreathPhase.INHALE)),
                List.of(new Repetition(1.0, 2.5, flexionMax, 10.0)),
                new SessionSummary(3.0, 1, -10.0, flexionMax, 6.0, 1, 0.5, 3.5));
    }

    @Test
    void store_newSession_isListedFoundAndLoadedUnchanged() throws Exception {
        RecordedSession session = session("20261126T101500Z-aaaa", 20.0);
        try (SessionStore store = SessionStore.open(directory, false)) {
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
        assertTrue(Files.exists(directory.resolve(SessionStore.FILE_NAME)));
    }

    @Test
    void store_sameSessionTwice_isStoredOnce() throws Exception {
        RecordedSession session = session("s-1", 20.0);
        byte[] payload = SessionCodec.encode(session);
        try (SessionStore store = SessionStore.open(directory, false)) {
            assertEquals(StoreOutcome.STORED, store.store(session, payload));
            assertEquals(StoreOutcome.DUPLICATE, store.store(session, payload));
            assertEquals(1, store.list().size());
        }
    }

    @Test
    void store_sameIdDifferentContent_keepsTheFirstAndSetsTheSecondApart() throws Exception {
        RecordedSession first = session("s-1", 20.0);
        RecordedSession second = session("s-1", 25.0);
        try (SessionStore store = SessionStore.open(directory, false)) {
            store.store(first, SessionCodec.encode(first));
            assertEquals(StoreOutcome.CONFLICT, store.store(second, SessionCodec.encode(second)));
            assertEquals(20.0, store.find("s-1").orElseThrow().flexionMaxDegrees());
            assertEquals(1, store.conflictCount());
        }
    }

    @Test
    void store_survivesReopening() throws Exception {
        RecordedSession session = session("s-1", 20.0);
        try (SessionStore store = SessionStore.open(directory, false)) {
            store.store(session, SessionCodec.encode(session));
        }
        try (SessionStore store = SessionStore.open(directory, false)) {
            assertEquals(session, store.load(store.find("s-1").orElseThrow()));
        }
    }

    @Test
    void find_ambiguousPrefix_namesTwoMatches() throws Exception {
        try (SessionStore store = SessionStore.open(directory, false)) {
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
        try (SessionStore store = SessionStore.open(directory, false)) {
            RecordedSession session = session("a_b", 20);
            store.store(session, SessionCodec.encode(session));
            assertTrue(store.find("a_b").isPresent());
            assertTrue(store.find("a%").isEmpty());
            assertTrue(store.find("axb").isEmpty());
        }
    }

    @Test
    void open_missingDirectoryNotToBeCreated_failsNamingIt() {
        Path missing = directory.resolve("nope");
        StoreException error = assertThrows(StoreException.class, () -> SessionStore.open(missing, false));
        assertEquals("store directory " + missing + " does not exist (create it, or leave out --store to use the default)",
                error.getMessage());
    }

    @Test
    void open_missingDefaultDirectory_isCreated() throws Exception {
        Path missing = directory.resolve("a/b");
        try (SessionStore store = SessionStore.open(missing, true)) {
            assertTrue(Files.isDirectory(missing));
        }
    }

    @Test
    void open_fileThatIsNotSqlite_failsWithoutTouchingIt() throws Exception {
        Path file = directory.resolve(SessionStore.FILE_NAME);
        Files.writeString(file, "these are my notes, not a database");
        StoreException error = assertThrows(StoreException.class, () -> SessionStore.open(directory, false));
        assertTrue(error.getMessage().contains("is not a Backbeat session store"), error.getMessage());
        assertEquals("these are my notes, not a database", Files.readString(file));
    }

    @Test
    void open_schema3Store_isMigrated_andTakesARepetitionWithoutAPeak() throws Exception {
        try (SessionStore store = SessionStore.open(directory, false);
             java.sql.Statement statement = store.connection().createStatement()) {
            // the schema-3 shape: peaks NOT NULL, no table of unassembled sessions
            statement.execute("DROP TABLE sync_unassembled");
            statement.execute("DROP TABLE repetitions");
            statement.execute("""
                    CREATE TABLE repetitions (device_id TEXT NOT NULL, session_id TEXT NOT NULL,
                      repetition_index INTEGER NOT NULL, start_s REAL NOT NULL, end_s REAL NOT NULL,
                      peak_flexion_deg REAL NOT NULL, peak_extension_deg REAL NOT NULL,
                      PRIMARY KEY (device_id, session_id, repetition_index))""");
            statement.execute("UPDATE store_info SET value = '3' WHERE key = 'schema_version'");
        }
        RecordedSession flexionOnly = session("s-flexion-only", 20.0);
        flexionOnly = new RecordedSession(flexionOnly.deviceId(), flexionOnly.sessionId(), flexionOnly.startedAt(),
                flexionOnly.hardware(), flexionOnly.sampleRateHz(), flexionOnly.tracks(), flexionOnly.pacerCues(),
                List.of(new Repetition(1.0, 2.5, 20.0, Double.NaN)), flexionOnly.summary());
        try (SessionStore store = SessionStore.open(directory, false)) {
            assertEquals(StoreOutcome.STORED, store.store(flexionOnly, SessionCodec.encode(flexionOnly)));
            assertEquals(1, store.list().get(0).repetitionCount());
            assertEquals(List.of(), new SyncStore(store).unassembled());
        }
    }
}
