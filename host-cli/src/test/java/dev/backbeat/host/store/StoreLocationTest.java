// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLocationTest {

    @Test
    void of_directory_isAnSqliteStoreThatMustExist() {
        assertEquals(new StoreLocation.SqliteDirectory(Path.of("/srv/backbeat"), false),
                StoreLocation.of("/srv/backbeat", Map.of()));
    }

    @Test
    void of_postgresqlUriWithUserParameter_takesHostPortDatabaseAndRole() {
        StoreLocation.PostgresqlDatabase database = (StoreLocation.PostgresqlDatabase) StoreLocation.of(
                "postgresql://db.clinic.example:6543/backbeat?user=anna", Map.of("PGUSER", "ignored"));
        assertEquals(new StoreLocation.PostgresqlDatabase("db.clinic.example", 6543, "backbeat", "anna", Optional.empty()),
                database);
        assertEquals("jdbc:postgresql://db.clinic.example:6543/backbeat", database.jdbcUrl());
    }

    @Test
    void of_postgresqlUriWithoutUser_takesPgUserAndPgPasswordAndTheDefaultPort() {
        StoreLocation.PostgresqlDatabase database = (StoreLocation.PostgresqlDatabase) StoreLocation.of(
                "postgresql://localhost/clinic", Map.of("PGUSER", "worker1", "PGPASSWORD", "s3cret"));
        assertEquals("worker1", database.user());
        assertEquals(5432, database.port());
        assertEquals(Optional.of("s3cret"), database.password());
    }

    @Test
    void toString_postgresqlDatabaseWithPassword_neverShowsIt() {
        StoreLocation database = StoreLocation.of("postgresql://u@localhost/clinic", Map.of("PGPASSWORD", "s3cret"));
        assertEquals("postgresql://localhost:5432/clinic as u", database.toString());
        assertEquals("postgresql://localhost:5432/clinic as u", database.describe());
    }

    @Test
    void of_passwordInTheUri_isRefusedWithoutEchoingIt() {
        for (String uri : new String[] {"postgresql://anna:s3cret@localhost/clinic",
                "postgresql://localhost/clinic?user=anna&password=s3cret"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> StoreLocation.of(uri, Map.of()));
            assertTrue(refused.getMessage().contains("holds a password: give it in PGPASSWORD"), refused.getMessage());
            assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
        }
    }

    @Test
    void of_postgresqlUriWithoutDatabase_namesWhatIsMissing() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreLocation.of("postgresql://localhost", Map.of()));
        assertEquals("--store postgresql://localhost names no database: write postgresql://HOST[:PORT]/DATABASE",
                refused.getMessage());
    }

    @Test
    void of_unknownParameter_isRefusedNamingTheKnownOnes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreLocation.of("postgresql://localhost/clinic?ssl=true", Map.of()));
        assertTrue(refused.getMessage().contains("unknown parameter 'ssl' (known: user=ROLE, sslmode=MODE, sslrootcert=FILE)"),
                refused.getMessage());
    }

    @Test
    void of_noTlsSettings_prefersTlsAsLibpqDoes() {
        StoreLocation.PostgresqlDatabase database = (StoreLocation.PostgresqlDatabase) StoreLocation.of(
                "postgresql://localhost/clinic", Map.of());
        assertEquals(StoreLocation.PostgresqlSslMode.PREFER, database.sslMode());
        assertEquals(Optional.empty(), database.sslRootCertificate());
    }

    @Test
    void of_sslModeAndRootCertificateInTheUri_takesThemOverTheEnvironment(@TempDir Path directory) throws Exception {
        Path ca = Files.writeString(directory.resolve("clinic-ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        StoreLocation.PostgresqlDatabase database = (StoreLocation.PostgresqlDatabase) StoreLocation.of(
                "postgresql://db.clinic.lan/clinic?user=anna&sslmode=verify-full&sslrootcert=" + ca,
                Map.of("PGSSLMODE", "disable", "PGSSLROOTCERT", "/nonexistent/ca.crt"));
        assertEquals(StoreLocation.PostgresqlSslMode.VERIFY_FULL, database.sslMode());
        assertEquals(Optional.of(ca), database.sslRootCertificate());
    }

    @Test
    void of_pgSslModeInTheEnvironment_isUsedWhenTheUriNamesNone() {
        StoreLocation.PostgresqlDatabase database = (StoreLocation.PostgresqlDatabase) StoreLocation.of(
                "postgresql://localhost/clinic", Map.of("PGSSLMODE", "require"));
        assertEquals(StoreLocation.PostgresqlSslMode.REQUIRE, database.sslMode());
    }

    @Test
    void of_pgSslRootCertInTheEnvironment_mattersOnlyWhenTheCertificateIsChecked() {
        Map<String, String> staleVariable = Map.of("PGSSLROOTCERT", "/nonexistent/ca.crt");
        StoreLocation.PostgresqlDatabase preferring = (StoreLocation.PostgresqlDatabase) StoreLocation.of(
                "postgresql://localhost/clinic", staleVariable);
        assertEquals(Optional.empty(), preferring.sslRootCertificate());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreLocation.of("postgresql://localhost/clinic?sslmode=verify-ca", staleVariable));
        assertTrue(refused.getMessage().contains("PGSSLROOTCERT /nonexistent/ca.crt is not a readable file"),
                refused.getMessage());
    }

    @Test
    void of_unknownSslModeInTheEnvironment_namesTheVariable() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreLocation.of("postgresql://localhost/clinic", Map.of("PGSSLMODE", "on")));
        assertTrue(refused.getMessage().contains("PGSSLMODE 'on' is not one of"), refused.getMessage());
    }

    @Test
    void of_unknownSslMode_isRefusedNamingTheModes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreLocation.of("postgresql://localhost/clinic?sslmode=strict", Map.of()));
        assertEquals("--store postgresql://localhost/clinic?sslmode=strict: sslmode 'strict' is not one of disable, "
                + "allow, prefer, require, verify-ca, verify-full", refused.getMessage());
    }

    @Test
    void of_missingRootCertificate_isRefusedNamingTheFile() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreLocation.of("postgresql://localhost/clinic?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt",
                        Map.of()));
        assertTrue(refused.getMessage().contains("sslrootcert /nonexistent/ca.crt is not a readable file"),
                refused.getMessage());
    }
}
