// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreLocation;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.host.testing.PostgresqlServer;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.ScriptedLink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast the host's store takes the straps' records, on each engine, with one and two sync
 * workers: {@code SessionSync} workers (each with its own pool, as processes have) fed from
 * memory (no broker: the store's share of the cost), the records of several sessions interleaved
 * and dealt between the workers one by one. Times from the start to the commit of the last
 * session; medians over rounds, each on a new store. Asserts nothing lost or stored twice; prints
 * one line per configuration. Small by default; {@code bench/store-throughput} runs it larger:
 * {@code -Dstore.sessions=N -Dstore.seconds=S -Dstore.rounds=R}.
 */
class StoreThroughputIT {

    private static final int SESSIONS = Integer.getInteger("store.sessions", 6);
    private static final int SECONDS = Integer.getInteger("store.seconds", 20);
    private static final int ROUNDS = Integer.getInteger("store.rounds", 3);

    @TempDir
    Path directory;

    @Test
    void sync_eachEngineWithOneAndTwoWorkers_storesEverySessionOnceAndSaysHowFast() throws Exception {
        List<String> sessionIds = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            sessionIds.add("throughput-" + session);
        }
        List<MqttLink.InboundMessage> records = TwoWorkersOneStoreTest.interleavedRecords(directory.resolve("strap"),
                sessionIds, SECONDS);
        PostgresqlServer server = PostgresqlServer.get();
        for (String engine : List.of("sqlite", "postgresql")) {
            for (int workers = 1; workers <= 2; workers++) {
                double[] recordsPerSecond = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    StoreLocation location = engine.equals("sqlite")
                            ? new StoreLocation.SqliteDirectory(directory.resolve("store-" + workers + "-" + round), true)
                            // without TLS, as measured before the test server offered it (bench/README.md)
                            : StoreLocation.of(server.storeUri(server.createDatabase("throughput"), PostgresqlServer.ADMIN_ROLE)
                                    + "&sslmode=disable",
                                    Map.of("PGPASSWORD", PostgresqlServer.ADMIN_PASSWORD));
                    SessionStore.open(location).close(); // the schema exists before the clock starts, as in a clinic
                    double seconds = run(location, records, workers);
                    recordsPerSecond[round] = records.size() / seconds;
                }
                double[] sorted = recordsPerSecond.clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "store throughput: %s, %d worker(s), %d sessions x %d records: median %.0f "
                                + "records/s, %.1f sessions/s (rounds: %s)%n", engine, workers, SESSIONS,
                        records.size() / SESSIONS, sorted[ROUNDS / 2], sorted[ROUNDS / 2] * SESSIONS / records.size(),
                        Arrays.toString(Arrays.stream(recordsPerSecond).map(Math::round).toArray()));
            }
        }
    }

    /** Seconds from the workers' start to the commit of the last session. */
    private double run(StoreLocation location, List<MqttLink.InboundMessage> records, int workerCount) throws Exception {
        List<ScriptedLink> links = new ArrayList<>();
        for (int worker = 0; worker < workerCount; worker++) {
            links.add(new ScriptedLink());
        }
        for (int index = 0; index < records.size(); index++) {
            links.get(index % workerCount).inbound.add(records.get(index));
        }
        AtomicLong lastStoredNanos = new AtomicLong();
        long startNanos = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workerCount);
        List<String> stored = new ArrayList<>();
        try {
            List<Future<SyncReport>> running = new ArrayList<>();
            for (ScriptedLink link : links) {
                running.add(pool.submit(() -> {
                    try (SessionStore store = SessionStore.open(location)) {
                        return new SessionSync((subscriptions, willTopic, willPayload) -> link, store, line -> {
                            if (line.startsWith("stored ")) {
                                lastStoredNanos.accumulateAndGet(System.nanoTime(), Math::max);
                            }
                        }).run(Duration.ofMillis(300));
                    }
                }));
            }
            for (Future<SyncReport> worker : running) {
                SyncReport report = worker.get(300, TimeUnit.SECONDS);
                stored.addAll(report.stored());
                assertEquals(List.of(), report.rejected());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(SESSIONS, stored.size(), "every session stored once: " + stored);
        assertEquals(SESSIONS, stored.stream().distinct().count());
        return (lastStoredNanos.get() - startNanos) / 1e9;
    }
}
