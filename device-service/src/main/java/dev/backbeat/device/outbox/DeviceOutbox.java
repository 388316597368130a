// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.outbox;

import dev.backbeat.mqtt.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The device's outbox: one SQLite file, {@value #FILE_NAME}, in the data directory (WAL journal,
 * {@code synchronous=FULL}, readable by its owner only). Sessions are written as they happen: the
 * start record when a session starts, each chunk record as it is sealed (about once a second, one
 * transaction each), the end record at the end. A power cut loses at most the unsealed second;
 * {@code DeviceService.recoverInterrupted} closes what it finds without an end as interrupted.
 *
 * <p>Records are kept exactly as they go on the wire. A session leaves only after the host
 * confirmed it ({@link #confirm}) and the retention period passed ({@link #purgeConfirmedBefore}).
 * Methods are synchronized: the recorder and the sender may run on different threads.
 */
public final class DeviceOutbox implements AutoCloseable {

    public static final String FILE_NAME = "outbox.db";
    /**
     * SQLite's page cache per connection, KiB (default 512; SQLite's own is 2000). The outbox is
     * written in order and read back by key, mostly the chunks just sealed; every page cached stays
     * resident, so SQLite's default cost the strap's service up to 2 MB per connection.
     */
    static final int PAGE_CACHE_KIBIBYTES = 512;
    /**
     * The outbox's layout. 2 added {@code sessions.chunk_bytes} (the bytes of a session's sealed
     * chunk records, kept as they are sealed), so the health's depth reads one row a session instead
     * of every chunk: measured once a second, the scan grew with the session (600 pages at 10
     * minutes). A version 1 outbox is migrated in place when opened.
     */
    static final int SCHEMA_VERSION = 2;

    /** Where a session is. */
    public enum State { RECORDING, ENDED, CONFIRMED }

    /**
     * A session not yet confirmed by the host.
     *
     * @param sealedChunks chunks {@code 0 .. sealedChunks-1} exist
     */
    public record PendingSession(String sessionId, int sealedChunks, boolean ended) {
    }

    /**
     * Runs inside each chunk's transaction just before it commits: where a test stands in for a slow
     * SD card (an fsync that takes seconds).
     */
    @FunctionalInterface
    public interface CommitHook {
        /** No delay: what the service runs with. */
        CommitHook NONE = (sessionId, index) -> { };

        void beforeCommit(String sessionId, int index) throws IOException;
    }

    private final Connection connection;
    private final Path file;
    private PreparedStatement selectChunk;
    private volatile CommitHook beforeChunkCommit = CommitHook.NONE;

    private DeviceOutbox(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) the outbox in {@code dataDirectory}. */
    public static DeviceOutbox open(Path dataDirectory) throws IOException {
        try {
            OwnerOnlyFiles.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new OutboxException("cannot create the device data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            // SQLite gives its -wal and -shm files the mode of the database file
            OwnerOnlyFiles.createFile(file);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            DeviceOutbox outbox = new DeviceOutbox(connection, file);
            try {
                outbox.migrate();
            } catch (SQLException | IOException e) {
                outbox.close();
                throw e;
            }
            return outbox;
        } catch (SQLException e) {
            throw new OutboxException("cannot open the outbox " + file + ": " + e.getMessage(), e);
        } catch (OutboxException e) {
            throw e;
        } catch (IOException e) {
            throw new OutboxException("cannot create the outbox " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    private void migrate() throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA busy_timeout=5000");
            statement.execute("PRAGMA cache_size=-" + PAGE_CACHE_KIBIBYTES);
            statement.execute("CREATE TABLE IF NOT EXISTS outbox_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            OptionalInt found = schemaVersion(statement);
            if (found.isPresent()) {
                if (found.getAsInt() == 1) {
                    migrateFromVersion1(statement);
                } else if (found.getAsInt() != SCHEMA_VERSION) {
                    throw new OutboxException("outbox " + file + " has schema version " + found.getAsInt()
                            + "; this backbeat-device understands " + SCHEMA_VERSION + " (and migrates 1)");
                }
                return;
            }
            connection.setAutoCommit(false);
            statement.execute("""
                    CREATE TABLE sessions (
                      session_id TEXT PRIMARY KEY,
                      started_at TEXT NOT NULL,
                      state TEXT NOT NULL CHECK (state IN ('RECORDING', 'ENDED', 'CONFIRMED')),
                      sealed_chunks INTEGER NOT NULL DEFAULT 0,
                      start_record BLOB NOT NULL,
                      end_record BLOB,
                      confirmed_at TEXT,
                      chunk_bytes INTEGER NOT NULL DEFAULT 0)""");
            statement.execute("""
                    CREATE TABLE chunks (
                      session_id TEXT NOT NULL REFERENCES sessions (session_id),
                      chunk_index INTEGER NOT NULL,
                      record BLOB NOT NULL,
                      PRIMARY KEY (session_id, chunk_index)) WITHOUT ROWID""");
            statement.execute("INSERT INTO outbox_info (key, value) VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
            connection.commit();
        } catch (SQLException | IOException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private OptionalInt schemaVersion(Statement statement) throws SQLException, OutboxException {
        try (ResultSet version = statement.executeQuery("SELECT value FROM outbox_info WHERE key = 'schema_version'")) {
            if (!version.next()) {
                return OptionalInt.empty();
            }
            String value = version.getString(1);
            try {
                return OptionalInt.of(Integer.parseInt(value));
            } catch (NumberFormatException notANumber) {
                throw new OutboxException("outbox " + file + " has schema version '" + value + "', not a number");
            }
        }
    }

    /**
     * Version 1 to 2: adds {@code sessions.chunk_bytes}, filled from the chunks already sealed, in one
     * write transaction (another connection opening the outbox meanwhile waits, then finds version 2).
     */
    private void migrateFromVersion1(Statement statement) throws SQLException, OutboxException {
        statement.execute("BEGIN IMMEDIATE");
        boolean committed = false;
        try {
            if (schemaVersion(statement).orElse(0) == 1) {
                statement.execute("ALTER TABLE sessions ADD COLUMN chunk_bytes INTEGER NOT NULL DEFAULT 0");
                statement.execute("UPDATE sessions SET chunk_bytes = (SELECT coalesce(sum(length(record)), 0) FROM chunks "
                        + "WHERE chunks.session_id = sessions.session_id)");
                statement.execute("UPDATE outbox_info SET value = '" + SCHEMA_VERSION + "' WHERE key = 'schema_version'");
            }
            statement.execute("COMMIT");
            committed = true;
        } finally {
            if (!committed) {
                statement.execute("ROLLBACK");
            }
        }
    }

    /** Records the start of a session. */
    public synchronized void begin(String sessionId, Instant startedAt, byte[] startRecord) throws IOException {
        update("recording the start of session " + sessionId,
                "INSERT INTO sessions (session_id, started_at, state, start_record) VALUES (?, ?, 'RECORDING', ?)",
                sessionId, startedAt.toString(), startRecord);
    }

    /** Seals chunk {@code index} (the next one) of a session, in one transaction. */
    public synchronized void seal(String sessionId, int index, byte[] chunkRecord) throws IOException {
        inTransaction("sealing chunk " + index + " of session " + sessionId, () -> {
            execute("INSERT INTO chunks (session_id, chunk_index, record) VALUES (?, ?, ?)", sessionId, index, chunkRecord);
            execute("UPDATE sessions SET sealed_chunks = ?, chunk_bytes = chunk_bytes + ? WHERE session_id = ? "
                    + "AND state = 'RECORDING'", index + 1, chunkRecord.length, sessionId);
            beforeChunkCommit.beforeCommit(sessionId, index);
        });
    }

    /** Runs {@code hook} inside each chunk's transaction before it commits (tests: a slow card). */
    public void beforeEachChunkCommit(CommitHook hook) {
        this.beforeChunkCommit = java.util.Objects.requireNonNull(hook, "hook");
    }

    /** Writes the end record; the session then has exactly its sealed chunks. */
    public synchronized void end(String sessionId, byte[] endRecord) throws IOException {
        update("recording the end of session " + sessionId,
                "UPDATE sessions SET state = 'ENDED', end_record = ? WHERE session_id = ? AND state = 'RECORDING'",
                endRecord, sessionId);
    }

    /** The host stored all of it: it may go once the retention period has passed. */
    public synchronized void confirm(String sessionId, Instant now) throws IOException {
        update("confirming session " + sessionId,
                "UPDATE sessions SET state = 'CONFIRMED', confirmed_at = ? WHERE session_id = ? AND state = 'ENDED'",
                now.toString(), sessionId);
    }

    /** Deletes the sessions confirmed before {@code cutoff}; returns how many. */
    public synchronized int purgeConfirmedBefore(Instant cutoff) throws IOException {
        int[] deleted = new int[1];
        inTransaction("purging confirmed sessions", () -> {
            execute("DELETE FROM chunks WHERE session_id IN (SELECT session_id FROM sessions WHERE state = 'CONFIRMED' "
                    + "AND confirmed_at < ?)", cutoff.toString());
            deleted[0] = execute("DELETE FROM sessions WHERE state = 'CONFIRMED' AND confirmed_at < ?", cutoff.toString());
        });
        return deleted[0];
    }

    /** Sessions still being recorded (after a crash: the interrupted ones). */
    public synchronized List<String> recording() throws IOException {
        return ids("SELECT session_id FROM sessions WHERE state = 'RECORDING' ORDER BY rowid");
    }

    /**
     * Sessions not confirmed yet, oldest first: in the order they were begun (the table's rowid),
     * not by their start time, which a strap without a real-time clock may have wrong.
     */
    public synchronized List<PendingSession> pending() throws IOException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT session_id, sealed_chunks, state FROM sessions WHERE state <> 'CONFIRMED' ORDER BY rowid");
             ResultSet rows = select.executeQuery()) {
            List<PendingSession> pending = new ArrayList<>();
            while (rows.next()) {
                pending.add(new PendingSession(rows.getString(1), rows.getInt(2), rows.getString(3).equals("ENDED")));
            }
            return pending;
        } catch (SQLException e) {
            throw failure("listing pending sessions", e);
        }
    }

    /**
     * What waits for the host: sessions not yet confirmed and the bytes of their records.
     *
     * @param sessions sessions not confirmed yet (recording or ended)
     * @param bytes bytes of their start, chunk and end records
     */
    public record Depth(int sessions, long bytes) {
    }

    /** The sessions not yet confirmed and their records' bytes (for the strap's health). */
    public synchronized Depth depth() throws IOException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(*), coalesce(sum(length(start_record) + coalesce(length(end_record), 0) + chunk_bytes), 0)
                  FROM sessions WHERE state <> 'CONFIRMED'""");
             ResultSet row = select.executeQuery()) {
            row.next();
            return new Depth(row.getInt(1), row.getLong(2));
        } catch (SQLException e) {
            throw failure("measuring the outbox", e);
        }
    }

    /** When the host last confirmed a session still in the outbox (strap clock); empty if none is. */
    public synchronized Optional<Instant> lastConfirmedAt() throws IOException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT confirmed_at FROM sessions WHERE state = 'CONFIRMED' ORDER BY rowid DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(Instant.parse(row.getString(1))) : Optional.empty();
        } catch (SQLException | java.time.format.DateTimeParseException e) {
            throw new OutboxException("reading the last confirmation in " + file + " failed: " + e.getMessage(), e);
        }
    }

    public synchronized Optional<State> state(String sessionId) throws IOException {
        try (PreparedStatement select = connection.prepareStatement("SELECT state FROM sessions WHERE session_id = ?")) {
            select.setString(1, sessionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(State.valueOf(row.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading session " + sessionId, e);
        }
    }

    public synchronized Optional<byte[]> startRecord(String sessionId) throws IOException {
        return blob("SELECT start_record FROM sessions WHERE session_id = ?", sessionId);
    }

    public synchronized Optional<byte[]> endRecord(String sessionId) throws IOException {
        return blob("SELECT end_record FROM sessions WHERE session_id = ?", sessionId);
    }

    public synchronized Optional<byte[]> chunkRecord(String sessionId, int index) throws IOException {
        try {
            if (selectChunk == null) {
                selectChunk = connection.prepareStatement("SELECT record FROM chunks WHERE session_id = ? AND chunk_index = ?");
            }
            selectChunk.setString(1, sessionId);
            selectChunk.setInt(2, index);
            try (ResultSet row = selectChunk.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading chunk " + index + " of session " + sessionId, e);
        }
    }

    /**
     * Runs {@code work} in one transaction (for writing many records at once, e.g. a benchmark's
     * backlog); the outbox's own methods join it.
     */
    public synchronized void batch(Work work) throws IOException {
        inTransaction("writing a batch", work);
    }

    /** A unit of work inside a transaction. */
    @FunctionalInterface
    public interface Work {
        void run() throws SQLException, IOException;
    }

    private void inTransaction(String what, Work work) throws IOException {
        try {
            if (!connection.getAutoCommit()) {
                work.run(); // joins the caller's transaction
                return;
            }
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void update(String what, String sql, Object... parameters) throws IOException {
        try {
            int changed = execute(sql, parameters);
            if (changed != 1) {
                throw new OutboxException(what + " in " + file + " changed " + changed + " rows, not 1");
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private int execute(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                Object parameter = parameters[index];
                if (parameter instanceof byte[] bytes) {
                    statement.setBytes(index + 1, bytes);
                } else if (parameter instanceof Integer number) {
                    statement.setInt(index + 1, number);
                } else {
                    statement.setString(index + 1, (String) parameter);
                }
            }
            return statement.executeUpdate();
        }
    }

    private List<String> ids(String sql) throws IOException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw failure("reading " + file, e);
        }
    }

    private Optional<byte[]> blob(String sql, String sessionId) throws IOException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, sessionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading session " + sessionId, e);
        }
    }

    private OutboxException failure(String what, SQLException e) {
        return new OutboxException(what + " in " + file + " failed: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            if (selectChunk != null) {
                selectChunk.close();
            }
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}
