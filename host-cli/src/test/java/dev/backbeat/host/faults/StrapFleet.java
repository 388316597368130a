// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.DeviceSync;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.mqtt.BrokerEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Straps, each with its own outbox file of recorded sessions, sending at once: the device's real
 * outbox and sender, each strap on its own thread with its own connection. Knows what each strap
 * recorded, so a test can check that every session was stored once and whole.
 */
public final class StrapFleet {

    private final Map<String, Path> outboxes;
    private final Map<String, Map<String, Integer>> samples;
    private final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

    private StrapFleet(Map<String, Path> outboxes, Map<String, Map<String, Integer>> samples) {
        this.outboxes = outboxes;
        this.samples = samples;
    }

    /** {@code straps} straps ({@code strap-00}, ...) with {@code sessionsEach} sessions of about {@code seconds} s. */
    public static StrapFleet write(Path directory, int straps, int sessionsEach, int seconds) throws Exception {
        return write(directory, "strap-", straps, sessionsEach, seconds);
    }

    /** As {@link #write(Path, int, int, int)}, the straps named {@code prefix} and two digits. */
    public static StrapFleet write(Path directory, String prefix, int straps, int sessionsEach, int seconds) throws Exception {
        Map<String, Path> outboxes = new TreeMap<>();
        Map<String, Map<String, Integer>> samples = new TreeMap<>();
        for (int strap = 0; strap < straps; strap++) {
            String deviceId = prefix + String.format(Locale.ROOT, "%02d", strap);
            Path data = directory.resolve(deviceId);
            try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                for (int session = 0; session < sessionsEach; session++) {
                    SyncChaosIT.writeSession(outbox, deviceId, deviceId + "-s" + session, seconds + strap, false);
                }
            }
            outboxes.put(deviceId, data);
            samples.put(deviceId, SyncChaosIT.samplesInOutbox(data));
        }
        return new StrapFleet(outboxes, samples);
    }

    public List<String> deviceIds() {
        return List.copyOf(outboxes.keySet());
    }

    /** The records the straps' outboxes hold: each session's start, chunks and end. */
    public int recordCount() throws Exception {
        int records = 2 * sessionCount();
        for (Path data : outboxes.values()) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(DeviceOutbox.FILE_NAME));
                 ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM chunks")) {
                row.next();
                records += row.getInt(1);
            }
        }
        return records;
    }

    public int sessionCount() {
        return samples.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Every strap syncs its outbox at once through {@code endpoints} (its broker endpoint by device
     * id), with a window of 16 records in bundles of 4, each giving up after {@code timeout}.
     */
    public List<OutboxSender.Result> sendAll(Function<String, BrokerEndpoint> endpoints, Duration timeout) throws Exception {
        List<CompletableFuture<OutboxSender.Result>> sending = new ArrayList<>();
        for (Map.Entry<String, Path> strap : outboxes.entrySet()) {
            sending.add(CompletableFuture.supplyAsync(() -> {
                try (DeviceOutbox outbox = DeviceOutbox.open(strap.getValue())) {
                    return DeviceSync.run(outbox, strap.getKey(), endpoints.apply(strap.getKey()),
                            OutboxSender.Settings.DEFAULTS.withWindow(16).withBundleRecords(4), timeout,
                            line -> log.add(String.format(Locale.ROOT, "%tT.%<tL %s: %s", System.currentTimeMillis(),
                                    strap.getKey(), line)));
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

    /** What the straps' senders said, each line with its time and device id, in order. */
    public String log() {
        return String.join("\n", log);
    }

    /** The sessions each strap's outbox still holds unconfirmed, by device id (empty lists once all are confirmed). */
    public Map<String, List<String>> pendingSessions() throws Exception {
        Map<String, List<String>> pending = new TreeMap<>();
        for (Map.Entry<String, Path> strap : outboxes.entrySet()) {
            try (DeviceOutbox outbox = DeviceOutbox.open(strap.getValue())) {
                pending.put(strap.getKey(), outbox.pending().stream().map(DeviceOutbox.PendingSession::sessionId).toList());
            }
        }
        return pending;
    }

    /** Every session of every strap stored once, with every sample; nothing conflicting or quarantined. */
    public void assertStoredOnceWhole(Path store) throws Exception {
        try (SessionStore sessions = SessionStore.open(store, false)) {
            List<SessionListing> stored = sessions.list().stream()
                    .filter(listing -> samples.containsKey(listing.deviceId())).toList();
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

    /** How many sessions the SQLite store in {@code store} holds so far (0 before its schema exists). */
    public static int sessionsStoredSoFar(Path store) throws Exception {
        Path file = store.resolve(SessionStore.FILE_NAME);
        if (!Files.exists(file)) {
            return 0;
        }
        java.util.Properties waitForWriters = new java.util.Properties();
        waitForWriters.setProperty("busy_timeout", "5000"); // the workers write while this reads
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, waitForWriters);
             java.sql.Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM sessions")) {
            return row.next() ? row.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return 0; // the schema is still being created
            }
            throw e;
        }
    }
}
