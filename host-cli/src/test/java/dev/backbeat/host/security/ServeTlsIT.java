// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

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
import dev.backbeat.host.broker.TlsListenerSettings;
import dev.backbeat.host.control.DeviceCommander;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.control.DeviceCommand;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.ClientIds;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paired strap serving over TLS through the embedded broker's TLS listener (its rules: the strap's
 * control connection may publish its health and read its commands): the host's signed start and
 * stop are carried out; an unsigned start, even from the host's own connection, is refused and
 * logged, and the strap does not answer it.
 */
class ServeTlsIT {

    @TempDir
    Path directory;

    @Test
    void command_onAPairedStrap_signedIsCarriedOut_unsignedIsRefused() throws Exception {
        PairedClinic clinic = PairedClinic.pair(directory, "localhost", "strap-a");
        TlsListenerSettings tls = TlsListenerSettings.defaults(clinic.brokerFiles()).withPort(EmbeddedBroker.freeLoopbackPort())
                .withListenAddress(InetAddress.getByName("127.0.0.1"));
        List<String> refusals = new CopyOnWriteArrayList<>();
        List<String> strapLog = new CopyOnWriteArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker-home"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY, Optional.of(tls), refusals::add)) {
            String uri = "ssl://localhost:" + broker.tlsListener().orElseThrow().port();
            Path data = directory.resolve("strap-data");
            DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("device.id = strap-a"), "test", data);
            ServeMode serving = ServeMode.start(configuration, DeviceSettings.from(configuration), new SimulationOptions(8, 5, 1),
                    Optional.empty(), Optional.of(new ServeMode.Publishing(PairedClinic.endpoint(uri,
                            ClientIds.device("strap-a"), clinic.files("strap-a")), OutboxSender.Settings.DEFAULTS)),
                    new SimulatedButton(), ServeMode.Probes.SYSTEM, strapLog::add);
            CompletableFuture<Void> finished = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    serving.run();
                    finished.complete(null);
                } catch (Throwable e) {
                    finished.completeExceptionally(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!serving.controlConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(serving.controlConnected(), "the control connection over TLS; refusals: " + refusals + "; " + strapLog);

            BrokerEndpoint host = PairedClinic.endpoint(uri, ClientIds.host("command-it"), clinic.files("host"));
            PrivateKey hostKey = TlsFiles.in(clinic.files("host")).ownPrivateKey();
            try (MqttLink link = PahoHostLink.connect(host, List.of(SyncTopics.health("strap-a")),
                    SyncTopics.command("strap-a"), "")) {
                DeviceCommander.Outcome unsigned = DeviceCommander.issue(link, "strap-a", DeviceCommand.Action.START,
                        Optional.empty(), Duration.ofSeconds(3), Clock.systemUTC());
                assertInstanceOf(DeviceCommander.Outcome.NoAnswer.class, unsigned);
                assertTrue(strapLog.stream().anyMatch(line -> line.startsWith("refused a start command")
                        && line.contains("not signed")), strapLog.toString());
                assertTrue(!serving.status().isRecording(), "an unsigned command starts nothing");

                DeviceCommander.Outcome signed = DeviceCommander.issue(link, "strap-a", DeviceCommand.Action.START,
                        Optional.of(hostKey), Duration.ofSeconds(10), Clock.systemUTC());
                assertEquals("started", assertInstanceOf(DeviceCommander.Outcome.Answered.class, signed, strapLog.toString())
                        .outcome());
                Thread.sleep(1_000);
                DeviceCommander.Outcome stopped = DeviceCommander.issue(link, "strap-a", DeviceCommand.Action.STOP,
                        Optional.of(hostKey), Duration.ofSeconds(10), Clock.systemUTC());
                assertEquals("stopped", ((DeviceCommander.Outcome.Answered) stopped).outcome());
            }
            long sessionsDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (serving.sessions() < 1 && System.nanoTime() < sessionsDeadline) {
                Thread.sleep(20);
            }
            assertEquals(1, serving.sessions(), strapLog.toString());
            serving.requestShutdown();
            finished.get(30, TimeUnit.SECONDS);
            assertEquals(List.of(), refusals, "the strap's two connections keep to what it may do");
        }
    }
}
