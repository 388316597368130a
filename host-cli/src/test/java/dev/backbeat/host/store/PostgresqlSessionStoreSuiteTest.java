// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.host.testing.PostgresqlServer;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The store suite on PostgreSQL: a real server ({@link PostgresqlServer}), a new database per test,
 * reached as {@code backbeat --store postgresql://...} reaches it (the URI, PGPASSWORD).
 */
class PostgresqlSessionStoreSuiteTest extends SessionStoreSuite {

    private StoreLocation location;
    private String database;

    @BeforeEach
    void createDatabase(TestInfo test) throws Exception {
        PostgresqlServer server = PostgresqlServer.get();
        database = server.createDatabase("suite");
        location = StoreLocation.of(server.storeUri(database, PostgresqlServer.ADMIN_ROLE),
                Map.of("PGPASSWORD", PostgresqlServer.ADMIN_PASSWORD));
    }

    @Override
    SessionStore openStore() throws Exception {
        return SessionStore.open(location);
    }

    @Test
    void inTransaction_afterTheServerDroppedTheSyncsConnection_runsOnANewOne() throws Exception {
        try (SessionStore store = openStore(); SyncStore sync = new SyncStore(store)) {
            SyncRecord.SessionStart first = start("s1", List.of(SensorPosition.UPPER));
            sync.inTransaction(() -> sync.storeStart(first, SyncCodec.encode(first)));
            try (Connection admin = PostgresqlServer.get().adminConnection(database);
                 Statement statement = admin.createStatement()) {
                // what a restart of the server does to every connection
                statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid()").close();
                for (int waited = 0; waited < 100 && otherBackends(statement) > 0; waited++) {
                    Thread.sleep(50); // the backends end shortly after the signal
                }
                assertEquals(0, otherBackends(statement));
            }
            SyncRecord.SessionStart second = start("s2", List.of(SensorPosition.UPPER));
            StoreOutcome[] outcome = new StoreOutcome[1];
            sync.inTransaction(() -> outcome[0] = sync.storeStart(second, SyncCodec.encode(second)));
            assertEquals(StoreOutcome.STORED, outcome[0]);
            assertTrue(sync.acknowledgement(DEVICE, "s1").startStored());
            assertTrue(sync.acknowledgement(DEVICE, "s2").startStored());
        }
    }

    private static int otherBackends(Statement statement) throws java.sql.SQLException {
        try (java.sql.ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
