// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionDecodeResult;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.mqtt.OwnerOnlyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The host's store of sessions: an SQLite file, {@value #FILE_NAME}, in the store directory (the
 * laptop), or a PostgreSQL database (a clinic; {@link StoreLocation}). The schema is the same on
 * both, migrated by Flyway ({@link StoreDatabase}).
 *
 * <p>Each session is stored once, keyed by (device, session), in one transaction with its summary
 * columns, its repetitions and the original payload (so it can be re-analysed later); a session
 * that came through the sync protocol keeps its samples in its sync records instead, which
 * {@link #load} reads back (so a backlog is not re-compressed on arrival). Receiving the
 * same session again changes nothing, also when two writers commit it at the same time (the key
 * decides, the later one sees a duplicate); a different payload under the same key is kept in
 * {@code conflicts} and never overwrites what is stored. SQLite: WAL journal, {@code synchronous=FULL}.
 *
 * <p>The SQLite file is readable by its owner only (600; SQLite gives its {@code -wal} and
 * {@code -shm} files the same mode), and so is a store directory this class creates (700).
 */
public final class SessionStore implements AutoCloseable {

    public static final String FILE_NAME = "backbeat.db";
    /** The schema version of an SQLite store ({@code store_info}); PostgreSQL's is {@link StoreEngine#schemaVersion}. */
    static final int SCHEMA_VERSION = 4;

    private final StoreDatabase database;
    private final Path file;
    private final Clock clock;

    private SessionStore(StoreDatabase database, Path file, Clock clock) {
        this.database = database;
        this.file = file;
        this.clock = clock;
    }

    /** Opens (and creates or upgrades) the store at {@code location}. */
    public static SessionStore open(StoreLocation location) throws StoreException {
        return switch (location) {
            case StoreLocation.SqliteDirectory sqlite -> open(sqlite.directory(), sqlite.createDirectory());
            case StoreLocation.PostgresqlDatabase postgresql -> openPostgresql(postgresql, true, Clock.systemUTC());
        };
    }

    /**
     * Opens the store at {@code location} for a command that only reads it: a directory as
     * {@link #openForReading(Path, boolean)}; a PostgreSQL database is not migrated (its reader is
     * usually a role that may not), only checked to be at this version's schema.
     */
    public static SessionStore openForReading(StoreLocation location) throws StoreException {
        return switch (location) {
            case StoreLocation.SqliteDirectory sqlite -> openForReading(sqlite.directory(), sqlite.createDirectory());
            case StoreLocation.PostgresqlDatabase postgresql -> openPostgresql(postgresql, false, Clock.systemUTC());
        };
    }

    static SessionStore openPostgresql(StoreLocation.PostgresqlDatabase location, boolean migrate, Clock clock)
            throws StoreException {
        StoreDatabase database = StoreDatabase.postgresql(location);
        try {
            if (migrate) {
                database.migrate(0);
            } else {
                database.checkMigrated();
            }
        } catch (StoreException e) {
            database.close();
            throw e;
        }
        return new SessionStore(database, null, clock);
    }

    /**
     * Opens the SQLite store in {@code directory}.
     *
     * @param createDirectory create the directory if missing (for the default location); when false a
     *     missing directory is an error (for a directory the user named)
     */
    public static SessionStore open(Path directory, boolean createDirectory) throws StoreException {
        return open(directory, createDirectory, Clock.systemUTC());
    }

    static SessionStore open(Path directory, boolean createDirectory, Clock clock) throws StoreException {
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new StoreException("store directory " + directory + " is not a directory");
            }
            if (!createDirectory) {
                throw new StoreException("store directory " + directory + " does not exist (create it, or leave out --store to use the default)");
            }
            try {
                OwnerOnlyFiles.createDirectories(directory);
            } catch (java.io.IOException e) {
                throw new StoreException("cannot create store directory " + directory + ": " + e.getMessage(), e);
            }
        }
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw new StoreException("store " + file + " is not readable");
        }
        int existingVersion = Files.exists(file) ? checkIsBackbeatStore(file) : 0;
        try {
            OwnerOnlyFiles.createFile(file);
        } catch (java.io.IOException e) {
            if (!Files.exists(file)) {
                throw new StoreException("cannot create store " + file + ": " + e.getMessage(), e);
            }
            // another user's store: opening it tells whether this one may use it
        }
        StoreDatabase database = StoreDatabase.sqlite(file, null);
        try {
            database.migrate(existingVersion);
        } catch (StoreException e) {
            database.close();
            throw e;
        }
        return new SessionStore(database, file, clock);
    }

    /**
     * Opens the store in {@code directory} for the commands that only read it ({@code sessions},
     * {@code show}, {@code export}): like {@link #open}, but a store this user cannot write (a
     * read-only file, directory or file system, another user's store shared read-only) is opened
     * read-only instead of being refused, as long as it has this version's schema (an older one
     * needs writing to upgrade, and says so). SQLite needs to write a {@code -shm} file beside a WAL
     * store even to read it; where it cannot, the store is read as immutable, which misses only
     * what a crashed writer left in a {@code -wal} file.
     */
    public static SessionStore openForReading(Path directory, boolean createDirectory) throws StoreException {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file) || (Files.isWritable(file) && Files.isWritable(directory))) {
            return open(directory, createDirectory);
        }
        if (!Files.isReadable(file)) {
            throw new StoreException("store " + file + " is not readable");
        }
        int version = checkIsBackbeatStore(file);
        if (version < SCHEMA_VERSION) {
            throw new StoreException("store " + file + " has schema version " + version + " and needs upgrading to "
                    + SCHEMA_VERSION + ", which it cannot be: this user cannot write it (open it once with write access)");
        }
        String uri = readOnlyUri(file);
        return new SessionStore(StoreDatabase.sqlite(file, uri), file, Clock.systemUTC());
    }

    /**
     * Refuses, without writing to it, a file that is not a Backbeat store: not SQLite, or an SQLite
     * database with tables but no Backbeat schema version (another program's file named
     * {@value #FILE_NAME}). An empty file or an SQLite file without tables becomes a store.
     *
     * @return the store's schema version, 0 for an empty file
     */
    static int checkIsBackbeatStore(Path file) throws StoreException {
        try {
            if (Files.size(file) == 0) {
                return 0;
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot read store " + file + ": " + e.getMessage(), e);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + readOnlyUri(file));
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only=ON");
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (tables.isEmpty()) {
                return 0;
            }
            if (tables.contains("store_info")) {
                try (ResultSet version = statement.executeQuery("SELECT value FROM store_info WHERE key = 'schema_version'")) {
                    if (version.next()) {
                        int found = Integer.parseInt(version.getString(1));
                        if (found > SCHEMA_VERSION) {
                            throw new StoreException("store " + file + " has schema version " + found
                                    + ", newer than this backbeat understands (" + SCHEMA_VERSION + "); update backbeat");
                        }
                        return found;
                    }
                }
            }
            throw new StoreException(file + " is not a Backbeat session store: an SQLite database of another program (tables "
                    + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                    + (tables.size() > 5 ? ", ..." : "") + "); left as it is: move it away or give another --store");
        } catch (SQLException | NumberFormatException e) {
            throw new StoreException(file + " is not a Backbeat session store (" + sqliteReason(e)
                    + "); left as it is: move it away or give another --store", e);
        }
    }

    /**
     * The {@code file:} URI that reads the store without ever writing it: read-only, or immutable
     * where SQLite cannot create the {@code -shm} file a WAL database needs (a read-only directory).
     */
    private static String readOnlyUri(Path file) throws StoreException {
        String uri = file.toAbsolutePath().toUri() + "?mode=ro";
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + uri);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only=ON");
            statement.executeQuery("SELECT COUNT(*) FROM sqlite_master").close();
            return uri;
        } catch (SQLException cannotOpen) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + uri + "&immutable=1")) {
                return uri + "&immutable=1";
            } catch (SQLException e) {
                throw new StoreException("cannot open store " + file + " read-only: " + sqliteReason(e), e);
            }
        }
    }

    /** SQLite's own words ("file is not a database"), without the driver's code prefix. */
    private static String sqliteReason(Exception e) {
        String message = String.valueOf(e.getMessage());
        int open = message.lastIndexOf('(');
        return message.endsWith(")") && open >= 0 ? message.substring(open + 1, message.length() - 1) : message;
    }

    /**
     * The SQLite file of a store in a directory.
     *
     * @throws IllegalStateException for a PostgreSQL store, which has no file (see {@link #location})
     */
    public Path file() {
        if (file == null) {
            throw new IllegalStateException("store " + database.description() + " is a PostgreSQL database, not a file");
        }
        return file;
    }

    /** The store as messages name it: its SQLite file, or its PostgreSQL database and role (never a password). */
    public String location() {
        return database.description();
    }

    /** The engine the store runs on. */
    public StoreEngine engine() {
        return database.engine();
    }

    StoreDatabase database() {
        return database;
    }

    /** Stores a decoded session and its payload in one transaction (see the class comment for duplicates). */
    public StoreOutcome store(RecordedSession session, byte[] payload) throws StoreException {
        String sha256 = sha256Hex(payload);
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                StoreOutcome outcome = storeInTransaction(connection, session, sampleCount(session, SensorPosition.UPPER),
                        sampleCount(session, SensorPosition.LOWER), SessionCodec.SCHEMA_VERSION, payload, sha256, "complete");
                connection.commit();
                return outcome;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("storing session " + session.sessionId() + " in " + location() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stores a session inside the caller's transaction; {@code status} is complete or interrupted.
     *
     * @param session the session's identity and analysis (its tracks are not read)
     * @param payloadSchemaVersion {@link SessionCodec#SCHEMA_VERSION} for a {@link SessionCodec}
     *     payload, or {@link SyncStore#PAYLOAD_IN_SYNC_RECORDS} when the samples stay in the sync
     *     records and {@code payload} is empty
     */
    StoreOutcome storeInTransaction(Connection connection, RecordedSession session, int upperSamples, int lowerSamples,
                                    int payloadSchemaVersion, byte[] payload, String sha256, String status)
            throws SQLException {
        SessionSummary summary = session.summary();
        // the key decides: a concurrent writer of the same session waits for this one's commit, then
        // inserts nothing and finds the stored row (a duplicate or a conflict, never an error)
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO sessions (device_id, session_id, started_at, received_at, hardware, sample_rate_hz,
                  duration_s, upper_samples, lower_samples, rep_count, flexion_min_deg, flexion_max_deg, pacer_bpm,
                  pacer_inhale_cues, neutral_start_s, neutral_end_s, payload_schema_version, payload_sha256, payload, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device_id, session_id) DO NOTHING""")) {
            insert.setString(1, session.deviceId());
            insert.setString(2, session.sessionId());
            insert.setString(3, session.startedAt().toString());
            insert.setString(4, Instant.now(clock).toString());
            insert.setString(5, session.hardware());
            insert.setDouble(6, session.sampleRateHz());
            insert.setDouble(7, summary.durationSeconds());
            insert.setInt(8, upperSamples);
            insert.setInt(9, lowerSamples);
            insert.setInt(10, summary.repetitionCount());
            setNullableDouble(insert, 11, summary.flexionMinDegrees());
            setNullableDouble(insert, 12, summary.flexionMaxDegrees());
            insert.setDouble(13, summary.pacerBreathsPerMinute());
            insert.setInt(14, summary.pacerInhaleCues());
            setNullableDouble(insert, 15, summary.neutralStartSeconds());
            setNullableDouble(insert, 16, summary.neutralEndSeconds());
            insert.setInt(17, payloadSchemaVersion);
            insert.setString(18, sha256);
            insert.setBytes(19, payload);
            insert.setString(20, status);
            if (insert.executeUpdate() == 0) {
                return alreadyStored(connection, session, payload, sha256);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO repetitions (device_id, session_id, repetition_index, start_s, end_s, peak_flexion_deg,
                  peak_extension_deg) VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            int index = 0;
            for (Repetition repetition : session.repetitions()) {
                insert.setString(1, session.deviceId());
                insert.setString(2, session.sessionId());
                insert.setInt(3, index++);
                insert.setDouble(4, repetition.startSeconds());
                insert.setDouble(5, repetition.endSeconds());
                setNullableDouble(insert, 6, repetition.peakFlexionDegrees());
                setNullableDouble(insert, 7, repetition.peakExtensionDegrees());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return StoreOutcome.STORED;
    }

    /** The session's key is taken: a duplicate when the content matches, else a conflict kept apart. */
    private StoreOutcome alreadyStored(Connection connection, RecordedSession session, byte[] payload, String sha256)
            throws SQLException {
        try (PreparedStatement existing = connection.prepareStatement(
                "SELECT payload_sha256 FROM sessions WHERE device_id = ? AND session_id = ?")) {
            existing.setString(1, session.deviceId());
            existing.setString(2, session.sessionId());
            try (ResultSet row = existing.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("session " + session.deviceId() + "/" + session.sessionId()
                            + " was neither inserted nor found");
                }
                if (row.getString(1).equals(sha256)) {
                    return StoreOutcome.DUPLICATE;
                }
            }
        }
        try (PreparedStatement conflict = connection.prepareStatement(
                "INSERT INTO conflicts (device_id, session_id, received_at, payload_sha256, payload) VALUES (?, ?, ?, ?, ?)")) {
            conflict.setString(1, session.deviceId());
            conflict.setString(2, session.sessionId());
            conflict.setString(3, Instant.now(clock).toString());
            conflict.setString(4, sha256);
            conflict.setBytes(5, payload);
            conflict.executeUpdate();
        }
        return StoreOutcome.CONFLICT;
    }

    /**
     * Every stored session, newest first: by start time, and a strap's numbered sessions by their
     * number ({@link SessionOrder}: a strap's clock may be wrong, its counter is not).
     */
    public List<SessionListing> list() throws StoreException {
        return SessionOrder.bySequenceWithinDevice(query("ORDER BY started_at DESC, session_id DESC"));
    }

    /**
     * The stored session whose id is {@code idOrPrefix} or starts with it.
     *
     * @throws AmbiguousSessionIdException if the prefix matches more than one session
     */
    public Optional<SessionListing> find(String idOrPrefix) throws StoreException {
        List<SessionListing> matches = query("WHERE session_id = ? OR session_id LIKE ? ESCAPE '\\' "
                + "ORDER BY CASE WHEN session_id = ? THEN 0 ELSE 1 END, started_at DESC",
                idOrPrefix, escapeLike(idOrPrefix) + "%", idOrPrefix);
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        if (matches.size() > 1 && !matches.get(0).sessionId().equals(idOrPrefix)) {
            throw new AmbiguousSessionIdException("'" + idOrPrefix + "' matches " + matches.size() + " sessions ("
                    + matches.get(0).sessionId() + ", " + matches.get(1).sessionId() + ", ...); give more of the id");
        }
        return Optional.of(matches.get(0));
    }

    /**
     * The full recorded session (raw samples, cues, repetitions): from its stored payload, or for a
     * session that came through the sync protocol, put together from its sync records.
     */
    public RecordedSession load(SessionListing listing) throws StoreException {
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT payload_schema_version, payload FROM sessions WHERE device_id = ? AND session_id = ?")) {
            select.setString(1, listing.deviceId());
            select.setString(2, listing.sessionId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException("session " + listing.sessionId() + " vanished from " + location());
                }
                if (row.getInt(1) == SyncStore.PAYLOAD_IN_SYNC_RECORDS) {
                    try (SyncStore records = new SyncStore(this)) {
                        return records.rebuild(listing.deviceId(), listing.sessionId());
                    }
                }
                SessionDecodeResult decoded = SessionCodec.decode(row.getBytes(2));
                if (decoded instanceof SessionDecodeResult.Decoded(RecordedSession session)) {
                    return session;
                }
                throw new StoreException("stored payload of session " + listing.sessionId() + " cannot be read: "
                        + ((SessionDecodeResult.Rejected) decoded).reason());
            }
        } catch (SQLException e) {
            throw new StoreException("reading session " + listing.sessionId() + " from " + location() + " failed: " + e.getMessage(), e);
        }
    }

    /** How many payloads were refused because they conflict with a stored session. */
    public int conflictCount() throws StoreException {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM conflicts")) {
            return row.next() ? row.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("reading " + location() + " failed: " + e.getMessage(), e);
        }
    }

    private List<SessionListing> query(String clause, String... parameters) throws StoreException {
        String sql = """
                SELECT device_id, session_id, started_at, received_at, hardware, sample_rate_hz, duration_s,
                  upper_samples, lower_samples, rep_count, flexion_min_deg, flexion_max_deg, pacer_bpm,
                  pacer_inhale_cues, payload_sha256, status FROM sessions\s""" + clause;
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                select.setString(index + 1, parameters[index]);
            }
            List<SessionListing> listings = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    listings.add(new SessionListing(row.getString(1), row.getString(2), Instant.parse(row.getString(3)),
                            Instant.parse(row.getString(4)), row.getString(5), row.getDouble(6), row.getDouble(7),
                            row.getInt(8), row.getInt(9), row.getInt(10), nullableDouble(row, 11),
                            nullableDouble(row, 12), row.getDouble(13), row.getInt(14), row.getString(15),
                            row.getString(16)));
                }
            }
            return listings;
        } catch (SQLException e) {
            throw new StoreException("reading " + location() + " failed: " + e.getMessage(), e);
        }
    }

    private static int sampleCount(RecordedSession session, SensorPosition sensor) {
        return session.track(sensor).map(track -> track.sampleCount()).orElse(0);
    }

    private static void setNullableDouble(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, Types.DOUBLE);
        }
    }

    private static double nullableDouble(ResultSet row, int index) throws SQLException {
        double value = row.getDouble(index);
        return row.wasNull() ? Double.NaN : value;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public static String sha256Hex(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
