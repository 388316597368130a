// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.SyncStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host as a real process ({@code backbeat sync}) dies between a commit and its
 * acknowledgement (halted right after its second commit, as {@code kill -9} would): what that
 * commit stored was never acknowledged, so the device still holds it and sends it again to the
 * next host, which recognises those records as already stored. Nothing lost,
 * nothing twice.
 */
class HostCrashIT {

    @TempDir
    Path directory;

    @Test
    void hostKilledBetweenCommitAndAcknowledgement_nextHostRecognisesTheResentRecords() throws Exception {
        Path data = directory.resolve("device");
        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
            for (int index = 0; index < 4; index++) {
                SyncChaosIT.writeSession(outbox, "crash-" + index, 20, false);
            }
        }
        Map<String, Integer> expectedSamples = SyncChaosIT.samplesInOutbox(data);
        Path store = directory.resolve("store");
        Files.createDirectories(store);
        int port = MosquittoProcess.freePort();
        try (MosquittoProcess broker = new MosquittoProcess(directory.resolve("mosquitto"), port, "").start()) {
            Process firstHost = host(broker.uri(), store, directory.resolve("host-1.log"), "-Dbackbeat.faults.haltAfterCommit=2");
            Thread.sleep(1_500); // the host announces itself before the device starts
            Process sender = DeviceProcess.start(directory.resolve("sync.log"), "--sync-only", "--device-id",
                    SyncChaosIT.DEVICE, "--data-dir", data.toString(), "--broker", broker.uri(), "--keep-alive", "1",
                    "--window", "8", "--bundle", "2", "--sync-timeout", "90");
            assertTrue(firstHost.waitFor(60, TimeUnit.SECONDS), "the first host should die after its second commit");
            assertEquals(137, firstHost.exitValue(), Files.readString(directory.resolve("host-1.log")));
            int committed = count(store, "SELECT COUNT(*) FROM sync_chunks") + count(store, "SELECT COUNT(*) FROM sync_starts");
            assertTrue(committed > 0, "the first host committed records before it died");
            try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                assertEquals(4, outbox.pending().size(), "nothing was acknowledged, so the device holds every session");
            }

            Process secondHost = host(broker.uri(), store, directory.resolve("host-2.log"));
            assertTrue(sender.waitFor(90, TimeUnit.SECONDS), "the device should finish");
            assertEquals(0, sender.exitValue(), Files.readString(directory.resolve("sync.log")));
            assertTrue(secondHost.waitFor(60, TimeUnit.SECONDS), "the second host stops when nothing more arrives");
            String secondLog = Files.readString(directory.resolve("host-2.log"));
            assertEquals(0, secondHost.exitValue(), secondLog);
            Matcher already = Pattern.compile("(\\d+) already stored").matcher(secondLog);
            // the records of the unacknowledged commit (at least) came again and were recognised
            assertTrue(already.find() && Integer.parseInt(already.group(1)) >= 1, secondLog);

            try (SessionStore sessions = SessionStore.open(store, false)) {
                List<SessionListing> stored = sessions.list();
                assertEquals(expectedSamples.keySet(), new java.util.HashSet<>(stored.stream().map(SessionListing::sessionId)
                        .toList()));
                assertEquals(4, stored.size(), "each session once");
                for (SessionListing listing : stored) {
                    assertEquals(expectedSamples.get(listing.sessionId()), listing.upperSamples() + listing.lowerSamples());
                }
                SyncStore sync = new SyncStore(sessions);
                assertEquals(0, sync.conflictCount());
                assertEquals(0, sync.quarantineCount());
            }
        }
    }

    /** {@code backbeat sync} as a child process (stops 4 s after the last arrival). */
    private static Process host(String brokerUri, Path store, Path log, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.backbeat.host.cli.BackbeatMain");
        command.addAll(List.of("sync", "--broker", brokerUri, "--store", store.toString(), "--idle", "4"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int count(Path store, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.resolve(SessionStore.FILE_NAME));
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}
