// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store suite on SQLite: a real file in a temporary store directory. */
class SqliteSessionStoreSuiteTest extends SessionStoreSuite {

    @TempDir
    Path directory;

    @Override
    SessionStore openStore() throws Exception {
        return SessionStore.open(directory, false);
    }
}
