// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * A store's database: its engine, a pool of connections (HikariCP) and its schema, migrated by
 * Flyway from the one definition in {@code db/store} ({@link StoreEngine} names the few words that
 * differ between the engines).
 */
final class StoreDatabase implements AutoCloseable {

    /**
     * Connections a process keeps at most: a sync holds one for as long as it runs, a command's
     * read borrows one. Raising it lets more syncs run in one process. Default 4.
     */
    static final int POOL_SIZE_MAX = 4;
    /**
     * How long a command waits for the server to accept a connection, and for a free connection of
     * the pool, ms. A refused connection or password fails at once. Default 10 000.
     */
    static final long CONNECTION_TIMEOUT_MILLIS = 10_000;
    /** How long an SQLite statement waits for another process's write lock, ms. Default 5 000. */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 5_000;

    private final StoreEngine engine;
    private final HikariDataSource pool;
    private final String description;

    private StoreDatabase(StoreEngine engine, HikariDataSource pool, String description) {
        this.engine = engine;
        this.pool = pool;
        this.description = description;
    }

    /**
     * Opens a pool on an SQLite file: WAL journal, {@code synchronous=FULL}, foreign keys, and
     * transactions that take the write lock when they begin (so two writers queue instead of one
     * failing on a lock it cannot upgrade).
     *
     * @param readOnlyUri null for a writable store; else the {@code file:} URI to open read-only
     */
    static StoreDatabase sqlite(Path file, String readOnlyUri) throws StoreException {
        HikariConfig config = baseConfig("backbeat-store-sqlite");
        if (readOnlyUri == null) {
            config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            config.setJdbcUrl("jdbc:sqlite:" + readOnlyUri);
            config.setConnectionInitSql("PRAGMA query_only=ON");
        }
        config.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MILLIS));
        // A connection's first statements (the WAL journal mode above) can meet another process's
        // lock before its busy timeout applies: two `sync --share` workers starting on a new store at
        // once. Such a refusal is tried again for as long as a statement would wait for the lock.
        long deadline = System.nanoTime() + SQLITE_BUSY_TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            try {
                return open(StoreEngine.SQLITE, config, file.toString());
            } catch (StoreException refused) {
                if (!String.valueOf(refused.getMessage()).contains("SQLITE_BUSY") || System.nanoTime() > deadline) {
                    throw refused;
                }
                try {
                    Thread.sleep(SQLITE_OPEN_RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw refused;
                }
            }
        }
    }

    /** Pause between two attempts to open an SQLite store another process holds locked, ms. */
    private static final long SQLITE_OPEN_RETRY_MILLIS = 50;

    /** Opens a pool on a PostgreSQL database, authenticated as the location's role. */
    static StoreDatabase postgresql(StoreLocation.PostgresqlDatabase database) throws StoreException {
        HikariConfig config = baseConfig("backbeat-store-postgresql");
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        database.password().ifPresent(config::setPassword);
        config.addDataSourceProperty("ApplicationName", "backbeat");
        database.tlsProperties().forEach((name, value) -> config.addDataSourceProperty((String) name, value));
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECTION_TIMEOUT_MILLIS / 1000)); // s
        return open(StoreEngine.POSTGRESQL, config, database.describe());
    }

    private static HikariConfig baseConfig(String poolName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setMaximumPoolSize(POOL_SIZE_MAX);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setInitializationFailTimeout(1); // one attempt: a wrong password is not retried for seconds
        return config;
    }

    private static StoreDatabase open(StoreEngine engine, HikariConfig config, String description) throws StoreException {
        try {
            return new StoreDatabase(engine, new HikariDataSource(config), description);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException("cannot open store " + description + ": " + cause.getMessage(), e);
        }
    }

    StoreEngine engine() {
        return engine;
    }

    /** The store as messages name it: the SQLite file, or the PostgreSQL database and role. */
    String description() {
        return description;
    }

    /** How long a check waits to learn whether a connection still works, s. Default 2. */
    static final int CONNECTION_CHECK_SECONDS = 2;

    /** A connection from the pool, in auto-commit; closing it gives it back. */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * A connection from the pool that was just seen to work, for one held a long time (a sync's):
     * the pool hands out a connection used less than half a second ago unchecked, and after the
     * server restarted all of them are broken.
     */
    Connection workingConnection() throws SQLException {
        for (int attempt = 0; attempt < POOL_SIZE_MAX; attempt++) {
            Connection connection = pool.getConnection();
            if (works(connection)) {
                return connection;
            }
            pool.evictConnection(connection);
        }
        return pool.getConnection();
    }

    /** Whether the connection still reaches the database (a round trip, at most {@link #CONNECTION_CHECK_SECONDS}). */
    static boolean works(Connection connection) {
        try {
            return connection.isValid(CONNECTION_CHECK_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Brings the schema to this version's: applies what Flyway has not applied yet. A store made
     * before the schema was kept by Flyway (its {@code store_info} says version {@code existingVersion})
     * is taken as it is at that version (Flyway's baseline) and only the later migrations run.
     *
     * @param existingVersion the version a store without Flyway's history is at; 0 for a new store
     */
    void migrate(int existingVersion) throws StoreException {
        if (isUpToDate()) {
            return; // the common case: no need to start Flyway (about a second of a command's start)
        }
        try {
            flyway(existingVersion).migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot bring store " + description + " to schema version "
                    + engine.schemaVersion() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * For a reader that does not migrate: refuses a store whose schema is behind this version's
     * (its owner must open it once, e.g. with {@code backbeat clinic init}).
     */
    void checkMigrated() throws StoreException {
        if (isUpToDate()) {
            return;
        }
        MigrationInfo[] pending;
        try {
            pending = flyway(0).info().pending();
        } catch (FlywayException e) {
            throw new StoreException("cannot read the schema of store " + description + ": " + firstLine(e.getMessage()), e);
        }
        if (pending.length > 0) {
            throw new StoreException("store " + description + " lacks schema version " + pending[0].getVersion()
                    + " (" + pending[0].getDescription() + "): its owner must upgrade it first ('backbeat clinic init')");
        }
    }

    /**
     * Whether Flyway keeps this store's schema and has brought it to this version's
     * ({@code store_info} says {@link StoreEngine#schemaVersion}; every migration sets it last, in
     * its own transaction). Checked with two small queries, so an up-to-date store opens without
     * Flyway; anything else (a new store, an older one, one without Flyway's history) goes to Flyway.
     */
    private boolean isUpToDate() {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            try (ResultSet version = statement.executeQuery("SELECT value FROM store_info WHERE key = 'schema_version'")) {
                if (!version.next() || !String.valueOf(engine.schemaVersion()).equals(version.getString(1))) {
                    return false;
                }
            }
            try (ResultSet history = statement.executeQuery(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE success = " + engine.sqlTrue())) {
                return history.next() && history.getInt(1) > 0;
            }
        } catch (SQLException absent) {
            return false; // no such table: a new store, or one from before Flyway
        }
    }

    private Flyway flyway(int existingVersion) {
        return Flyway.configure(StoreDatabase.class.getClassLoader())
                .dataSource(pool)
                .locations(engine.migrationLocations().toArray(String[]::new))
                .placeholders(engine.schemaPlaceholders())
                .baselineOnMigrate(existingVersion > 0)
                .baselineVersion(String.valueOf(Math.max(1, existingVersion)))
                .baselineDescription("store made before Flyway kept its schema")
                .load();
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public void close() {
        pool.close();
    }
}
