// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import dev.backbeat.host.store.StoreLocation;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --store DIR|postgresql://HOST[:PORT]/DB} option shared by the commands that read or write sessions. */
final class StoreOption {

    @Option(names = "--store", paramLabel = "DIR|postgresql://HOST[:PORT]/DB[?user=ROLE]",
            description = {"Session store: a directory (must exist; SQLite file backbeat.db), or a PostgreSQL database "
                    + "(a clinic's; the role from ?user=, else PGUSER, else the login name; the password from PGPASSWORD, "
                    + "else ~/.pgpass or PGPASSFILE, never in the URI; TLS as libpq: &sslmode=verify-full&sslrootcert=CA.crt, "
                    + "else PGSSLMODE and PGSSLROOTCERT, else sslmode prefer).",
                    "Default: $BACKBEAT_HOME, else ~/.local/share/backbeat (created if missing)."})
    String store;

    /** The store in use: --store, else $BACKBEAT_HOME, else ~/.local/share/backbeat. */
    StoreLocation location() throws StoreException {
        return location(System.getenv());
    }

    StoreLocation location(Map<String, String> environment) throws StoreException {
        if (store == null) {
            return new StoreLocation.SqliteDirectory(defaultHome(), true);
        }
        try {
            return StoreLocation.of(store, environment);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    static Path defaultHome() {
        String home = System.getenv("BACKBEAT_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "backbeat");
    }

    /** Opens the store; the default location is created when missing, a named directory must exist. */
    SessionStore open() throws StoreException {
        return SessionStore.open(location());
    }

    /** Opens the store for a command that only reads it: a store this user cannot write is read read-only. */
    SessionStore openForReading() throws StoreException {
        return SessionStore.openForReading(location());
    }
}
