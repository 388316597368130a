// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.sync;

import java.sql.SQLException;

/**
 * Whether a failed commit failed only because another writer was in the way, so the same batch may
 * simply be tried again: SQLite's "database is locked" or "busy" (several workers on one store file
 * wait for each other up to the busy timeout), PostgreSQL's serialization failure or deadlock
 * (SQLSTATE class 40). Anything else (a refused record, a full disk) is not retried.
 */
final class TransientStoreFailure {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private TransientStoreFailure() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                int primary = sql.getErrorCode() & 0xFF;
                String state = sql.getSQLState();
                if ((isSqlite(sql) && (primary == SQLITE_BUSY || primary == SQLITE_LOCKED))
                        || (state != null && state.startsWith("40"))) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean isSqlite(SQLException failure) {
        return failure.getClass().getName().startsWith("org.sqlite.");
    }
}
