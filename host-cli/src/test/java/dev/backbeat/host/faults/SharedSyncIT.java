// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.mqtt.BrokerEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
        StrapFleet straps = StrapFleet.write(directory, 6, 3, 20);
        Path store = Files.createDirectories(directory.resolve("store"));
        try (MosquittoProcess broker = new MosquittoProcess(directory.resolve("mosquitto"), MosquittoProcess.freePort(), "")
                .start()) {
            // closed (killed if still running) when an assertion fails, so no worker JVM outlives the test
            try (SyncWorkerProcess first = SyncWorkerProcess.start(GROUP, broker.uri(), store, directory.resolve("worker-1.log"));
                 SyncWorkerProcess second = SyncWorkerProcess.start(GROUP, broker.uri(), store, directory.resolve("worker-2.log"))) {
                List<OutboxSender.Result> results = straps.sendAll(plain(broker.uri()), Duration.ofSeconds(120));
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
        }
        straps.assertStoredOnceWhole(store);
    }

    @Test
    void oneWorkerKilledHalfwayAndRestarted_everySessionStoredOnceWhole() throws Exception {
        StrapFleet straps = StrapFleet.write(directory, 6, 4, 60);
        Path store = Files.createDirectories(directory.resolve("store"));
        try (MosquittoProcess broker = new MosquittoProcess(directory.resolve("mosquitto"), MosquittoProcess.freePort(), "")
                .start()) {
            try (SyncWorkerProcess survivor = SyncWorkerProcess.start(GROUP, broker.uri(), store, directory.resolve("worker-1.log"));
                 SyncWorkerProcess victim = SyncWorkerProcess.start(GROUP, broker.uri(), store, directory.resolve("worker-2.log"))) {
                CompletableFuture<List<OutboxSender.Result>> sending = CompletableFuture.supplyAsync(() -> {
                    try {
                        return straps.sendAll(plain(broker.uri()), Duration.ofSeconds(240));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (StrapFleet.sessionsStoredSoFar(store) < straps.sessionCount() / 2 && System.nanoTime() < deadline
                        && !sending.isDone()) {
                    Thread.sleep(20);
                }
                int storedAtKill = StrapFleet.sessionsStoredSoFar(store);
                assertTrue(storedAtKill > 0 && storedAtKill < straps.sessionCount() && !sending.isDone(),
                        "killed halfway (" + storedAtKill + " stored)");
                victim.kill();
                try (SyncWorkerProcess restarted = SyncWorkerProcess.start(GROUP, broker.uri(), store,
                        directory.resolve("worker-3.log"))) {
                    for (OutboxSender.Result result : sending.get(300, TimeUnit.SECONDS)) {
                        assertTrue(result.allConfirmed(), result + "\n" + survivor.log() + "\n" + restarted.log());
                    }
                    survivor.stop();
                    restarted.stop();
                }
                System.out.printf(Locale.ROOT, "shared sync chaos: %d of %d sessions stored when a worker was killed%n",
                        storedAtKill, straps.sessionCount());
            }
        }
        straps.assertStoredOnceWhole(store);
    }

    /** Each strap on the plain loopback broker at {@code uri}, with a 2 s keep-alive. */
    private static Function<String, BrokerEndpoint> plain(String uri) {
        return deviceId -> BrokerEndpoint.plain(uri, "backbeat-device-" + deviceId).withKeepAlive(Duration.ofSeconds(2));
    }
}
