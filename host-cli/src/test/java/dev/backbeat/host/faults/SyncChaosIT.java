// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.device.outbox.ChunkWriter;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.OutboxRecording;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.paho.PahoDeviceLink;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos run of issue 7: a device outbox with many sessions (some ended as interrupted, as a
 * power cut leaves them) synced by a real device process through a TCP proxy to a real Mosquitto
 * and the host, while faults are injected in turn: connection drops, silent stalls past the
 * keep-alive, broker SIGKILL and SIGTERM with restarts, the host stopped and started, the device
 * process killed with SIGKILL and restarted, and duplicate deliveries (old records published again).
 * Afterwards every session must be stored exactly once, with every sealed sample, complete or
 * interrupted as the device had it; no conflict, nothing quarantined.
 *
 * <p>Short in {@code mvn verify}; the long run (200 sessions, at least 50 faults) is
 * {@code bench/sync-chaos}, which sets {@code -Dchaos.sessions} and {@code -Dchaos.faults}.
 */
class SyncChaosIT {

    static final String DEVICE = "chaos-strap";

    @TempDir
    Path directory;

    @Test
    void manySessions_throughEveryKindOfFault_arriveWholeAndOnce() throws Exception {
        int sessionCount = Integer.getInteger("chaos.sessions", 12);
        int minimumFaults = Integer.getInteger("chaos.faults", 8);
        long seed = Long.getLong("chaos.seed", 7);
        Random random = new Random(seed);
        Path data = directory.resolve("device");
        Map<String, String> expectedStatus = new HashMap<>();
        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
            for (int index = 0; index < sessionCount; index++) {
                String sessionId = String.format(Locale.ROOT, "chaos-%04d", index);
                boolean interrupted = index % 7 == 3;
                writeSession(outbox, sessionId, 5 + random.nextInt(20), interrupted);
                expectedStatus.put(sessionId, interrupted ? "interrupted" : "complete");
            }
        }
        Map<String, Integer> expectedSamples = samplesInOutbox(data);

        int port = MosquittoProcess.freePort();
        List<String> hostLog = new CopyOnWriteArrayList<>();
        List<SyncReport> reports = new CopyOnWriteArrayList<>();
        Map<String, Integer> faultCounts = new HashMap<>();
        long started = System.nanoTime();
        try (MosquittoProcess broker = new MosquittoProcess(directory.resolve("mosquitto"), port, "").start();
             TcpProxy proxy = new TcpProxy(port);
             SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
            BrokerEndpoint hostEndpoint = BrokerEndpoint.plain(broker.uri(), "chaos-host").withKeepAlive(Duration.ofSeconds(2));
            HostRun host = new HostRun(hostEndpoint, store, hostLog, reports);
            String[] senderArguments = {"--sync-only", "--device-id", DEVICE, "--data-dir", data.toString(),
                "--broker", proxy.uri(), "--keep-alive", "1", "--window", "16", "--sync-timeout", "600"};
            int senderRuns = 0;
            Process sender = DeviceProcess.start(directory.resolve("sync-" + senderRuns + ".log"), senderArguments);
            int faults = 0;
            int injected = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Long.getLong("chaos.minutes", 15));
            while (System.nanoTime() < deadline) {
                if (!sender.isAlive()) {
                    if (sender.exitValue() == 0 && faults >= minimumFaults) {
                        break;
                    }
                    // finished before enough faults (or failed): go again over what is left
                    sender = DeviceProcess.start(directory.resolve("sync-" + ++senderRuns + ".log"), senderArguments);
                }
                Thread.sleep(200 + random.nextInt(500));
                String kind = switch (faults % 8) {
                    case 0 -> {
                        proxy.dropAll();
                        yield "connection drop";
                    }
                    case 1 -> {
                        broker.kill();
                        Thread.sleep(200);
                        broker.start();
                        yield "broker SIGKILL";
                    }
                    case 2 -> {
                        proxy.stall(true); // silent, longer than the device's keep-alive
                        Thread.sleep(2_200);
                        proxy.stall(false);
                        yield "stall";
                    }
                    case 3 -> {
                        int copies = injectDuplicates(broker.uri(), directory.resolve("store"), random);
                        injected += copies;
                        yield copies > 0 ? "duplicate delivery" : "duplicate delivery (nothing sent yet)";
                    }
                    case 4 -> {
                        broker.terminate();
                        Thread.sleep(200);
                        broker.start();
                        yield "broker SIGTERM";
                    }
                    case 5 -> {
                        host.stop();
                        Thread.sleep(200);
                        host = new HostRun(hostEndpoint, store, hostLog, reports);
                        yield "host restart";
                    }
                    case 6 -> {
                        if (sender.isAlive()) {
                            sender.destroyForcibly(); // kill -9 of the device process mid-sync
                            sender.waitFor(10, TimeUnit.SECONDS);
                            sender = DeviceProcess.start(directory.resolve("sync-" + ++senderRuns + ".log"), senderArguments);
                        }
                        yield "device SIGKILL";
                    }
                    default -> {
                        proxy.dropAll();
                        yield "connection drop";
                    }
                };
                faultCounts.merge(kind, 1, Integer::sum);
                faults++;
            }
            assertTrue(sender.waitFor(120, TimeUnit.SECONDS), "the device should finish");
            String senderLog = Files.readString(directory.resolve("sync-" + senderRuns + ".log"));
            assertEquals(0, sender.exitValue(), "every session confirmed; device log:\n" + senderLog);
            host.stop();
            assertTrue(faults >= minimumFaults, "faults injected: " + faultCounts);

