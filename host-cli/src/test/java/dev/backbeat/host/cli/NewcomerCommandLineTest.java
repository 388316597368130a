// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.host.analysis.AnalysisSummary;
import dev.backbeat.host.store.SessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Issue 16, "a command line a newcomer trusts": each item tried as a new user would, through the
 * real command line on a store of sessions the simulated strap recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewcomerCommandLineTest {

    @TempDir
    static Path directory;

    private Path store;
    private RecordedSession first;
    private RecordedSession second;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    void recordTwoSessions() throws Exception {
        store = directory.resolve("store");
        first = SimulatedStore.record(store, directory.resolve("device"), 2, 3);
        second = SimulatedStore.record(store, directory.resolve("device"), 2, 4);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path exported() throws Exception {
        Path file = directory.resolve("exported-" + first.sessionId() + ".csv");
        if (!Files.exists(file)) {
            assertEquals(ExitCodes.OK, run("export", first.sessionId(), "--out", file.toString(), "--store", store.toString()),
                    err.toString());
        }
        return file;
    }

    private void assertNoTemporaryPath() {
        assertFalse(err.toString().contains(".tmp"), err.toString());
    }

    @Test
    void show_prefixOfBothSessions_exitsUsageNotStore() {
        String common = commonPrefix(first.sessionId(), second.sessionId());
        assertEquals(ExitCodes.USAGE, run("show", common, "--store", store.toString()));
        assertTrue(err.toString().startsWith("backbeat show: '" + common + "' matches 2 sessions"), err.toString());
        assertEquals(ExitCodes.USAGE, run("export", common, "--out", directory.resolve("x.csv").toString(),
                "--store", store.toString()));
    }

    @Test
    void export_outIsADirectory_exitsInputNamingItWithoutATemporaryFile() {
        assertEquals(ExitCodes.INPUT, run("export", first.sessionId(), "--out", directory.toString(), "--store", store.toString()));
        assertEquals("backbeat export: cannot write " + directory + ": is a directory (give a file name)", err.toString().strip());
        assertNoTemporaryPath();
    }

    @Test
    void analyze_jsonIntoADirectory_namesItWithoutATemporaryFile() throws Exception {
        assertEquals(ExitCodes.INPUT, run("analyze", exported().toString(), "--json", directory.toString()));
        assertTrue(err.toString().contains(directory + ": is a directory"), err.toString());
        assertNoTemporaryPath();
    }

    @Test
    void analyze_negativeHoldLimit_namesTheOptionNotTheField() throws Exception {
        assertEquals(ExitCodes.USAGE, run("analyze", exported().toString(), "--hold-limit", "-3"));
        assertEquals("backbeat analyze: --hold-limit must be a positive number of seconds, was -3.0", err.toString().strip());
    }

    @Test
    void analyze_printsWhichResultItIs_unlikeShow() throws Exception {
        assertEquals(ExitCodes.OK, run("analyze", exported().toString()));
        assertTrue(out.toString().contains("Result        " + AnalysisSummary.RESULT_LABEL + "\n"), out.toString());
        assertEquals(ExitCodes.OK, run("show", first.sessionId(), "--store", store.toString()));
        assertTrue(out.toString().contains("rhythm        as recorded on the strap (streaming detector)"), out.toString());
    }

    @Test
    void fuse_outIsADirectory_exitsInputNotInternalError() throws Exception {
        assertEquals(ExitCodes.INPUT, run("fuse", exported().toString(), "--sensor", "upper", "--out", directory.toString()));
        assertEquals("backbeat fuse: cannot write " + directory + ": is a directory (give a file name)", err.toString().strip());
        assertNoTemporaryPath();
    }

    @Test
    void fuse_rateOfABillionHertz_isRefused() throws Exception {
        assertEquals(ExitCodes.USAGE, run("fuse", exported().toString(), "--sensor", "upper", "--rate", "1e9",
                "--out", directory.resolve("fused.csv").toString()));
        assertEquals("backbeat fuse: --rate must be 1 to 2000 Hz, was 1.0E9", err.toString().strip());
    }

    @Test
    void fuse_exportedSession_readsItsCommentLinesAndOneSensor() throws Exception {
        Path fused = directory.resolve("fused-upper.csv");
        assertEquals(ExitCodes.OK, run("fuse", exported().toString(), "--sensor", "upper", "--out", fused.toString()), err.toString());
        int upperSamples = first.track(dev.backbeat.core.imu.SensorPosition.UPPER).orElseThrow().sampleCount();
        assertEquals(upperSamples + 1, Files.readAllLines(fused).size());
        assertEquals(ExitCodes.INPUT, run("fuse", exported().toString(), "--out", fused.toString()));
        assertTrue(err.toString().contains("rows of more than one sensor ('upper', 'lower'): choose one with --sensor"),
                err.toString());
    }

    @Test
    void fuse_binaryFiles_areRefusedWithoutEchoingTheirBytes() throws Exception {
        byte[] noise = new byte[4096];
        new Random(16).nextBytes(noise);
        Path binary = directory.resolve("noise.csv");
        Files.write(binary, noise);
        Path nul = directory.resolve("nul.csv");
        Files.write(nul, "time_s,gyr_x\u0000\u0001\u0002garbage\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path gzipped = directory.resolve("noise.csv.gz");
        try (var gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped))) {
            gzip.write(noise);
        }
        for (Path file : List.of(binary, nul, gzipped)) {
            assertEquals(ExitCodes.INPUT, run("fuse", file.toString(), "--out", directory.resolve("o.csv").toString()));
            String message = err.toString().strip();
            assertTrue(message.startsWith("backbeat fuse: " + file + ": ") || message.startsWith("backbeat fuse: " + file + ":1: "),
                    message);
            assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable ASCII only: " + message);
            assertFalse(message.contains("garbage"), message);
        }
    }

    @Test
    void readOnlyCommands_onAStoreThisUserCannotWrite_readIt() throws Exception {
        Path copy = directory.resolve("read-only-store");
        Files.createDirectories(copy);
        try (SessionStore writable = SessionStore.open(store, false)) {
            // the store closed cleanly: its WAL is checkpointed into the file, which is copied alone
        }
        Files.copy(store.resolve(SessionStore.FILE_NAME), copy.resolve(SessionStore.FILE_NAME));
        String before = sha256(copy.resolve(SessionStore.FILE_NAME));
        try (ReadOnlyFiles readOnly = ReadOnlyFiles.protect(copy.resolve(SessionStore.FILE_NAME), copy)) {
            assertEquals(ExitCodes.OK, run("sessions", "--store", copy.toString()), err.toString());
            assertTrue(out.toString().contains(first.sessionId()) && out.toString().contains(second.sessionId()), out.toString());
            assertEquals(ExitCodes.OK, run("show", first.sessionId(), "--store", copy.toString()), err.toString());
            assertEquals(ExitCodes.OK, run("export", first.sessionId(), "--store", copy.toString(),
                    "--out", directory.resolve("from-read-only.csv").toString()), err.toString());
        }
        assertEquals(before, sha256(copy.resolve(SessionStore.FILE_NAME)));
        assertEquals(Files.readString(exported()), Files.readString(directory.resolve("from-read-only.csv")));
    }

    @Test
    void everyCommand_foreignSqliteFileNamedBackbeatDb_isRefusedAndLeftByteForByte() throws Exception {
        Path foreign = directory.resolve("foreign");
        Files.createDirectories(foreign);
        Path file = foreign.resolve(SessionStore.FILE_NAME);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE contacts (name TEXT, phone TEXT)");
            statement.execute("INSERT INTO contacts VALUES ('Ada', '555')");
        }
        String before = sha256(file);
        String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        for (String[] command : List.of(new String[] {"sessions"}, new String[] {"show", "x"},
                new String[] {"sync", "--broker", "tcp://127.0.0.1:1"})) {
            String[] args = Stream.concat(Stream.of(command), Stream.of("--store", foreign.toString())).toArray(String[]::new);
            assertEquals(ExitCodes.STORE, run(args), String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains(file + " is not a Backbeat session store: an SQLite database of another "
                    + "program (tables contacts); left as it is"), err.toString());
        }
        assertEquals(before, sha256(file));
        assertEquals(mode, java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(foreign)) {
            assertEquals(List.of(file), files.toList(), "no -wal or -shm beside it");
        }
    }

    @Test
    void sync_readmeTlsExampleWithANameThatDoesNotResolve_saysSoAndStops() {
        Path ca = directory.resolve("ca");
        assertEquals(ExitCodes.OK, run("pair", "--host", "--ca", ca.toString()), err.toString());
        long start = System.nanoTime();
        int exitCode = run("sync", "--broker", "ssl://backbeat.clinic.invalid:8883", "--tls",
                ca.resolve("issued").resolve("backbeat-host").toString(), "--store", store.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(ExitCodes.BROKER, exitCode, err.toString());
        assertEquals("backbeat sync: cannot reach the MQTT broker at ssl://backbeat.clinic.invalid:8883: cannot resolve "
                + "backbeat.clinic.invalid (no such name in DNS or /etc/hosts)", err.toString().strip());
        assertTrue(seconds < 15, "stopped after " + seconds + " s");
    }

    @Test
    void help_everyDescription_isWholeSentencesThatFitEightyColumns() {
        CommandLine root = BackbeatMain.commandLine();
        for (CommandLine command : Stream.concat(Stream.of(root), root.getSubcommands().values().stream()).toList()) {
            CommandSpec spec = command.getCommandSpec();
            for (String paragraph : spec.usageMessage().description()) {
                assertTrue(paragraph.replace("%n", "").endsWith("."), spec.qualifiedName() + ": a paragraph cut mid-sentence renders as a "
                        + "ragged line: '" + paragraph + "'");
            }
            spec.usageMessage().width(80).autoWidth(false);
            for (String line : command.getUsageMessage().split("\n")) {
                assertTrue(line.length() <= 80, spec.qualifiedName() + ": " + line);
            }
        }
    }

    private static String commonPrefix(String a, String b) {
        int length = 0;
        while (length < Math.min(a.length(), b.length()) && a.charAt(length) == b.charAt(length)) {
            length++;
        }
        return a.substring(0, length);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
