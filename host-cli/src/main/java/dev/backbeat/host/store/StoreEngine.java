// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The database engines a store runs on, and the few places where their SQL differs: the names of
 * two column types and a table option in the one schema definition (Flyway placeholders in
 * {@code db/store/common}), the order quarantined payloads arrived in, and which failures are
 * about the values a statement carried rather than about the database.
 */
public enum StoreEngine {

    /** One file on the laptop ({@value SessionStore#FILE_NAME} in the store directory). */
    SQLITE(List.of("classpath:db/store/common"), Map.of(
            "double", "REAL", // SQLite's REAL is an 8-byte float
            "bytes", "BLOB",
            "withoutRowid", "WITHOUT ROWID",
            "quarantineArrivalColumn", ""),
            "rowid", 4),

    /** A clinic's server: the common schema, then the clinic's roles and row-level security. */
    POSTGRESQL(List.of("classpath:db/store/common", "classpath:db/store/postgresql"), Map.of(
            "double", "DOUBLE PRECISION", // PostgreSQL's REAL is a 4-byte float
            "bytes", "BYTEA",
            "withoutRowid", "",
            "quarantineArrivalColumn", "arrival BIGINT GENERATED ALWAYS AS IDENTITY,"),
            "arrival", 5);

    private final List<String> migrationLocations;
    private final Map<String, String> schemaPlaceholders;
    private final String quarantineArrivalOrder;
    private final int schemaVersion;

    StoreEngine(List<String> migrationLocations, Map<String, String> schemaPlaceholders, String quarantineArrivalOrder,
                int schemaVersion) {
        this.migrationLocations = migrationLocations;
        this.schemaPlaceholders = schemaPlaceholders;
        this.quarantineArrivalOrder = quarantineArrivalOrder;
        this.schemaVersion = schemaVersion;
    }

    /**
     * The newest schema version of this engine's migrations, as {@code store_info} records it:
     * 4 on SQLite; 5 on PostgreSQL, whose version 5 adds the clinic's roles and row-level security.
     */
    int schemaVersion() {
        return schemaVersion;
    }

    /** Where Flyway finds this engine's migrations (the common ones first). */
    List<String> migrationLocations() {
        return migrationLocations;
    }

    /** The values of the placeholders in the common schema definition. */
    Map<String, String> schemaPlaceholders() {
        return schemaPlaceholders;
    }

    /** The literal of a true boolean column (SQLite stores Flyway's booleans as 1). */
    String sqlTrue() {
        return this == SQLITE ? "1" : "TRUE";
    }

    /** An ORDER BY expression listing quarantined payloads in the order they arrived. */
    String quarantineArrivalOrder() {
        return quarantineArrivalOrder;
    }

    /**
     * Whether a failed statement was refused for the values it carried (a constraint, a type, a
     * size) rather than for the store's state (I/O, a full disk, a lock, a lost connection), which
     * would fail any other session too.
     */
    boolean isAboutTheValues(SQLException failure) {
        return switch (this) {
            case SQLITE -> {
                int primary = failure.getErrorCode() & 0xFF;
                yield primary == 19 /* SQLITE_CONSTRAINT */ || primary == 20 /* SQLITE_MISMATCH */
                        || primary == 18 /* SQLITE_TOOBIG */ || primary == 25 /* SQLITE_RANGE */;
            }
            case POSTGRESQL -> {
                String state = String.valueOf(failure.getSQLState());
                // class 22: data exception (a value out of range, bad encoding); class 23: integrity constraint
                yield state.startsWith("22") || state.startsWith("23");
            }
        };
    }
}
