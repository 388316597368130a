// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device.serve;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.DeviceSync;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.mqtt.BrokerEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The outbox sender ({@link OutboxSender}) running for as long as the service does: it picks up
 * what sessions seal every few seconds and sends while the host is present, through its own
 * connection; a broker that is away only delays it. If it fails (an outbox it cannot read), it says
 * so and starts again after {@value #RESTART_MILLIS} ms.
 */
public final class BackgroundSender implements AutoCloseable {

    static final long RESTART_MILLIS = 5_000;

    private final Path dataDirectory;
    private final String deviceId;
    private final BrokerEndpoint endpoint;
    private final OutboxSender.Settings settings;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean closing;
    private volatile OutboxSender running;

    public BackgroundSender(Path dataDirectory, String deviceId, BrokerEndpoint endpoint, OutboxSender.Settings settings,
                            Consumer<String> log) {
        this.dataDirectory = dataDirectory;
        this.deviceId = deviceId;
        this.endpoint = endpoint;
        this.settings = settings;
        this.log = log;
        this.thread = Thread.ofPlatform().name("outbox-sender").start(this::run);
    }

    private void run() {
        while (!closing) {
            try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
                OutboxSender sender = DeviceSync.sender(outbox, deviceId, endpoint, settings, log);
                running = sender;
                if (closing) {
                    return;
                }
                // "recording" for as long as the service runs: it keeps looking for new sessions
                sender.run(Duration.ofSeconds(60), () -> !closing);
            } catch (InterruptedException stop) {
                return;
            } catch (Exception failure) {
                if (closing) {
                    return;
                }
                log.accept("sending stopped: " + failure.getMessage() + "; starting again in "
                        + RESTART_MILLIS / 1000 + " s");
                try {
                    Thread.sleep(RESTART_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        OutboxSender sender = running;
        if (sender != null) {
            sender.stop();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
