// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import dev.backbeat.host.testing.PostgresqlServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * The store suite on PostgreSQL: a real server ({@link PostgresqlServer}), a new database per test,
 * reached as {@code backbeat --store postgresql://...} reaches it (the URI, PGPASSWORD).
 */
class PostgresqlSessionStoreSuiteTest extends SessionStoreSuite {

    private StoreLocation location;

    @BeforeEach
    void createDatabase(TestInfo test) throws Exception {
        PostgresqlServer server = PostgresqlServer.get();
        String database = server.createDatabase("suite");
        location = StoreLocation.of(server.storeUri(database, PostgresqlServer.ADMIN_ROLE),
                Map.of("PGPASSWORD", PostgresqlServer.ADMIN_PASSWORD));
    }

    @Override
    SessionStore openStore() throws Exception {
        return SessionStore.open(location);
    }
}
