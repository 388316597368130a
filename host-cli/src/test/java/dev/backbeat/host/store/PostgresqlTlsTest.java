// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.host.pairing.HostAuthority;
import dev.backbeat.host.testing.PostgresqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clinic's store over TLS: the real server ({@link PostgresqlServer} offers TLS with a certificate
 * of its own CA), reached as {@code --store postgresql://...&sslmode=...} reaches it; whether the
 * session really is encrypted is read from the server's own {@code pg_stat_ssl}.
 */
class PostgresqlTlsTest {

    @TempDir
    Path temporary;

    @Test
    void open_verifyFullWithTheServersCa_connectsOverTls() throws Exception {
        PostgresqlServer server = PostgresqlServer.get();
        String uri = server.storeUri(server.createDatabase("tls"), PostgresqlServer.ADMIN_ROLE)
                + "&sslmode=verify-full&sslrootcert=" + server.certificateAuthority();
        try (SessionStore store = SessionStore.open(StoreLocation.of(uri, adminPassword()))) {
            assertTrue(encrypted(store), "the store's connection is not encrypted");
        }
    }

    @Test
    void open_sslModeDisable_connectsWithoutTls() throws Exception {
        PostgresqlServer server = PostgresqlServer.get();
        String uri = server.storeUri(server.createDatabase("plain"), PostgresqlServer.ADMIN_ROLE) + "&sslmode=disable";
        try (SessionStore store = SessionStore.open(StoreLocation.of(uri, adminPassword()))) {
            assertEquals(false, encrypted(store));
        }
    }

    @Test
    void open_verifyFullWithAnotherCa_isRefusedBeforeAnythingIsSent() throws Exception {
        PostgresqlServer server = PostgresqlServer.get();
        Instant now = Instant.now();
        HostAuthority.Issued foreign = HostAuthority.createCa("Some other CA", now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(1)));
        Path foreignCa = Files.writeString(temporary.resolve("other-ca.crt"),
                HostAuthority.pem("CERTIFICATE", foreign.certificate().getEncoded()));
        String uri = server.storeUri(server.createDatabase("foreign"), PostgresqlServer.ADMIN_ROLE)
                + "&sslmode=verify-full&sslrootcert=" + foreignCa;
        StoreException refused = assertThrows(StoreException.class,
                () -> SessionStore.open(StoreLocation.of(uri, adminPassword())).close());
        assertTrue(refused.getMessage().startsWith("cannot open store postgresql://127.0.0.1:"), refused.getMessage());
        assertTrue(refused.getMessage().contains("unable to find valid certification path"), refused.getMessage());
    }

    @Test
    void open_verifyFullToAHostTheCertificateDoesNotName_isRefused() throws Exception {
        PostgresqlServer server = PostgresqlServer.get();
        // the server listens on 127.0.0.2 as well (all of 127/8 is loopback), its certificate names only 127.0.0.1 and localhost
        String uri = server.storeUri(server.createDatabase("wronghost"), PostgresqlServer.ADMIN_ROLE)
                .replace("postgresql://127.0.0.1:", "postgresql://127.0.0.2:")
                + "&sslmode=verify-full&sslrootcert=" + server.certificateAuthority();
        StoreException refused = assertThrows(StoreException.class,
                () -> SessionStore.open(StoreLocation.of(uri, adminPassword())).close());
        assertTrue(refused.getMessage().startsWith("cannot open store postgresql://127.0.0.2:"), refused.getMessage());
        assertTrue(refused.getMessage().contains("hostname 127.0.0.2 could not be verified"), refused.getMessage());
    }

    private static Map<String, String> adminPassword() {
        return PostgresqlServer.passwordEnvironment(PostgresqlServer.ADMIN_PASSWORD);
    }

    private static boolean encrypted(SessionStore store) throws Exception {
        try (Connection connection = store.database().connection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
