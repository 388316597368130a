// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end guarantee against real faults, with a real Mosquitto process, real device
 * processes and real SQLite files: a device killed with SIGKILL mid-session; then the backlog sent
 * through a TCP proxy that drops and stalls connections while the broker is killed (SIGKILL) and
 * stopped (SIGTERM) and restarted and the host is stopped and started again. Nothing may be lost or
 * duplicated.
 */
class MosquittoFaultIT {

    @TempDir
    Path directory;

    @Test
    void backlog_throughBrokerKillsDropsStallsHostRestartsAndADeviceKill_arrivesWholeAndOnce() throws Exception {
        Path data = directory.resolve("device");
        // a session cut by SIGKILL while recording (64 s of session at 10x: killed after about 3 s)
        Process recording = DeviceProcess.start(directory.resolve("killed.log"), "--cycles", "6", "--time-scale", "10",
                "--data-dir", data.toString(), "--no-publish");
        Thread.sleep(3_500);
        assertTrue(recording.isAlive(), "the device should still be recording");
        recording.destroyForcibly();
        recording.waitFor(10, TimeUnit.SECONDS);
        // three more complete sessions, recorded while no host is around
        for (int seed = 1; seed <= 3; seed++) {
            Process device = DeviceProcess.start(directory.resolve("record-" + seed + ".log"), "--cycles", "6",
                    "--time-scale", "0", "--seed", String.valueOf(seed), "--data-dir", data.toString(), "--no-publish");
            assertTrue(device.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, device.exitValue(), Files.readString(directory.resolve("record-" + seed + ".log")));
        }

        int port = MosquittoProcess.freePort();
        try (MosquittoProcess broker = new MosquittoProcess(directory.resolve("mosquitto"), port, "").start();
             TcpProxy proxy = new TcpProxy(port);
             SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            List<String> hostLog = new CopyOnWriteArrayList<>();
            BrokerEndpoint hostEndpoint = BrokerEndpoint.plain(broker.uri(), "backbeat-host-fault").withKeepAlive(Duration.ofSeconds(2));
            HostRun host = new HostRun(hostEndpoint, store, hostLog);
            // the device sends through the proxy with a small window so the faults land mid-transfer
            Process sender = DeviceProcess.start(directory.resolve("sync.log"), "--sync-only", "--data-dir", data.toString(),
                    "--broker", proxy.uri(), "--keep-alive", "1", "--window", "8", "--bundle", "2", "--sync-timeout", "150");
            int faults = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (sender.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(400);
                switch (faults % 6) {
                    case 0 -> proxy.dropAll();
                    case 1 -> {
                        broker.kill();
                        Thread.sleep(300);
                        broker.start();
                    }
                    case 2 -> {
                        proxy.stall(true); // silent: longer than the device's keep-alive
                        Thread.sleep(2_500);
                        proxy.stall(false);
                    }
                    case 3 -> {
                        broker.terminate();
                        Thread.sleep(300);
                        broker.start();
                    }
                    case 4 -> {
                        host.stop(); // the host goes away (between a commit and its acknowledgement, sometimes)
                        Thread.sleep(300);
                        host = new HostRun(hostEndpoint, store, hostLog);
                    }
                    default -> proxy.dropAll();
                }
                faults++;
            }
            assertTrue(sender.waitFor(30, TimeUnit.SECONDS), "the device should finish");
            String senderLog = Files.readString(directory.resolve("sync.log"));
            assertEquals(0, sender.exitValue(), "every session confirmed; device log:\n" + senderLog + "\nhost:\n" + hostLog);
            host.stop();
            assertTrue(faults >= 6, "faults injected: " + faults);

            // compare the host's store with the device's outbox, session by session
            Map<String, int[]> recorded = new HashMap<>();
            try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                assertEquals(List.of(), outbox.pending());
            }
            try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve(DeviceOutbox.FILE_NAME));
                 var rows = connection.createStatement().executeQuery(
                         "SELECT session_id, chunk_index, record FROM chunks ORDER BY session_id, chunk_index")) {
                while (rows.next()) {
                    SyncRecord.SessionChunk chunk = (SyncRecord.SessionChunk) ((SyncDecodeResult.Decoded)
                            SyncCodec.decode(rows.getBytes(3))).record();
                    int[] counts = recorded.computeIfAbsent(rows.getString(1), id -> new int[2]);
                    counts[0]++;
                    counts[1] += chunk.samples().sampleCount();
                }
            }
            List<SessionListing> stored = store.list();
            assertEquals(4, stored.size(), "four sessions, each once: " + stored);
            assertEquals(recorded.keySet(), new java.util.HashSet<>(stored.stream().map(SessionListing::sessionId).toList()));
            int interrupted = 0;
            for (SessionListing listing : stored) {
                assertEquals(recorded.get(listing.sessionId())[1], listing.upperSamples() + listing.lowerSamples(),
                        "every sealed sample of " + listing.sessionId());
                interrupted += listing.status().equals("interrupted") ? 1 : 0;
            }
            assertEquals(1, interrupted, "the killed session is stored as interrupted");
            SyncStore sync = new SyncStore(store);
            assertEquals(0, sync.conflictCount());
            assertEquals(0, sync.quarantineCount());
        }
    }

    /** The host sync on a thread, stoppable and restartable. */
    private static final class HostRun {
        private final SessionSync sync;
        private final CompletableFuture<SyncReport> report = new CompletableFuture<>();

        HostRun(BrokerEndpoint endpoint, SessionStore store, List<String> log) throws InterruptedException {
            sync = new SessionSync((subscriptions, willTopic, willPayload) -> PahoHostLink.connect(endpoint, subscriptions,
                    willTopic, willPayload), store, log::add);
            Thread.ofPlatform().name("fault-host").start(() -> {
                try {
                    report.complete(sync.run(null));
                } catch (Throwable e) {
                    log.add("host sync ended: " + e);
                    report.completeExceptionally(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!sync.isConnected() && !report.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        void stop() throws Exception {
            sync.stop();
            try {
                report.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException ended) {
                // already logged
            }
        }
    }
}
