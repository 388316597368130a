// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreLocation;
import dev.backbeat.host.store.SyncStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.host.testing.PostgresqlServer;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ScriptedLink;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sync workers on one store, each with its own connection pool as two processes have, and
 * the records of the same sessions dealt between them one by one (as an MQTT shared subscription
 * deals them): every session is stored and assembled once, nothing is refused, and each session's
 * acknowledgement read from the store afterwards is complete. On SQLite (a real file) and on
 * PostgreSQL (a real server).
 */
class TwoWorkersOneStoreTest {

    private static final int SESSIONS = 6;

    @TempDir
    Path directory;

    @Test
    void sync_twoWorkersSharingOneSqliteStore_storeEverySessionOnce() throws Exception {
        syncWithTwoWorkers(new StoreLocation.SqliteDirectory(directory.resolve("store"), true));
    }

    @Test
    void sync_twoWorkersSharingOnePostgresqlStore_storeEverySessionOnce() throws Exception {
        PostgresqlServer server = PostgresqlServer.get();
        String database = server.createDatabase("workers");
        syncWithTwoWorkers(StoreLocation.of(server.storeUri(database, PostgresqlServer.ADMIN_ROLE),
                Map.of("PGPASSWORD", PostgresqlServer.ADMIN_PASSWORD)));
    }

    private void syncWithTwoWorkers(StoreLocation location) throws Exception {
        List<String> sessionIds = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            sessionIds.add("shared-" + session);
        }
        List<MqttLink.InboundMessage> records = interleavedRecords(directory.resolve("strap"), sessionIds, 4);
        List<ScriptedLink> links = List.of(new ScriptedLink(), new ScriptedLink());
        for (int index = 0; index < records.size(); index++) {
            links.get(index % 2).inbound.add(records.get(index)); // dealt one by one, as $share deals them
        }
        List<SyncReport> reports = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<SyncReport>> running = new ArrayList<>();
            for (ScriptedLink link : links) {
                running.add(workers.submit(() -> {
                    try (SessionStore store = SessionStore.open(location)) {
                        return new SessionSync((subscriptions, willTopic, willPayload) -> link, store, line -> { })
                                .run(Duration.ofMillis(500));
                    }
                }));
            }
            for (Future<SyncReport> worker : running) {
                reports.add(worker.get(60, TimeUnit.SECONDS));
            }
        } finally {
            workers.shutdownNow();
        }
        List<String> stored = new ArrayList<>();
        for (SyncReport report : reports) {
            stored.addAll(report.stored());
            assertEquals(List.of(), report.rejected(), "nothing refused");
        }
        assertEquals(SESSIONS, stored.size(), "each session assembled by exactly one worker: " + stored);
        try (SessionStore store = SessionStore.open(location); SyncStore sync = new SyncStore(store)) {
            assertEquals(sessionIds, store.list().stream().map(SessionListing::sessionId).sorted().toList());
            for (String sessionId : sessionIds) {
                assertTrue(sync.acknowledgement("strap-a", sessionId).complete(), sessionId);
            }
            assertEquals(0, sync.quarantineCount());
            assertEquals(0, sync.conflictCount());
        }
    }

    /**
     * The records of {@code sessionIds} (each {@code seconds} long at 2 × 100 Hz, one chunk a second)
     * as straps sending at once deliver them: starts, then the chunks of all sessions interleaved, then ends.
     */
    static List<MqttLink.InboundMessage> interleavedRecords(Path outboxDirectory, List<String> sessionIds, int seconds)
            throws Exception {
        List<MqttLink.InboundMessage> records = new ArrayList<>();
        try (DeviceOutbox outbox = DeviceOutbox.open(outboxDirectory)) {
            for (String sessionId : sessionIds) {
                PairedClinic.writeSession(outbox, "strap-a", sessionId, seconds);
            }
            int mostChunks = outbox.pending().stream().mapToInt(pending -> pending.sealedChunks()).max().orElseThrow();
            for (String sessionId : sessionIds) {
                records.add(message(outbox.startRecord(sessionId).orElseThrow()));
            }
            for (int index = 0; index < mostChunks; index++) {
                for (String sessionId : sessionIds) {
                    outbox.chunkRecord(sessionId, index).ifPresent(record -> records.add(message(record)));
                }
            }
            for (String sessionId : sessionIds) {
                records.add(message(outbox.endRecord(sessionId).orElseThrow()));
            }
        }
        return records;
    }

    private static MqttLink.InboundMessage message(byte[] record) {
        return new MqttLink.InboundMessage(SyncTopics.chunks("strap-a"), record, false);
    }
}
