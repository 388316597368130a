// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.ServeMode;
import dev.backbeat.device.SimulationOptions;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.device.serve.SimulatedButton;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.cli.BackbeatMain;
import dev.backbeat.host.control.DeviceCommander;
import dev.backbeat.host.control.HealthBoard;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DeviceCommand;
import dev.backbeat.mqtt.control.DeviceHealth;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code backbeat-device serve} in-process on the simulated strap and its simulated, bouncing push
 * button, through the real embedded broker (HiveMQ CE) into the host's SQLite store: the button
 * starts and stops a session, the host's (unsigned, loopback) commands start and stop another, the
 * health is published, decodes and is what {@code backbeat status} prints.
 */
class ServeIT {

    @TempDir
    Path directory;

    private final List<String> strapLog = new CopyOnWriteArrayList<>();

    private static void await(BooleanSupplier condition, String what, List<String> log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; strap log: " + log);
            }
            Thread.sleep(50);
        }
    }

    private static List<SessionListing> stored(SessionStore store) {
        try {
            return store.list();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void serve_buttonAndHostCommands_startAndStopSessionsThatReachTheStore_andHealthIsPublished() throws Exception {
        Path data = directory.resolve("strap");
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY);
             SessionStore store = SessionStore.open(directory.resolve("store"), true);
             BackgroundSync host = new BackgroundSync(BrokerEndpoint.plain(broker.uri(), "backbeat-host-serve-it"), store)) {
            DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("health.interval_s = 5"), "test", data);
            SimulatedButton button = new SimulatedButton();
            ServeMode serving = ServeMode.start(configuration, DeviceSettings.from(configuration),
                    new SimulationOptions(8, 5, 1), Optional.empty(), Optional.of(new ServeMode.Publishing(
                            BrokerEndpoint.plain(broker.uri(), "backbeat-device-strap-01"), OutboxSender.Settings.DEFAULTS)),
                    button, ServeMode.Probes.SYSTEM, strapLog::add);
            CompletableFuture<Void> finished = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    serving.run();
                    finished.complete(null);
                } catch (Throwable e) {
                    finished.completeExceptionally(e);
                }
            });
            await(serving::controlConnected, "the control channel", strapLog);

            // the button: press, about 10 s of session at 5x, press again
            button.click(120);
            await(() -> serving.status().isRecording(), "the button's session to start", strapLog);
            Thread.sleep(2_000);
            button.click(120);
            await(() -> stored(store).size() == 1, "the button's session in the host's store", strapLog);
            SessionListing first = stored(store).getFirst();
            assertTrue(first.sessionId().contains("-n1-"), first.sessionId());
            assertTrue(first.durationSeconds() > 5 && first.durationSeconds() < 25, "stopped early: " + first.durationSeconds());

            // the host: start and stop over MQTT (a loopback broker, an unpaired strap: unsigned)
            try (MqttLink hostLink = PahoHostLink.connect(BrokerEndpoint.plain(broker.uri(), "backbeat-host-command-it"),
                    List.of(SyncTopics.health("strap-01")), SyncTopics.command("strap-01"), "")) {
                DeviceCommander.Outcome started = DeviceCommander.issue(hostLink, "strap-01", DeviceCommand.Action.START,
                        Optional.empty(), Duration.ofSeconds(10), Clock.systemUTC());
                assertEquals("started", assertInstanceOf(DeviceCommander.Outcome.Answered.class, started, strapLog.toString())
                        .outcome());
                Thread.sleep(1_500);
                DeviceCommander.Outcome stopped = DeviceCommander.issue(hostLink, "strap-01", DeviceCommand.Action.STOP,
                        Optional.empty(), Duration.ofSeconds(10), Clock.systemUTC());
                assertEquals("stopped", ((DeviceCommander.Outcome.Answered) stopped).outcome());
            }
            await(() -> stored(store).size() == 2, "the host's session in the store", strapLog);
            assertTrue(stored(store).stream().anyMatch(listing -> listing.sessionId().contains("-n2-")));
            try (MqttLink watcher = PahoHostLink.connect(BrokerEndpoint.plain(broker.uri(), "backbeat-host-watch-it"),
                    List.of(SyncTopics.command("strap-01")), null, null)) {
                assertEquals(Optional.empty(), watcher.poll(Duration.ofMillis(800)), "no retained command is left");
            }

            // the health: retained, decodable, idle once the host confirmed both
            await(() -> health(broker).state() == DeviceHealth.State.IDLE, "an idle health", strapLog);
            DeviceHealth health = health(broker);
            assertEquals(0, health.outboxSessions());
            assertTrue(health.lastConfirmedAt().isPresent());
            assertEquals("cat-cow", health.routine());
            assertTrue(health.chips().contains("upper simulated MPU-6050 @ 0x68"), health.chips().toString());
            assertTrue(health.freeDiskBytes() > health.sessionDiskBytes());
            StringWriter out = new StringWriter();
            CommandLine status = BackbeatMain.commandLine();
            status.setOut(new PrintWriter(out));
            assertEquals(0, status.execute("status", "--broker", broker.uri()));
            assertTrue(out.toString().startsWith("strap-01  idle, up "), out.toString());
            assertTrue(out.toString().contains("outbox 0 session(s)"), out.toString());

            serving.requestShutdown();
            finished.get(30, TimeUnit.SECONDS);
            assertEquals(DeviceHealth.State.OFFLINE, health(broker).state(), "the goodbye replaces the last will");
            host.stop();
        }
    }

    /** The strap's retained health as a fresh subscriber gets it. */
    private static DeviceHealth health(EmbeddedBroker broker) {
        try (MqttLink link = PahoHostLink.connect(BrokerEndpoint.plain(broker.uri(), "backbeat-host-health-it"),
                List.of(SyncTopics.ALL_HEALTH), null, null)) {
            Map<String, ControlDecodeResult> board = HealthBoard.collect(link, Duration.ofMillis(500));
            return ((ControlDecodeResult.Health) board.get("strap-01")).health();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
