// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host;

import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.paho.PahoHostLink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The host's sync running on its own thread (in follow mode) until {@link #stop()}. */
final class BackgroundSync implements AutoCloseable {

    final List<String> progress = new CopyOnWriteArrayList<>();
    private final SessionSync sync;
    private final CompletableFuture<SyncReport> report = new CompletableFuture<>();
    private final Thread thread;

    BackgroundSync(BrokerEndpoint endpoint, SessionStore store) throws InterruptedException {
        sync = new SessionSync((subscriptions, willTopic, willPayload) ->
                PahoHostLink.connect(endpoint, subscriptions, willTopic, willPayload), store, progress::add);
        thread = Thread.ofPlatform().name("test-host-sync").start(() -> {
            try {
                report.complete(sync.run(null));
            } catch (Throwable e) {
                report.completeExceptionally(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!sync.isConnected() && !report.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    SessionSync sync() {
        return sync;
    }

    /** Stops the sync and returns its report. */
    SyncReport stop() throws Exception {
        sync.stop();
        return report.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        sync.stop();
        thread.join(30_000);
    }
}
