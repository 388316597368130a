// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import dev.backbeat.host.store.StoreLocation;
import dev.backbeat.host.testing.PostgresqlServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Who sees what in a clinic's PostgreSQL store, through the commands people run: the owner sets
 * up roles and assignments with {@code backbeat clinic}, a sync worker's role stores every strap's
 * sessions, and each physiotherapist's {@code backbeat sessions} and {@code backbeat show} see only
 * the sessions of the straps assigned to them (row-level security on a real server). Passwords come
 * from a password file ({@code ~/.pgpass} format) as a person would keep them.
 */
class ClinicAccessTest {

    private static final String PASSWORD_FILE_PROPERTY = "org.postgresql.pgpassfile"; // the driver's PGPASSFILE

    @TempDir
    Path directory;

    private PostgresqlServer server;
    private String database;
    private String suffix;

    @BeforeEach
    void createClinic() throws Exception {
        server = PostgresqlServer.get();
        database = server.createDatabase("clinic");
        suffix = database.substring(database.lastIndexOf('_') + 1);
        Path passwordFile = directory.resolve("pgpass");
        Files.writeString(passwordFile, String.join("\n",
                line(PostgresqlServer.ADMIN_ROLE, PostgresqlServer.ADMIN_PASSWORD),
                line(role("anna"), "anna-secret"), line(role("ben"), "ben-secret"), line(role("cleo"), "cleo-secret"),
                line(role("worker"), "worker-secret")) + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        System.setProperty(PASSWORD_FILE_PROPERTY, passwordFile.toString());
    }

    @AfterEach
    void forgetPasswordFile() {
        System.clearProperty(PASSWORD_FILE_PROPERTY);
    }

    private String line(String role, String password) {
        return "127.0.0.1:" + server.port() + ":" + database + ":" + role + ":" + password;
    }

    /** Roles are the server's: each test's are its own. */
    private String role(String name) {
        return name + "_" + suffix;
    }

    private String store(String role) {
        return server.storeUri(database, role);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run backbeat(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Path passwordFile(String name, String password) throws Exception {
        Path file = directory.resolve(name + ".password");
        Files.writeString(file, password + "\n");
        return file;
    }

    private static RecordedSession session(String deviceId, String sessionId) {
        RecordedSession template = dev.backbeat.host.store.SessionStoreTestSupport.session(sessionId);
        return new RecordedSession(deviceId, sessionId, template.startedAt(), template.hardware(),
                template.sampleRateHz(), template.tracks(), template.pacerCues(), template.repetitions(),
                template.summary());
    }

    /** The owner sets up the clinic; the worker stores one session of strap-a and one of strap-b. */
    private void setUpClinic() throws Exception {
        String admin = store(PostgresqlServer.ADMIN_ROLE);
        assertEquals(ExitCodes.OK, backbeat("clinic", "init", "--store", admin).exitCode());
        for (String physio : new String[] {"anna", "ben", "cleo"}) {
            Run added = backbeat("clinic", "add-physio", role(physio), "--store", admin,
                    "--password-file", passwordFile(physio, physio + "-secret").toString());
            assertEquals(ExitCodes.OK, added.exitCode(), added.err());
        }
        Run worker = backbeat("clinic", "add-worker", role("worker"), "--store", admin,
                "--password-file", passwordFile("worker", "worker-secret").toString());
        assertEquals(ExitCodes.OK, worker.exitCode(), worker.err());
        assertEquals(ExitCodes.OK, backbeat("clinic", "assign", "strap-a", role("anna"), "--store", admin).exitCode());
        Run assigned = backbeat("clinic", "assign", "strap-b", role("ben"), "--store", admin);
        assertEquals(ExitCodes.OK, assigned.exitCode(), assigned.err());
        try (SessionStore workerStore = SessionStore.open(StoreLocation.of(store(role("worker")), Map.of()))) {
            for (RecordedSession session : new RecordedSession[] {session("strap-a", "20261206T090000Z-anna"),
                    session("strap-b", "20261206T100000Z-bens")}) {
                workerStore.store(session, SessionCodec.encode(session));
            }
            assertEquals(2, workerStore.list().size(), "the sync worker sees every session");
        }
    }

    @Test
    void sessions_physiotherapist_listsOnlyTheSessionsOfTheirStraps() throws Exception {
        setUpClinic();
        Run anna = backbeat("sessions", "--store", store(role("anna")));
        assertEquals(ExitCodes.OK, anna.exitCode(), anna.err());
        assertTrue(anna.out().contains("20261206T090000Z-anna"), anna.out());
        assertFalse(anna.out().contains("20261206T100000Z-bens"), anna.out());
        Run ben = backbeat("sessions", "--store", store(role("ben")));
        assertTrue(ben.out().contains("20261206T100000Z-bens"), ben.out());
        assertFalse(ben.out().contains("20261206T090000Z-anna"), ben.out());
        Run cleo = backbeat("sessions", "--store", store(role("cleo")));
        assertEquals(ExitCodes.OK, cleo.exitCode(), cleo.err());
        assertTrue(cleo.out().startsWith("no sessions in "), cleo.out());
    }

    @Test
    void show_anotherPhysiotherapistsSession_isNotFound() throws Exception {
        setUpClinic();
        Run own = backbeat("show", "20261206T090000Z-anna", "--store", store(role("anna")));
        assertEquals(ExitCodes.OK, own.exitCode(), own.err());
        Run others = backbeat("show", "20261206T100000Z-bens", "--store", store(role("anna")));
        assertEquals(ExitCodes.NOT_FOUND, others.exitCode(), others.out() + others.err());
        assertFalse(others.out().contains("strap-b"), others.out());
    }

    @Test
    void physiotherapist_directSql_seesOnlyTheirRowsAndCannotWrite() throws Exception {
        setUpClinic();
        try (Connection anna = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database,
                role("anna"), "anna-secret"); Statement statement = anna.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT device_id FROM sessions")) {
                assertTrue(rows.next());
                assertEquals("strap-a", rows.getString(1));
                assertFalse(rows.next(), "strap-b's session is not there for anna");
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM repetitions WHERE device_id = 'strap-b'")) {
                rows.next();
                assertEquals(0, rows.getInt(1));
            }
            assertThrows(java.sql.SQLException.class, () -> statement.executeUpdate(
                    "UPDATE clinic_assignments SET physio_role = current_user WHERE device_id = 'strap-b'"));
        }
        StoreException refused = assertThrows(StoreException.class, () -> {
            try (SessionStore annaStore = SessionStore.open(StoreLocation.of(store(role("anna")), Map.of()))) {
                RecordedSession forged = session("strap-b", "20261206T110000Z-fake");
                annaStore.store(forged, SessionCodec.encode(forged));
            }
        });
        assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
    }

    @Test
    void assign_strapToARoleThatIsNoPhysiotherapist_isRefusedNamingTheRole() throws Exception {
        setUpClinic();
        Run refused = backbeat("clinic", "assign", "strap-c", role("worker"), "--store", store(PostgresqlServer.ADMIN_ROLE));
        assertEquals(ExitCodes.STORE, refused.exitCode());
        assertTrue(refused.err().contains("role " + role("worker") + " is not a physiotherapist of this clinic"),
                refused.err());
    }

    @Test
    void clinic_onAnSqliteStore_saysItNeedsPostgresql() {
        Run refused = backbeat("clinic", "assignments", "--store", directory.toString());
        assertEquals(ExitCodes.STORE, refused.exitCode());
        assertTrue(refused.err().contains("clinic roles need a PostgreSQL store"), refused.err());
    }
}
