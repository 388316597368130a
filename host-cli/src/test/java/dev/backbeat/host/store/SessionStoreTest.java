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

    /**
     * The tables a backbeat from before Flyway made, at store schema 3 (its own CREATE statements),
     * or at schema 4 (the current store of a laptop: also the table of unassembled sessions, and
     * repetitions whose peaks may be NULL).
     */
    static void createStoreBeforeFlyway(Path file, int schemaVersion) throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            statement.execute("""
                    CREATE TABLE sessions (device_id TEXT NOT NULL, session_id TEXT NOT NULL, started_at TEXT NOT NULL,
                      received_at TEXT NOT NULL, hardware TEXT NOT NULL, sample_rate_hz REAL NOT NULL,
                      duration_s REAL NOT NULL, upper_samples INTEGER NOT NULL, lower_samples INTEGER NOT NULL,
                      rep_count INTEGER NOT NULL, flexion_min_deg REAL, flexion_max_deg REAL, pacer_bpm REAL NOT NULL,
                      pacer_inhale_cues INTEGER NOT NULL, neutral_start_s REAL, neutral_end_s REAL,
                      payload_schema_version INTEGER NOT NULL, payload_sha256 TEXT NOT NULL, payload BLOB NOT NULL,
                      status TEXT NOT NULL DEFAULT 'complete', PRIMARY KEY (device_id, session_id))""");
            statement.execute("""
                    CREATE TABLE repetitions (device_id TEXT NOT NULL, session_id TEXT NOT NULL,
                      repetition_index INTEGER NOT NULL, start_s REAL NOT NULL, end_s REAL NOT NULL,
                      peak_flexion_deg REAL %s, peak_extension_deg REAL %s,
                      PRIMARY KEY (device_id, session_id, repetition_index),
                      FOREIGN KEY (device_id, session_id) REFERENCES sessions (device_id, session_id))"""
                    .formatted(schemaVersion < 4 ? "NOT NULL" : "", schemaVersion < 4 ? "NOT NULL" : ""));
            if (schemaVersion >= 4) {
                statement.execute("""
                        CREATE TABLE sync_unassembled (device_id TEXT NOT NULL, session_id TEXT NOT NULL,
                          noted_at TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (device_id, session_id))""");
            }
            statement.execute("""
                    CREATE TABLE conflicts (device_id TEXT NOT NULL, session_id TEXT NOT NULL, received_at TEXT NOT NULL,
                      payload_sha256 TEXT NOT NULL, payload BLOB NOT NULL)""");
            statement.execute("""
                    CREATE TABLE sync_starts (device_id TEXT NOT NULL, session_id TEXT NOT NULL, received_at TEXT NOT NULL,
                      record_sha256 TEXT NOT NULL, record BLOB NOT NULL, PRIMARY KEY (device_id, session_id))""");
            statement.execute("""
                    CREATE TABLE sync_chunks (device_id TEXT NOT NULL, session_id TEXT NOT NULL, chunk_index INTEGER NOT NULL,
                      received_at TEXT NOT NULL, chunk_sha256 TEXT NOT NULL, record BLOB NOT NULL,
                      upper_samples INTEGER NOT NULL DEFAULT -1, lower_samples INTEGER NOT NULL DEFAULT -1,
                      PRIMARY KEY (device_id, session_id, chunk_index)) WITHOUT ROWID""");
            statement.execute("""
                    CREATE TABLE sync_ends (device_id TEXT NOT NULL, session_id TEXT NOT NULL, received_at TEXT NOT NULL,
                      status TEXT NOT NULL, chunk_count INTEGER NOT NULL, record_sha256 TEXT NOT NULL, record BLOB NOT NULL,
                      PRIMARY KEY (device_id, session_id))""");
            statement.execute("""
                    CREATE TABLE sync_conflicts (device_id TEXT NOT NULL, session_id TEXT NOT NULL, kind TEXT NOT NULL,
                      chunk_index INTEGER, received_at TEXT NOT NULL, record_sha256 TEXT NOT NULL, record BLOB NOT NULL,
                      UNIQUE (device_id, session_id, kind, chunk_index, record_sha256))""");
            statement.execute("CREATE TABLE sync_acked (device_id TEXT NOT NULL, session_id TEXT NOT NULL, "
                    + "PRIMARY KEY (device_id, session_id))");
            statement.execute("""
                    CREATE TABLE quarantine (received_at TEXT NOT NULL, topic TEXT NOT NULL, reason TEXT NOT NULL,
                      size INTEGER NOT NULL, payload_sha256 TEXT NOT NULL UNIQUE, payload BLOB NOT NULL)""");
            statement.execute("INSERT INTO store_info (key, value) VALUES ('schema_version', '" + schemaVersion + "')");
            statement.execute("""
                    INSERT INTO sessions VALUES ('strap-01', 's-old', '2026-11-01T08:00:00Z', '2026-11-01T08:30:00Z', 'sim',
                      100, 3.0, 300, 300, 1, -10.0, 20.0, 6.0, 1, 0.5, 3.5, 1, 'ab', X'00', 'complete')""");
            statement.execute("INSERT INTO repetitions VALUES ('strap-01', 's-old', 0, 1.0, 2.5, 20.0, 10.0)");
        }
    }

    @Test
    void open_schema4StoreMadeBeforeFlyway_isBaselinedAsItIsAndKeepsItsSessions() throws Exception {
        createStoreBeforeFlyway(directory.resolve(SessionStore.FILE_NAME), 4);
        RecordedSession session = session("s-new", 20.0);
        try (SessionStore store = SessionStore.open(directory, false)) {
            assertEquals(StoreOutcome.STORED, store.store(session, SessionCodec.encode(session)));
            assertEquals(List.of("s-new", "s-old"), store.list().stream().map(SessionListing::sessionId).toList());
            assertEquals(1, store.find("s-old").orElseThrow().repetitionCount());
        }
        assertEquals("4 BASELINE;", appliedMigrations(), "no migration ran on it");
        try (SessionStore reopened = SessionStore.open(directory, false)) {
            assertEquals(2, reopened.list().size());
        }
        assertEquals("4 BASELINE;", appliedMigrations());
    }

    private String appliedMigrations() throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + directory.resolve(SessionStore.FILE_NAME));
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet history = statement.executeQuery(
                     "SELECT version, type FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            StringBuilder applied = new StringBuilder();
            while (history.next()) {
                applied.append(history.getString(1)).append(' ').append(history.getString(2)).append(';');
            }
            return applied.toString();
        }
    }

    @Test
    void open_schema3StoreMadeBeforeFlyway_isBaselinedMigratedAndKeepsItsSessions() throws Exception {
        createStoreBeforeFlyway(directory.resolve(SessionStore.FILE_NAME), 3);
        RecordedSession flexionOnly = session("s-flexion-only", 20.0);
        flexionOnly = new RecordedSession(flexionOnly.deviceId(), flexionOnly.sessionId(), flexionOnly.startedAt(),
                flexionOnly.hardware(), flexionOnly.sampleRateHz(), flexionOnly.tracks(), flexionOnly.pacerCues(),
                List.of(new Repetition(1.0, 2.5, 20.0, Double.NaN)), flexionOnly.summary());
        try (SessionStore store = SessionStore.open(directory, false)) {
            assertEquals(StoreOutcome.STORED, store.store(flexionOnly, SessionCodec.encode(flexionOnly)));
            assertEquals(List.of("s-flexion-only", "s-old"), store.list().stream().map(SessionListing::sessionId).toList());
            assertEquals(20.0, store.find("s-old").orElseThrow().flexionMaxDegrees());
            assertEquals(List.of(), new SyncStore(store).unassembled());
        }
        assertEquals("3 BASELINE;4 SQL;", appliedMigrations(), "taken at version 3 as it was, then migration 4 only");
    }
}
