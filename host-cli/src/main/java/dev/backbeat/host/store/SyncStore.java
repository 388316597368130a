// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionDecodeResult;
import dev.backbeat.mqtt.sync.ChunkRanges;
import dev.backbeat.mqtt.sync.ChunkSamples;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SessionContentDigest;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sync protocol's side of the store: start, chunk and end records as they arrive, keyed by
 * (device, session, chunk); the same key again with the same bytes changes nothing, with other
 * bytes is kept in {@code sync_conflicts} and never overwrites. When a session's start, end and
 * every chunk are in, it is assembled into the {@code sessions} table in the same transaction.
 * Payloads that fail the checks go to {@code quarantine} with the reason.
 *
 * <p>All writes happen inside {@link #inTransaction}: the caller commits a batch, then acknowledges.
 */
public final class SyncStore implements AutoCloseable {

    /** {@code payload_schema_version} of a session whose samples stay in its sync records. */
    public static final int PAYLOAD_IN_SYNC_RECORDS = 0;

    /** Largest quarantined payload kept whole; longer ones keep their first bytes. */
    static final int QUARANTINE_KEEP_BYTES = 64 * 1024;

    private final SessionStore store;
    private final Clock clock;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;
    /** PostgreSQL: the sessions whose records this transaction stored, and those whose assembly lock it holds. */
    private final java.util.TreeSet<String> touchedInTransaction = new java.util.TreeSet<>();
    private final java.util.Set<String> lockedInTransaction = new java.util.HashSet<>();

    /**
     * The sync side of {@code store}. It takes a connection of its own from the store's pool at its
     * first use and holds it until {@link #close}, so several syncs (workers) can write one store
     * at once.
     */
    public SyncStore(SessionStore store) {
        this(store, Clock.systemUTC());
    }

    SyncStore(SessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = store.database().workingConnection();
        }
        return connection;
    }

    /**
     * Replaces the held connection when it no longer works (the server restarted, a network cut it),
     * so a long-running sync outlives its database's restart: the batch that met the broken
     * connection fails (and is not acknowledged), the next one runs on a new connection.
     */
    private void replaceBrokenConnection() {
        if (connection == null) {
            return;
        }
        if (!StoreDatabase.works(connection)) {
            close();
        }
    }

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    public interface Work {
        void run() throws SQLException, StoreException;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    public void inTransaction(Work work) throws StoreException {
        replaceBrokenConnection();
        try {
            Connection connection = connection();
            touchedInTransaction.clear();
            lockedInTransaction.clear();
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | StoreException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                touchedInTransaction.clear();
                lockedInTransaction.clear();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("writing to " + store.location() + " failed: " + e.getMessage(), e);
        }
    }

    public StoreOutcome storeStart(SyncRecord.SessionStart start, byte[] record) throws SQLException {
        return storeKeyed("start", start.deviceId(), start.sessionId(), -1,
                "SELECT record_sha256 FROM sync_starts WHERE device_id = ? AND session_id = ?",
                "INSERT INTO sync_starts (device_id, session_id, received_at, record_sha256, record) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                SessionContentDigest.recordSha256Hex(record), record, null, null);
    }

    public StoreOutcome storeChunk(SyncRecord.SessionChunk chunk, byte[] record) throws SQLException {
        return storeKeyed("chunk", chunk.deviceId(), chunk.sessionId(), chunk.index(),
                "SELECT chunk_sha256 FROM sync_chunks WHERE device_id = ? AND session_id = ? AND chunk_index = ?",
                "INSERT INTO sync_chunks (device_id, session_id, chunk_index, received_at, chunk_sha256, record, "
                        + "upper_samples, lower_samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                chunk.sha256Hex(), record, null, chunk.samples());
    }

    public StoreOutcome storeEnd(SyncRecord.SessionEnd end, byte[] record) throws SQLException {
        return storeKeyed("end", end.deviceId(), end.sessionId(), -1,
                "SELECT record_sha256 FROM sync_ends WHERE device_id = ? AND session_id = ?",
                "INSERT INTO sync_ends (device_id, session_id, received_at, status, chunk_count, record_sha256, "
                        + "record) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                SessionContentDigest.recordSha256Hex(record), record, end, null);
    }

    /**
     * Inserts the record unless its key is taken (the common case costs one statement); a taken
     * key is a duplicate when the hash matches, else a conflict kept apart.
     */
    private StoreOutcome storeKeyed(String kind, String deviceId, String sessionId, int index, String select,
                                    String insert, String sha256, byte[] record, SyncRecord.SessionEnd end,
                                    ChunkSamples samples)
            throws SQLException {
        touchedInTransaction.add(deviceId + "/" + sessionId);
        PreparedStatement statement = prepared(insert);
        int parameter = 1;
        statement.setString(parameter++, deviceId);
        statement.setString(parameter++, sessionId);
        if (index >= 0) {
            statement.setInt(parameter++, index);
        }
        statement.setString(parameter++, Instant.now(clock).toString());
        if (end != null) {
            statement.setString(parameter++, end.status().label());
            statement.setInt(parameter++, end.chunkCount());
        }
        statement.setString(parameter++, sha256);
        statement.setBytes(parameter++, record);
        if (samples != null) {
            statement.setInt(parameter++, samples.sampleCount(SensorPosition.UPPER));
            statement.setInt(parameter, samples.sampleCount(SensorPosition.LOWER));
        }
        if (statement.executeUpdate() == 1) {
            return StoreOutcome.STORED;
        }
        PreparedStatement existing = prepared(select);
        existing.setString(1, deviceId);
        existing.setString(2, sessionId);
        if (index >= 0) {
            existing.setInt(3, index);
        }
        try (ResultSet row = existing.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the " + kind + " of " + deviceId + "/" + sessionId + " was neither inserted nor found");
            }
            {
                {
                    if (row.getString(1).equals(sha256)) {
                        return StoreOutcome.DUPLICATE;
                    }
                    try (PreparedStatement conflict = connection().prepareStatement("""
                            INSERT INTO sync_conflicts (device_id, session_id, kind, chunk_index, received_at,
                              record_sha256, record) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                        conflict.setString(1, deviceId);
                        conflict.setString(2, sessionId);
                        conflict.setString(3, kind);
                        conflict.setInt(4, index);
                        conflict.setString(5, Instant.now(clock).toString());
                        conflict.setString(6, sha256);
                        conflict.setBytes(7, record);
                        conflict.executeUpdate();
                    }
                    return StoreOutcome.CONFLICT;
                }
            }
        }
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection().prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Releases the statements kept for the receiving path; the store itself stays open. */
    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection releases it at the latest
            }
        }
        statements.clear();
        if (connection != null) {
            try {
                connection.close(); // back to the pool
            } catch (SQLException ignored) {
                // the pool replaces it
            }
            connection = null;
        }
    }

    /** Keeps a refused payload for inspection (once per distinct payload). */
    public void quarantine(String topic, String reason, byte[] payload) throws SQLException {
        byte[] kept = payload.length > QUARANTINE_KEEP_BYTES ? Arrays.copyOf(payload, QUARANTINE_KEEP_BYTES) : payload;
        try (PreparedStatement insert = connection().prepareStatement("""
                INSERT INTO quarantine (received_at, topic, reason, size, payload_sha256, payload)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            insert.setString(1, Instant.now(clock).toString());
            insert.setString(2, topic.length() > 512 ? topic.substring(0, 512) : topic);
            insert.setString(3, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            insert.setInt(4, payload.length);
            insert.setString(5, SessionStore.sha256Hex(payload));
            insert.setBytes(6, kept);
            insert.executeUpdate();
        }
    }

    /** What is stored of a session, as the acknowledgement says it. */
    public SyncRecord.Acknowledgement acknowledgement(String deviceId, String sessionId) throws SQLException {
        boolean start = exists("SELECT 1 FROM sync_starts WHERE device_id = ? AND session_id = ?", deviceId, sessionId);
        boolean end = exists("SELECT 1 FROM sync_ends WHERE device_id = ? AND session_id = ?", deviceId, sessionId);
        ChunkRanges.Builder chunks = new ChunkRanges.Builder();
        // once the end is known, only the session's own chunks: a stray one beyond it is not acknowledged
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT chunk_index FROM sync_chunks WHERE device_id = ? AND session_id = ? AND chunk_index < COALESCE("
                        + "(SELECT chunk_count FROM sync_ends WHERE device_id = ? AND session_id = ?), 2147483647) "
                        + "ORDER BY chunk_index")) {
            select.setString(1, deviceId);
            select.setString(2, sessionId);
            select.setString(3, deviceId);
            select.setString(4, sessionId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    chunks.add(rows.getInt(1));
                }
            }
        }
        // complete once assembled; its payload hash is the SessionContentDigest of what is stored
        byte[] content = new byte[0];
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT payload_sha256 FROM sessions WHERE device_id = ? AND session_id = ?")) {
            select.setString(1, deviceId);
            select.setString(2, sessionId);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    content = HexFormat.of().parseHex(row.getString(1));
                }
            }
        }
        boolean complete = content.length > 0;
        return new SyncRecord.Acknowledgement(deviceId, sessionId, start, end, chunks.build(), complete, content,
                new byte[0]);
    }

    /**
     * PostgreSQL: two workers that each store the last missing part of a session in their own
     * transaction would each miss the other's part. A lock per session (held until commit) orders
     * them, and the later one sees both. At the first assembly of a transaction it takes the locks of
     * every session the transaction stored records of, in one sorted sweep, so two transactions that
     * touched the same sessions in different orders queue instead of deadlocking.
     */
    private void lockForAssembly(String sessionKey) throws SQLException {
        if (lockedInTransaction.contains(sessionKey)) {
            return;
        }
        java.util.TreeSet<String> toLock = new java.util.TreeSet<>(touchedInTransaction);
        toLock.add(sessionKey);
        toLock.removeAll(lockedInTransaction);
        try (PreparedStatement lock = connection().prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            for (String key : toLock) {
                lock.setString(1, key);
                lock.executeQuery().close();
                lockedInTransaction.add(key);
            }
        }
    }

    /**
     * When start, end and chunks {@code 0 .. chunkCount-1} are all stored and the session is not
     * assembled yet: enters the session into the sessions table (summary
     * columns, repetitions) with its samples left in the sync records, where {@link #rebuild}
     * reads them. Its payload hash is the SHA-256 over the start's, every chunk's and the end's hash.
     *
     * @return whether the session was assembled now
     */
    public boolean assembleIfComplete(String deviceId, String sessionId) throws SQLException, StoreException {
        if (store.engine() == StoreEngine.POSTGRESQL) {
            lockForAssembly(deviceId + "/" + sessionId);
        }
        if (exists("SELECT 1 FROM sessions WHERE device_id = ? AND session_id = ?", deviceId, sessionId)) {
            return false;
        }
        // what fails here is about the records (each was valid alone), not the store: undo only this
        // session's part of the transaction and keep it as a conflict, so the rest of the batch goes on
        Savepoint before = connection().setSavepoint();
        try {
            boolean assembled = assemble(deviceId, sessionId);
            connection().releaseSavepoint(before);
            return assembled;
        } catch (StoreException | RuntimeException | SQLException cannotAssemble) {
            if (cannotAssemble instanceof SQLException failure && !store.engine().isAboutTheValues(failure)) {
                throw failure; // the disk, a lock: the whole transaction fails and nothing is acknowledged
            }
            connection().rollback(before);
            connection().releaseSavepoint(before);
            noteUnassembled(deviceId, sessionId, String.valueOf(cannotAssemble.getMessage()));
            return false;
        }
    }

    private void noteUnassembled(String deviceId, String sessionId, String reason) throws SQLException {
        try (PreparedStatement insert = connection().prepareStatement(
                "INSERT INTO sync_unassembled (device_id, session_id, noted_at, reason) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (device_id, session_id) DO UPDATE SET noted_at = excluded.noted_at, reason = excluded.reason")) {
            insert.setString(1, deviceId);
            insert.setString(2, sessionId);
            insert.setString(3, Instant.now(clock).toString());
            insert.setString(4, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            insert.executeUpdate();
        }
    }

    /** A session whose parts are all stored and each valid, but which could not be put together. */
    public record Unassembled(String deviceId, String sessionId, Instant notedAt, String reason) {
    }

    /** The sessions kept as conflicts because their parts do not make a session, oldest first. */
    public List<Unassembled> unassembled() throws StoreException {
        try (Statement statement = connection().createStatement();
             ResultSet rows = statement.executeQuery("SELECT device_id, session_id, noted_at, reason FROM sync_unassembled "
                     + "ORDER BY noted_at, device_id, session_id")) {
            List<Unassembled> sessions = new ArrayList<>();
            while (rows.next()) {
                sessions.add(new Unassembled(rows.getString(1), rows.getString(2), Instant.parse(rows.getString(3)),
                        rows.getString(4)));
            }
            return sessions;
        } catch (SQLException e) {
            throw new StoreException("reading " + store.location() + " failed: " + e.getMessage(), e);
        }
    }

    private boolean assemble(String deviceId, String sessionId) throws SQLException, StoreException {
        Optional<Stored> start = stored("SELECT record, record_sha256 FROM sync_starts WHERE device_id = ? AND session_id = ?",
                deviceId, sessionId);
        Optional<Stored> end = stored("SELECT record, record_sha256 FROM sync_ends WHERE device_id = ? AND session_id = ?",
                deviceId, sessionId);
        if (start.isEmpty() || end.isEmpty()) {
            return false;
        }
        SyncRecord.SessionStart startRecord = decode(start.get().record(), SyncRecord.SessionStart.class);
        SyncRecord.SessionEnd endRecord = decode(end.get().record(), SyncRecord.SessionEnd.class);
        if (!allChunksStored(deviceId, sessionId, endRecord.chunkCount())) {
            return false;
        }
        SessionContentDigest digest = SessionContentDigest.startingWithHex(start.get().sha256Hex());
        Map<SensorPosition, Integer> sampleCounts = new EnumMap<>(SensorPosition.class);
        boolean countsUnknown = false;
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT chunk_sha256, upper_samples, lower_samples FROM sync_chunks WHERE device_id = ? AND session_id = ? "
                        + "AND chunk_index < ? ORDER BY chunk_index")) {
            select.setString(1, deviceId);
            select.setString(2, sessionId);
            select.setInt(3, endRecord.chunkCount());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    digest.addHex(rows.getString(1));
                    countsUnknown |= rows.getInt(2) < 0 || rows.getInt(3) < 0;
                    sampleCounts.merge(SensorPosition.UPPER, rows.getInt(2), Integer::sum);
                    sampleCounts.merge(SensorPosition.LOWER, rows.getInt(3), Integer::sum);
                }
            }
        }
        if (countsUnknown) { // chunks stored before the counts were kept
            sampleCounts.clear();
            forEachChunk(deviceId, sessionId, endRecord.chunkCount(), (chunk, sha256Hex) -> {
                sampleCounts.merge(SensorPosition.UPPER, chunk.samples().sampleCount(SensorPosition.UPPER), Integer::sum);
                sampleCounts.merge(SensorPosition.LOWER, chunk.samples().sampleCount(SensorPosition.LOWER), Integer::sum);
            });
        }
        for (SensorPosition sensor : SensorPosition.values()) {
            if (sampleCounts.getOrDefault(sensor, 0) > 0 && !startRecord.sensors().contains(sensor)) {
                throw new StoreException("its chunks hold " + sensor.label() + " samples, but its start lists the sensors "
                        + startRecord.sensors());
            }
        }
        byte[] content = digest.endingWithHex(end.get().sha256Hex());
        RecordedSession session = withIdentity(startRecord, analysis(deviceId, sessionId, endRecord), List.of());
        store.storeInTransaction(connection(), session, sampleCounts.getOrDefault(SensorPosition.UPPER, 0),
                sampleCounts.getOrDefault(SensorPosition.LOWER, 0), PAYLOAD_IN_SYNC_RECORDS, new byte[0],
                HexFormat.of().formatHex(content), endRecord.status().label());
        try (PreparedStatement delete = connection().prepareStatement(
                "DELETE FROM sync_unassembled WHERE device_id = ? AND session_id = ?")) {
            delete.setString(1, deviceId);
            delete.setString(2, sessionId);
            delete.executeUpdate();
        }
        return true;
    }

    /** A session entered by {@link #assembleIfComplete}, with its samples put together from its chunks. */
    public RecordedSession rebuild(String deviceId, String sessionId) throws StoreException {
        try {
            Optional<Stored> start = stored("SELECT record, record_sha256 FROM sync_starts WHERE device_id = ? AND session_id = ?",
                    deviceId, sessionId);
            Optional<Stored> end = stored("SELECT record, record_sha256 FROM sync_ends WHERE device_id = ? AND session_id = ?",
                    deviceId, sessionId);
            if (start.isEmpty() || end.isEmpty()) {
                throw new StoreException("the sync records of " + deviceId + "/" + sessionId + " are missing from "
                        + store.location());
            }
            SyncRecord.SessionStart startRecord = decode(start.get().record(), SyncRecord.SessionStart.class);
            SyncRecord.SessionEnd endRecord = decode(end.get().record(), SyncRecord.SessionEnd.class);
            Map<SensorPosition, TrackBuilder> tracks = new EnumMap<>(SensorPosition.class);
            for (SensorPosition sensor : startRecord.sensors()) {
                tracks.put(sensor, new TrackBuilder());
            }
            forEachChunk(deviceId, sessionId, endRecord.chunkCount(), (chunk, sha256Hex) -> {
                for (ChunkSamples.Block block : chunk.samples().blocks()) {
                    tracks.computeIfAbsent(block.sensor(), sensor -> new TrackBuilder()).add(block);
                }
            });
            List<SensorTrack> built = new ArrayList<>();
            for (Map.Entry<SensorPosition, TrackBuilder> track : tracks.entrySet()) {
                built.add(track.getValue().build(track.getKey()));
            }
            return withIdentity(startRecord, analysis(deviceId, sessionId, endRecord), built);
        } catch (SQLException e) {
            throw new StoreException("reading the sync records of " + deviceId + "/" + sessionId + " from " + store.location()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether chunks {@code 0 .. chunkCount-1} are all stored; a stray chunk beyond the session's
     * end (never sent by the strap) neither counts nor blocks the session.
     */
    private boolean allChunksStored(String deviceId, String sessionId, int chunkCount) throws SQLException {
        try (PreparedStatement count = connection().prepareStatement(
                "SELECT COUNT(*) FROM sync_chunks WHERE device_id = ? AND session_id = ? AND chunk_index < ?")) {
            count.setString(1, deviceId);
            count.setString(2, sessionId);
            count.setInt(3, chunkCount);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1) == chunkCount; // indexes are unique and ≥ 0
            }
        }
    }

    @FunctionalInterface
    private interface ChunkVisitor {
        void visit(SyncRecord.SessionChunk chunk, String sha256Hex);
    }

    private void forEachChunk(String deviceId, String sessionId, int chunkCount, ChunkVisitor visitor)
            throws SQLException, StoreException {
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT record, chunk_sha256 FROM sync_chunks WHERE device_id = ? AND session_id = ? AND chunk_index < ? "
                        + "ORDER BY chunk_index")) {
            select.setString(1, deviceId);
            select.setString(2, sessionId);
            select.setInt(3, chunkCount);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    visitor.visit(decode(rows.getBytes(1), SyncRecord.SessionChunk.class), rows.getString(2));
                }
            }
        }
    }

    private static RecordedSession analysis(String deviceId, String sessionId, SyncRecord.SessionEnd end)
            throws StoreException {
        SessionDecodeResult analysisResult = SessionCodec.decode(end.analysis());
        if (analysisResult instanceof SessionDecodeResult.Decoded(RecordedSession analysis)) {
            return analysis;
        }
        throw new StoreException("the end record of " + deviceId + "/" + sessionId + " has an unreadable analysis: "
                + ((SessionDecodeResult.Rejected) analysisResult).reason());
    }

    private static RecordedSession withIdentity(SyncRecord.SessionStart start, RecordedSession analysis,
                                                List<SensorTrack> tracks) {
        return new RecordedSession(start.deviceId(), start.sessionId(), start.startedAt(), start.hardware(),
                start.sampleRateHz(), tracks, analysis.pacerCues(), analysis.repetitions(), analysis.summary(),
                analysis.gaps(), analysis.holds(), analysis.breath(), analysis.tempo(), analysis.guided());
    }

    private record Stored(byte[] record, String sha256Hex) {
    }

    private Optional<Stored> stored(String sql, String deviceId, String sessionId) throws SQLException {
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            select.setString(1, deviceId);
            select.setString(2, sessionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Stored(row.getBytes(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    /** Notes that a complete acknowledgement of the session is retained on the broker. */
    public void noteRetainedAcknowledgement(String deviceId, String sessionId) throws SQLException {
        try (PreparedStatement insert = connection().prepareStatement(
                "INSERT INTO sync_acked (device_id, session_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, deviceId);
            insert.setString(2, sessionId);
            insert.executeUpdate();
        }
    }

    /** The sessions of a device whose complete acknowledgement is retained on the broker. */
    public List<String> retainedAcknowledgements(String deviceId) throws SQLException {
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT session_id FROM sync_acked WHERE device_id = ? ORDER BY session_id")) {
            select.setString(1, deviceId);
            try (ResultSet rows = select.executeQuery()) {
                List<String> sessions = new ArrayList<>();
                while (rows.next()) {
                    sessions.add(rows.getString(1));
                }
                return sessions;
            }
        }
    }

    /** Notes that the session's retained acknowledgement was cleared (the device let the session go). */
    public void forgetRetainedAcknowledgement(String deviceId, String sessionId) throws SQLException {
        try (PreparedStatement delete = connection().prepareStatement(
                "DELETE FROM sync_acked WHERE device_id = ? AND session_id = ?")) {
            delete.setString(1, deviceId);
            delete.setString(2, sessionId);
            delete.executeUpdate();
        }
    }

    /** Sessions of a device that are assembled. */
    public boolean isAssembled(String deviceId, String sessionId) throws SQLException {
        return exists("SELECT 1 FROM sessions WHERE device_id = ? AND session_id = ?", deviceId, sessionId);
    }

    /** How many refused payloads are kept. */
    public int quarantineCount() throws StoreException {
        return count("SELECT COUNT(*) FROM quarantine");
    }

    /** How many records arrived under a stored key with different bytes. */
    public int conflictCount() throws StoreException {
        return count("SELECT COUNT(*) FROM sync_conflicts");
    }

    /** The quarantined payloads' reasons, oldest first. */
    public List<String> quarantineReasons() throws StoreException {
        try (Statement statement = connection().createStatement();
             ResultSet rows = statement.executeQuery("SELECT topic, reason FROM quarantine ORDER BY "
                     + store.engine().quarantineArrivalOrder())) {
            List<String> reasons = new ArrayList<>();
            while (rows.next()) {
                reasons.add(rows.getString(1) + ": " + rows.getString(2));
            }
            return reasons;
        } catch (SQLException e) {
            throw new StoreException("reading " + store.location() + " failed: " + e.getMessage(), e);
        }
    }

    private int count(String sql) throws StoreException {
        try (Statement statement = connection().createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("reading " + store.location() + " failed: " + e.getMessage(), e);
        }
    }

    private boolean exists(String sql, String deviceId, String sessionId) throws SQLException {
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            select.setString(1, deviceId);
            select.setString(2, sessionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static <T extends SyncRecord> T decode(byte[] bytes, Class<T> kind) throws StoreException {
        SyncDecodeResult decoded = SyncCodec.decode(bytes);
        if (decoded instanceof SyncDecodeResult.Decoded(SyncRecord record) && kind.isInstance(record)) {
            return kind.cast(record);
        }
        throw new StoreException("a stored " + kind.getSimpleName() + " record cannot be read: " + decoded);
    }

    private static final class TrackBuilder {
        private double[] times = new double[1024];
        private float[] gyroscope = new float[3072];
        private float[] accelerometer = new float[3072];
        private int count;

        void add(ChunkSamples.Block block) {
            int n = block.sampleCount();
            while (count + n > times.length) {
                times = Arrays.copyOf(times, 2 * times.length);
                gyroscope = Arrays.copyOf(gyroscope, 2 * gyroscope.length);
                accelerometer = Arrays.copyOf(accelerometer, 2 * accelerometer.length);
            }
            System.arraycopy(block.timeSeconds(), 0, times, count, n);
            System.arraycopy(block.gyroscopeRadiansPerSecond(), 0, gyroscope, 3 * count, 3 * n);
            System.arraycopy(block.accelerometerMetersPerSecondSquared(), 0, accelerometer, 3 * count, 3 * n);
            count += n;
        }

        SensorTrack build(SensorPosition sensor) {
            return new SensorTrack(sensor, Arrays.copyOf(times, count), Arrays.copyOf(gyroscope, 3 * count),
                    Arrays.copyOf(accelerometer, 3 * count));
        }
    }
}
