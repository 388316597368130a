// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.control.DeviceCommander;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DeviceCommand;
import dev.backbeat.mqtt.control.DeviceHealth;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backbeat-device serve} as a real process on the simulated strap: SIGTERM during a session
 * ends it keeping what it recorded, says goodbye ({@code offline}) and exits 0; SIGKILL leaves the
 * broker to publish its last will ({@code gone}).
 */
class ServeProcessIT {

    private static final String STRAP = "strap-p";

    @TempDir
    Path directory;

    @Test
    void serveProcess_sigtermDuringASession_keepsItAndExitsZero_sigkillLeavesItsLastWill() throws Exception {
        Path data = directory.resolve("strap");
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY);
             MqttLink host = PahoHostLink.connect(BrokerEndpoint.plain(broker.uri(), "backbeat-host-process-it"),
                     List.of(SyncTopics.health(STRAP)), SyncTopics.command(STRAP), "")) {
            Path firstLog = directory.resolve("serve-1.log");
            Process serving = DeviceProcess.start(firstLog, "serve", "--device-id", STRAP, "--time-scale", "2",
                    "--data-dir", data.toString(), "--broker", broker.uri());
            awaitHealth(host, health -> health.state() == DeviceHealth.State.IDLE, firstLog);
            DeviceCommander.Outcome started = DeviceCommander.issue(host, STRAP, DeviceCommand.Action.START,
                    Optional.empty(), Duration.ofSeconds(15), Clock.systemUTC());
            assertInstanceOf(DeviceCommander.Outcome.Answered.class, started, Files.readString(firstLog));
            Thread.sleep(3_000); // about 6 s of session
            serving.destroy(); // SIGTERM
            assertTrue(serving.waitFor(30, TimeUnit.SECONDS), "the service stops");
            String log = Files.readString(firstLog);
            assertEquals(0, serving.exitValue(), log);
            DeviceHealth goodbye = awaitHealth(host, health -> health.state() == DeviceHealth.State.OFFLINE, firstLog);
            assertEquals(1, goodbye.outboxSessions(), "its session waits for the host");
            try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
                DeviceOutbox.PendingSession session = outbox.pending().getFirst();
                assertTrue(session.ended() && session.sealedChunks() >= 3, session + "\n" + log);
            }

            Path secondLog = directory.resolve("serve-2.log");
            Process killed = DeviceProcess.start(secondLog, "serve", "--device-id", STRAP, "--data-dir", data.toString(),
                    "--broker", broker.uri());
            awaitHealth(host, health -> health.state() == DeviceHealth.State.SENDING, secondLog);
            killed.destroyForcibly(); // SIGKILL: no goodbye
            assertTrue(killed.waitFor(10, TimeUnit.SECONDS));
            DeviceHealth will = awaitHealth(host, health -> health.state() == DeviceHealth.State.GONE, secondLog);
            assertEquals(STRAP, will.deviceId());
        }
    }

    /** Waits for a health of the strap that {@code wanted} accepts. */
    private static DeviceHealth awaitHealth(MqttLink host, java.util.function.Predicate<DeviceHealth> wanted, Path log)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<MqttLink.InboundMessage> message = host.poll(Duration.ofMillis(200));
            if (message.isPresent() && message.get().payload().length > 0
                    && ControlCodec.decode(message.get().payload()) instanceof ControlDecodeResult.Health(DeviceHealth health)
                    && wanted.test(health)) {
                return health;
            }
        }
        throw new AssertionError("no such health within 60 s; strap log:\n" + Files.readString(log));
    }
}
