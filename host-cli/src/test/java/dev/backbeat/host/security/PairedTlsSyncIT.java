// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.DeviceMain;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.host.cli.BackbeatMain;
import dev.backbeat.host.faults.MosquittoProcess;
import dev.backbeat.host.pairing.ClinicBroker;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.mqtt.TlsFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clinic set-up as a person runs it, through the two command lines: {@code backbeat pair} for
 * the host, the broker and a strap, Mosquitto with the files it wrote, a session recorded and sent
 * by {@code backbeat-device --tls} to {@code backbeat sync --tls}. Everything either side logs is
 * captured (the commands' own output and error streams, standard output and error, and
 * java.util.logging and Logback at every level), and afterwards no private key is in it and every
 * key, certificate, store and directory involved is readable by its owner only.
 */
class PairedTlsSyncIT {

    private static final String STRAP = "strap-s";

    @TempDir
    static Path directory;

    private static final Map<Path, String> MODES_RIGHT_AFTER_SYNC = new LinkedHashMap<>();
    private static String logged;
    private static MosquittoProcess broker;

    private static Path ca() {
        return directory.resolve("ca");
    }

    private static Path host() {
        return directory.resolve("host");
    }

    private static Path strap() {
        return directory.resolve(STRAP);
    }

    private static Path brokerFiles() {
        return directory.resolve("broker");
    }

    private static Path store() {
        return directory.resolve("store");
    }

    private static Path deviceData() {
        return directory.resolve("device-data");
    }