            try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                assertEquals(List.of(), outbox.pending(), "the device holds nothing unconfirmed");
            }
            List<SessionListing> stored = store.list();
            Map<String, SessionListing> byId = new HashMap<>();
            for (SessionListing listing : stored) {
                assertEquals(null, byId.put(listing.sessionId(), listing), "stored twice: " + listing.sessionId());
            }
            assertEquals(expectedStatus.keySet(), byId.keySet(), "every session, none lost, none extra");
            for (Map.Entry<String, SessionListing> entry : byId.entrySet()) {
                SessionListing listing = entry.getValue();
                assertEquals(expectedSamples.get(entry.getKey()), listing.upperSamples() + listing.lowerSamples(),
                        "every sealed sample of " + entry.getKey());
                assertEquals(expectedStatus.get(entry.getKey()), listing.status(), entry.getKey());
            }
            SyncStore sync = new SyncStore(store);
            assertEquals(0, sync.conflictCount());
            assertEquals(0, sync.quarantineCount());
            int duplicates = reports.stream().mapToInt(SyncReport::duplicates).sum();
            String summary = String.format(Locale.ROOT, "chaos run: %d sessions (%d interrupted), %d faults %s, %d records "
                            + "delivered again on purpose, %d duplicates recognised by the host, %d device runs; 0 lost, "
                            + "0 duplicated; %.0f s", sessionCount,
                    expectedStatus.values().stream().filter("interrupted"::equals).count(), faults, faultCounts, injected,
                    duplicates, senderRuns + 1, (System.nanoTime() - started) / 1e9);
            System.out.println(summary);
            // the listing and the report say which sessions were cut short
            String interruptedId = expectedStatus.entrySet().stream().filter(entry -> entry.getValue().equals("interrupted"))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            String listed = run("sessions", "--store", directory.resolve("store").toString());
            assertTrue(listed.lines().anyMatch(line -> line.startsWith(interruptedId) && line.endsWith("interrupted")), listed);
            String shown = run("show", interruptedId, "--store", directory.resolve("store").toString());
            assertTrue(shown.contains("status        interrupted"), shown);
            assertEquals(List.of(), HostRun.crashes, "the host survives every fault by itself");
            assertTrue(injected > 0 && duplicates > 0, "duplicates were delivered and recognised: " + summary);
        }
    }

    private static String run(String... arguments) {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine commandLine = dev.backbeat.host.cli.BackbeatMain.commandLine();
        commandLine.setOut(new java.io.PrintWriter(out, true));
        assertEquals(0, commandLine.execute(arguments), out.toString());
        return out.toString();
    }

    /** Publishes again, as the device, up to 20 records the host already stored: duplicate deliveries. */
    private static int injectDuplicates(String brokerUri, Path hostStore, Random random) throws Exception {
        List<byte[]> records = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + hostStore.resolve(SessionStore.FILE_NAME));
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT record FROM sync_chunks ORDER BY random() LIMIT 20")) {
            while (rows.next()) {
                records.add(rows.getBytes(1));
            }
        }
        try (MqttLink replayer = PahoDeviceLink.connect(BrokerEndpoint.plain(brokerUri, "chaos-replayer-" + random.nextInt(1000)),
                List.of(), 32)) {
            for (byte[] record : records) {
                replayer.publish(SyncTopics.chunks(DEVICE), record, false, Duration.ofSeconds(5));
            }
        } catch (java.io.IOException brokerDown) {
            return 0; // the broker is restarting: no duplicates this time
        }
        return records.size();
    }

    static Map<String, Integer> samplesInOutbox(Path data) throws Exception {
        Map<String, Integer> samples = new HashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(DeviceOutbox.FILE_NAME));
             ResultSet rows = connection.createStatement().executeQuery("SELECT session_id, record FROM chunks")) {
            while (rows.next()) {
                var decoded = (dev.backbeat.mqtt.sync.SyncDecodeResult.Decoded) SyncCodec.decode(rows.getBytes(2));
                samples.merge(rows.getString(1), ((SyncRecord.SessionChunk) decoded.record()).samples().sampleCount(),
                        Integer::sum);
            }
        }
        return samples;
    }

    /** A session of {@code seconds} at 50 Hz on two sensors; an interrupted one ends as recovery ends it. */
    static void writeSession(DeviceOutbox outbox, String sessionId, int seconds, boolean interrupted)
            throws Exception {
        writeSession(outbox, DEVICE, sessionId, seconds, interrupted);
    }

    /** The same for the strap {@code deviceId}. */
    static void writeSession(DeviceOutbox outbox, String deviceId, String sessionId, int seconds, boolean interrupted)
            throws Exception {
        List<SensorPosition> sensors = List.of(SensorPosition.UPPER, SensorPosition.LOWER);
        Instant startedAt = Instant.parse("2026-11-01T08:00:00Z").plusSeconds(sessionId.hashCode() & 0xffff);
        double rateHz = 50;
        outbox.batch(() -> {
            ChunkWriter writer = ChunkWriter.begin(outbox, OutboxRecording.start(deviceId, sessionId, startedAt, "chaos", rateHz,
                    sensors, Map.of()), Optional.empty(), ChunkWriter.DEFAULT_CHUNK_SECONDS);
            for (int tick = 0; tick < seconds * rateHz; tick++) {
                for (SensorPosition sensor : sensors) {
                    double time = tick / rateHz;
                    writer.accept(sensor, new ImuSample(time, new Vector3(0.3 * Math.sin(time), 0.01, -0.02),
                            new Vector3(9.8 * Math.cos(0.3 * Math.sin(time)), 0.1, 9.8 * Math.sin(0.3 * Math.sin(time)))));
                }
            }
            int chunks = writer.finish();
            RecordedSession analysis = new RecordedSession(deviceId, sessionId, startedAt, "chaos", rateHz, List.of(), List.of(),
                    List.of(), new SessionSummary(seconds, 0, Double.NaN, Double.NaN, 6, 0, Double.NaN, Double.NaN));
            outbox.end(sessionId, SyncCodec.encode(OutboxRecording.endRecord(analysis,
                    interrupted ? SyncRecord.EndStatus.INTERRUPTED : SyncRecord.EndStatus.COMPLETE, chunks)));
        });
    }

    /** The host sync on a thread, stoppable and restartable; its reports are collected. */
    private static final class HostRun {
        /** Host runs that ended other than by {@link #stop}: none may. */
        static final List<String> crashes = new CopyOnWriteArrayList<>();
        private final SessionSync sync;
        private final CompletableFuture<SyncReport> report = new CompletableFuture<>();

        HostRun(BrokerEndpoint endpoint, SessionStore store, List<String> log, List<SyncReport> reports)
                throws InterruptedException {
            sync = new SessionSync((subscriptions, willTopic, willPayload) -> PahoHostLink.connect(endpoint, subscriptions,
                    willTopic, willPayload), store, log::add);
            Thread.ofPlatform().name("chaos-host").start(() -> {
                try {
                    SyncReport finished = sync.run(null);
                    reports.add(finished);
                    report.complete(finished);
                } catch (Throwable e) {
                    log.add("host sync ended: " + e);
                    crashes.add(e.toString());
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
