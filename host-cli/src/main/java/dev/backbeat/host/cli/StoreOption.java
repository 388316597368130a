// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --store DIR} option shared by the commands that read or write sessions. */
final class StoreOption {

    @Option(names = "--store", paramLabel = "DIR",
            description = "Session store directory (must exist). Default: $BACKBEAT_HOME, else ~/.local/share/backbeat (created if missing).")
    Path storeDirectory;

    /** The directory in use: --store, else $BACKBEAT_HOME, else ~/.local/share/backbeat. */
    Path directory() {
        if (storeDirectory != null) {
            return storeDirectory;
        }
        return defaultHome();
    }

    static Path defaultHome() {
        String home = System.getenv("BACKBEAT_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "backbeat");
    }

    /** Opens the store; the default location is created when missing, a named one must exist. */
    SessionStore open() throws StoreException {
        return SessionStore.open(directory(), storeDirectory == null);
    }

    /** Opens the store for a command that only reads it: a store this user cannot write is read read-only. */
    SessionStore openForReading() throws StoreException {
        return SessionStore.openForReading(directory(), storeDirectory == null);
    }
}