    @BeforeAll
    static void pairAndSync() throws Exception {
        try (EverythingLogged log = new EverythingLogged()) {
            assertEquals(0, backbeat(log, "pair", "--ca", ca().toString(), "--host", "--out", host().toString()));
            assertEquals(0, backbeat(log, "pair", "--ca", ca().toString(), "--broker", "localhost", "--out",
                    brokerFiles().toString()));
            assertEquals(0, backbeat(log, "pair", "--ca", ca().toString(), STRAP, "--out", strap().toString()));

            int port = MosquittoProcess.freePort();
            String runAs = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
            broker = new MosquittoProcess(directory.resolve("mosquitto"), port,
                    runAs + ClinicBroker.tlsListener(brokerFiles(), brokerFiles().resolve("acl"))).start();
            String uri = "ssl://localhost:" + port;

            assertEquals(0, device(log, "--device-id", STRAP, "--data-dir", deviceData().toString(), "--cycles", "1",
                    "--time-scale", "0", "--no-publish"));
            Files.createDirectories(store());
            CompletableFuture<Integer> hostSync = CompletableFuture.supplyAsync(() -> backbeat(log, "sync", "--broker", uri,
                    "--tls", host().toString(), "--store", store().toString(), "--idle", "8"));
            Thread.sleep(500);
            // the usual run: a second session recorded while the first and its own chunks are sent, signed acks
            assertEquals(0, device(log, "--device-id", STRAP, "--data-dir", deviceData().toString(), "--cycles", "1",
                    "--time-scale", "0", "--broker", uri, "--tls", strap().toString(), "--sync-timeout", "60"), log.text());
            assertEquals(0, hostSync.get(60, TimeUnit.SECONDS), log.text());
            for (Path path : List.of(store().resolve(SessionStore.FILE_NAME), deviceData(),
                    deviceData().resolve(DeviceOutbox.FILE_NAME))) {
                MODES_RIGHT_AFTER_SYNC.put(path, mode(path));
            }
            logged = log.text();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static int backbeat(EverythingLogged log, String... arguments) {
        return run(log, BackbeatMain.commandLine(), arguments);
    }

    private static int device(EverythingLogged log, String... arguments) {
        return run(log, DeviceMain.commandLine(), arguments);
    }

    private static int run(EverythingLogged log, picocli.CommandLine commandLine, String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(arguments);
        log.add(String.join(" ", arguments) + "\n" + out + err);
        return exit;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void logsOfPairingAndTlsSync_containNoPrivateKeyMaterial() throws Exception {
        assertTrue(logged.contains("paired strap " + STRAP) && logged.contains("stored " + STRAP + "/"),
                "the capture holds what the commands said: " + logged);
        assertTrue(logged.contains("org.eclipse.paho"), "the capture holds library logging (Paho's, at every level)");
        assertFalse(logged.contains("PRIVATE KEY"), "a PEM private key header was logged");
        List<Path> keys;
        try (Stream<Path> files = Files.walk(directory)) {
            keys = files.filter(path -> path.toString().endsWith(".key")).toList();
        }
        assertEquals(4, keys.size(), "ca.key and the host's, the strap's and the broker's keys: " + keys);
        for (Path key : keys) {
            String pem = Files.readString(key, StandardCharsets.US_ASCII);
            List<String> body = pem.lines().filter(line -> !line.startsWith("-----")).toList();
            assertFalse(logged.contains(String.join("", body)), key + " was logged whole");
            for (String line : body) {
                if (line.length() > 20) {
                    assertFalse(logged.contains(line), "a line of " + key + " was logged");
                }
            }
            ECPrivateKey privateKey = (ECPrivateKey) new TlsFiles(key, key, key).ownPrivateKey();
            assertFalse(logged.contains(privateKey.getS().toString(16)), key + "'s private value was logged in hex");
            assertFalse(logged.contains(privateKey.getS().toString()), key + "'s private value was logged in decimal");
        }
    }

    @Test
    void filesAfterPairingAndSync_areOwnerOnly() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Path pairing : List.of(ca(), host(), strap(), brokerFiles())) {
            try (Stream<Path> files = Files.walk(pairing)) {
                for (Path path : files.toList()) {
                    String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                    if (!mode(path).equals(expected)) {
                        wrong.add(path + " is " + mode(path));
                    }
                }
            }
        }
        assertTrue(Files.exists(strap().resolve("host.crt")) && Files.exists(ca().resolve("ca.key")));
        MODES_RIGHT_AFTER_SYNC.forEach((path, mode) -> {
            if (!mode.equals(Files.isDirectory(path) ? "rwx------" : "rw-------")) {
                wrong.add(path + " was " + mode + " right after the sync");
            }
        });
        // open both databases again, so their -wal and -shm files exist while they are checked
        try (SessionStore hostStore = SessionStore.open(store(), false);
             DeviceOutbox outbox = DeviceOutbox.open(deviceData())) {
            assertEquals(2, hostStore.list().size(), "the session recorded offline and the one sent while recorded");
            assertTrue(outbox.pending().isEmpty(), "the session was confirmed");
            for (Path database : List.of(store().resolve(SessionStore.FILE_NAME), deviceData().resolve(DeviceOutbox.FILE_NAME))) {
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Path file = database.resolveSibling(database.getFileName() + suffix);
                    if (Files.exists(file) && !mode(file).equals("rw-------")) {
                        wrong.add(file + " is " + mode(file));
                    }
                }
            }
            assertTrue(Files.exists(store().resolve(SessionStore.FILE_NAME + "-wal")), "WAL mode: the -wal file is checked");
        }
        if (!mode(deviceData()).equals("rwx------")) {
            wrong.add(deviceData() + " is " + mode(deviceData()));
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * Captures, until closed, standard output and error (still passed through), every
     * java.util.logging record at every level, and Logback (if present) at every level.
     */
    private static final class EverythingLogged implements AutoCloseable {
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        private final PrintStream originalOut = System.out;
        private final PrintStream originalErr = System.err;
        private final Logger julRoot = LogManager.getLogManager().getLogger("");
        private final Level julRootLevel = julRoot.getLevel();
        private final Handler handler = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                add(record.getLoggerName() + " " + record.getLevel() + ": " + formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        private Object logbackRoot;
        private Object logbackLevel;

        EverythingLogged() {
            System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
            handler.setLevel(Level.ALL);
            julRoot.addHandler(handler);
            julRoot.setLevel(Level.ALL);
            try {
                Object root = Class.forName("org.slf4j.LoggerFactory").getMethod("getLogger", String.class).invoke(null, "ROOT");
                Class<?> level = Class.forName("ch.qos.logback.classic.Level");
                logbackLevel = root.getClass().getMethod("getLevel").invoke(root);
                root.getClass().getMethod("setLevel", level).invoke(root, level.getField("ALL").get(null));
                logbackRoot = root;
            } catch (ReflectiveOperationException | LinkageError noLogback) {
                // nothing logs through Logback here
            }
        }

        void add(String text) {
            synchronized (captured) {
                captured.writeBytes(text.getBytes(StandardCharsets.UTF_8));
                captured.writeBytes(new byte[] {'\n'});
            }
        }

        String text() {
            synchronized (captured) {
                return captured.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws Exception {
            julRoot.removeHandler(handler);
            julRoot.setLevel(julRootLevel);
            if (logbackRoot != null) {
                Class<?> level = Class.forName("ch.qos.logback.classic.Level");
                logbackRoot.getClass().getMethod("setLevel", level).invoke(logbackRoot, logbackLevel);
            }
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        /** Writes to the original stream and into the capture. */
        private final class Tee extends OutputStream {
            private final OutputStream original;

            Tee(OutputStream original) {
                this.original = original;
            }

            @Override
            public void write(int b) throws IOException {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                original.write(bytes, offset, length);
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
            }
        }
    }
}
