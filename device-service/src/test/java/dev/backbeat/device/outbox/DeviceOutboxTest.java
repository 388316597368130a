// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's depth (what the health reports) and its schema's migration. */
class DeviceOutboxTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void depth_sessionsNotConfirmed_countTheirStartChunkAndEndRecordBytes() throws Exception {
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            assertEquals(new DeviceOutbox.Depth(0, 0), outbox.depth());
            outbox.begin("a", START, new byte[10]);
            outbox.seal("a", 0, new byte[100]);
            outbox.seal("a", 1, new byte[200]);
            assertEquals(new DeviceOutbox.Depth(1, 310), outbox.depth());
            outbox.end("a", new byte[5]);
            outbox.begin("b", START.plusSeconds(60), new byte[20]);
            outbox.seal("b", 0, new byte[1000]);
            assertEquals(new DeviceOutbox.Depth(2, 315 + 1020), outbox.depth());
            outbox.confirm("a", START.plusSeconds(120));
            assertEquals(new DeviceOutbox.Depth(1, 1020), outbox.depth());
        }
    }

    @Test
    void open_version1Outbox_isMigratedKeepingEverySessionAndItsDepth() throws Exception {
        writeVersion1Outbox();
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            assertEquals(new DeviceOutbox.Depth(1, 10 + 100 + 200), outbox.depth());
            assertEquals(List.of(new DeviceOutbox.PendingSession("recording", 2, false)), outbox.pending());
            assertArrayEquals(new byte[200], outbox.chunkRecord("recording", 1).orElseThrow());
            assertEquals(DeviceOutbox.State.CONFIRMED, outbox.state("confirmed").orElseThrow());
            outbox.seal("recording", 2, new byte[50]);
            assertEquals(new DeviceOutbox.Depth(1, 360), outbox.depth());
        }
        assertEquals(String.valueOf(DeviceOutbox.SCHEMA_VERSION), schemaVersion());
        try (DeviceOutbox again = DeviceOutbox.open(directory)) {
            assertEquals(new DeviceOutbox.Depth(1, 360), again.depth(), "opened again: not migrated twice");
        }
    }

    @Test
    void open_unknownSchemaVersion_isRefusedNamingTheFileAndTheVersion() throws Exception {
        try (DeviceOutbox outbox = DeviceOutbox.open(directory)) {
            outbox.begin("a", START, new byte[10]);
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE outbox_info SET value = '7' WHERE key = 'schema_version'");
        }
        String message = assertThrows(OutboxException.class, () -> DeviceOutbox.open(directory)).getMessage();
        assertTrue(message.contains(directory.resolve(DeviceOutbox.FILE_NAME).toString())
                && message.contains("schema version 7"), message);
    }

    /** The layout of schema version 1 as backbeat-device wrote it before version 2, with two sessions. */
    private void writeVersion1Outbox() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("CREATE TABLE outbox_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            statement.execute("""
                    CREATE TABLE sessions (
                      session_id TEXT PRIMARY KEY,
                      started_at TEXT NOT NULL,
                      state TEXT NOT NULL CHECK (state IN ('RECORDING', 'ENDED', 'CONFIRMED')),
                      sealed_chunks INTEGER NOT NULL DEFAULT 0,
                      start_record BLOB NOT NULL,
                      end_record BLOB,
                      confirmed_at TEXT)""");
            statement.execute("""
                    CREATE TABLE chunks (
                      session_id TEXT NOT NULL REFERENCES sessions (session_id),
                      chunk_index INTEGER NOT NULL,
                      record BLOB NOT NULL,
                      PRIMARY KEY (session_id, chunk_index)) WITHOUT ROWID""");
            statement.execute("INSERT INTO outbox_info (key, value) VALUES ('schema_version', '1')");
            statement.execute("INSERT INTO sessions (session_id, started_at, state, sealed_chunks, start_record, end_record, "
                    + "confirmed_at) VALUES ('confirmed', '" + START + "', 'CONFIRMED', 1, zeroblob(30), zeroblob(3), '"
                    + START.plusSeconds(90) + "')");
            statement.execute("INSERT INTO chunks VALUES ('confirmed', 0, zeroblob(4000))");
            statement.execute("INSERT INTO sessions (session_id, started_at, state, sealed_chunks, start_record) "
                    + "VALUES ('recording', '" + START.plusSeconds(100) + "', 'RECORDING', 2, zeroblob(10))");
            statement.execute("INSERT INTO chunks VALUES ('recording', 0, zeroblob(100)), ('recording', 1, zeroblob(200))");
        }
    }

    private String schemaVersion() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT value FROM outbox_info WHERE key = 'schema_version'")) {
            row.next();
            return row.getString(1);
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(DeviceOutbox.FILE_NAME));
    }
}
