// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.DeviceSync;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.mqtt.BrokerEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code backbeat sync --share GROUP} workers, each a real process, on a real Mosquitto 2
 * (MQTT 5 shared subscriptions) and one store, with several straps sending at once (the device's
 * real outbox and sender, each strap on its own thread with its own outbox file and connection):
 * the workers split the traffic, and every session is stored once and whole, also when one worker
 * is killed with SIGKILL halfway and started again.
 */
class SharedSyncIT {

    private static final String GROUP = "clinic";

    @TempDir
    Path directory;

    @Test
    void twoWorkers_severalStraps_everySessionStoredOnceWholeAndBothWorkersStoreSome() throws Exception {
        Straps straps = Straps.write(directory, 6, 3, 20);
        Path store = Files.createDirectories(directory.resolve("store"));
        try (MosquittoProcess broker = new MosquittoProcess(directory.resolve("mosquitto"), MosquittoProcess.freePort(), "")
                .start()) {
            Worker first = Worker.start(broker.uri(), store, directory.resolve("worker-1.log"));
            Worker second = Worker.start(broker.uri(), store, directory.resolve("worker-2.log"));
            List<OutboxSender.Result> results = straps.sendAll(broker.uri(), Duration.ofSeconds(120));
            for (OutboxSender.Result result : results) {
                assertTrue(result.allConfirmed(), result + "\n" + first.log() + "\n" + second.log());
            }
            first.stop();
            second.stop();
            int storedByFirst = first.sessionsStored();
            int storedBySecond = second.sessionsStored();
            assertTrue(storedByFirst > 0 && storedBySecond > 0, "both workers stored sessions: " + storedByFirst + " and "
                    + storedBySecond + "\n" + first.log() + "\n" + second.log());
            assertEquals(straps.sessionCount(), storedByFirst + storedBySecond, "each session assembled by one worker");
        }
        straps.assertStoredOnceWhole(store);
    }

    @Test
    void oneWorkerKilledHalfwayAndRestarted_everySessionStoredOnceWhole() throws Exception {
        Straps straps = Straps.write(directory, 6, 4, 60);
        Path store = Files.createDirectories(directory.resolve("store"));
        try (MosquittoProcess broker = new MosquittoProcess(directory.resolve("mosquitto"), MosquittoProcess.freePort(), "")
                .start()) {
            Worker survivor = Worker.start(broker.uri(), store, directory.resolve("worker-1.log"));
            Worker victim = Worker.start(broker.uri(), store, directory.resolve("worker-2.log"));
            CompletableFuture<List<OutboxSender.Result>> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    return straps.sendAll(broker.uri(), Duration.ofSeconds(240));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (storedSessions(store) < straps.sessionCount() / 2 && System.nanoTime() < deadline && !sending.isDone()) {
                Thread.sleep(20);
            }
            int storedAtKill = storedSessions(store);
            assertTrue(storedAtKill > 0 && storedAtKill < straps.sessionCount() && !sending.isDone(),
                    "killed halfway (" + storedAtKill + " stored)");
            victim.kill();
            Worker restarted = Worker.start(broker.uri(), store, directory.resolve("worker-3.log"));
            for (OutboxSender.Result result : sending.get(300, TimeUnit.SECONDS)) {
                assertTrue(result.allConfirmed(), result + "\n" + survivor.log() + "\n" + restarted.log());
            }
            survivor.stop();
            restarted.stop();
            System.out.printf(Locale.ROOT, "shared sync chaos: %d of %d sessions stored when a worker was killed%n",
                    storedAtKill, straps.sessionCount());
        }
        straps.assertStoredOnceWhole(store);
    }

    private static int storedSessions(Path store) throws Exception {
        Path file = store.resolve(SessionStore.FILE_NAME);
        if (!Files.exists(file)) {
            return 0;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM sessions")) {
            return row.next() ? row.getInt(1) : 0;
        } catch (java.sql.SQLException notYet) {
            return 0; // the schema is still being created
        }
    }

    /** Straps, each with its own outbox of sessions, sending at once. */
    private record Straps(Map<String, Path> outboxes, Map<String, Map<String, Integer>> samples) {

        static Straps write(Path directory, int straps, int sessionsEach, int seconds) throws Exception {
            Map<String, Path> outboxes = new HashMap<>();
            Map<String, Map<String, Integer>> samples = new HashMap<>();
            for (int strap = 0; strap < straps; strap++) {
                String deviceId = String.format(Locale.ROOT, "strap-%02d", strap);
                Path data = directory.resolve(deviceId);
                try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                    for (int session = 0; session < sessionsEach; session++) {
                        SyncChaosIT.writeSession(outbox, deviceId, deviceId + "-s" + session, seconds + strap, false);
                    }
                }
                outboxes.put(deviceId, data);
                samples.put(deviceId, SyncChaosIT.samplesInOutbox(data));
            }
            return new Straps(outboxes, samples);
        }

        int sessionCount() {
            return samples.values().stream().mapToInt(Map::size).sum();
        }

        List<OutboxSender.Result> sendAll(String brokerUri, Duration timeout) throws Exception {
            List<CompletableFuture<OutboxSender.Result>> sending = new ArrayList<>();
            for (Map.Entry<String, Path> strap : outboxes.entrySet()) {
                sending.add(CompletableFuture.supplyAsync(() -> {
                    try (DeviceOutbox outbox = DeviceOutbox.open(strap.getValue())) {
                        return DeviceSync.run(outbox, strap.getKey(), BrokerEndpoint.plain(brokerUri,
                                        "backbeat-device-" + strap.getKey()).withKeepAlive(Duration.ofSeconds(2)),
                                OutboxSender.Settings.DEFAULTS.withWindow(16).withBundleRecords(4), timeout, line -> { });
                    } catch (Exception e) {
                        throw new IllegalStateException(strap.getKey() + ": " + e, e);
                    }
                }, command -> Thread.ofPlatform().name("strap-" + strap.getKey()).start(command)));
            }
            List<OutboxSender.Result> results = new ArrayList<>();
            for (CompletableFuture<OutboxSender.Result> strap : sending) {
                results.add(strap.get(timeout.toSeconds() + 30, TimeUnit.SECONDS));
            }
            return results;
        }

        /** Every session of every strap stored once, with every sample; nothing conflicting or quarantined. */
        void assertStoredOnceWhole(Path store) throws Exception {
            try (SessionStore sessions = SessionStore.open(store, false)) {
                List<SessionListing> stored = sessions.list();
                assertEquals(sessionCount(), stored.size(), "each session once");
                for (SessionListing listing : stored) {
                    Integer expected = samples.get(listing.deviceId()).get(listing.sessionId());
                    assertEquals(expected, listing.upperSamples() + listing.lowerSamples(),
                            listing.deviceId() + "/" + listing.sessionId() + " whole");
                }
                SyncStore sync = new SyncStore(sessions);
                assertEquals(0, sync.conflictCount(), "no record stored twice with different bytes");
                assertEquals(0, sync.quarantineCount(), "nothing quarantined");
            }
        }
    }

    /** {@code backbeat sync --share GROUP --follow} as a child process. */
    private record Worker(Process process, Path logFile) {

        static Worker start(String brokerUri, Path store, Path log) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "dev.backbeat.host.cli.BackbeatMain", "sync", "--share", GROUP, "--follow", "--broker", brokerUri,
                    "--store", store.toString()));
            Worker worker = new Worker(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start(), log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!worker.log().contains("listening for the straps' sessions")) {
                assertTrue(worker.process.isAlive(), "the worker exited: " + worker.log());
                assertTrue(System.nanoTime() < deadline, "the worker did not connect within 30 s: " + worker.log());
                Thread.sleep(50);
            }
            return worker;
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        /** SIGTERM: the worker finishes its batch, clears its presence and reports. */
        void stop() throws Exception {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the worker should stop on SIGTERM");
        }

        /** SIGKILL: no goodbye; the broker publishes its last will. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        int sessionsStored() throws IOException {
            Matcher synced = Pattern.compile("synced (\\d+|1) new session").matcher(log());
            assertTrue(synced.find(), "the worker reported: " + log());
            return Integer.parseInt(synced.group(1));
        }
    }
}
