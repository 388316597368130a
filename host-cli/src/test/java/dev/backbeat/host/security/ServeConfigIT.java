// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.routine.BuiltInProfiles;
import dev.backbeat.core.routine.BuiltInRoutines;
import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.PlanInStartRecord;
import dev.backbeat.device.ServeMode;
import dev.backbeat.device.SimulationOptions;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.device.serve.ConfigurationInForce;
import dev.backbeat.device.serve.ServeSessionControl;
import dev.backbeat.device.serve.SimulatedButton;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.broker.TlsListenerSettings;
import dev.backbeat.host.cli.BackbeatMain;
import dev.backbeat.host.control.DeviceCommander;
import dev.backbeat.host.control.DeviceConfigurator;
import dev.backbeat.mqtt.BrokerEndpoint;
import dev.backbeat.mqtt.MqttLink;
import dev.backbeat.mqtt.TlsFiles;
import dev.backbeat.mqtt.control.CommandVerifier;
import dev.backbeat.mqtt.control.ConfigurationReport;
import dev.backbeat.mqtt.control.ControlCodec;
import dev.backbeat.mqtt.control.DesiredConfiguration;
import dev.backbeat.mqtt.control.DeviceCommand;
import dev.backbeat.mqtt.paho.PahoHostLink;
import dev.backbeat.mqtt.sync.ClientIds;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import dev.backbeat.mqtt.sync.SyncTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
 * Host to strap: a paired strap serving in-process over the embedded broker's TLS listener takes the
 * host's signed configuration from {@code backbeat device config} and runs its next session with it
 * (the start record names routine and profile with the SHA-256 of their text), reports what it
 * applied; it refuses an unsigned configuration, one it finds invalid (the previous staying in force)
 * and one of a newer format ("update backbeat-device"), each with the reason on its report.
 */
class ServeConfigIT {

    @TempDir
    Path directory;

    private final List<String> strapLog = new CopyOnWriteArrayList<>();

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; strap log: " + strapLog);
            }
            Thread.sleep(50);
        }
    }

    private static int backbeat(StringWriter out, StringWriter err, String... args) {
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void config_signedIsAppliedAtTheNextSession_unsignedInvalidAndNewerAreRefusedWithTheReason() throws Exception {
        PairedClinic clinic = PairedClinic.pair(directory, "localhost", "strap-a");
        TlsListenerSettings tls = TlsListenerSettings.defaults(clinic.brokerFiles()).withPort(EmbeddedBroker.freeLoopbackPort())
                .withListenAddress(InetAddress.getByName("127.0.0.1"));
        List<String> refusals = new CopyOnWriteArrayList<>();
        Path data = directory.resolve("strap-data");
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker-home"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY, Optional.of(tls), refusals::add)) {
            String uri = "ssl://localhost:" + broker.tlsListener().orElseThrow().port();
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
            await(serving::controlConnected, "the control connection over TLS; refusals: " + refusals);

            BrokerEndpoint host = PairedClinic.endpoint(uri, ClientIds.host("config-it"), clinic.files("host"));
            PrivateKey hostKey = TlsFiles.in(clinic.files("host")).ownPrivateKey();
            String hostFiles = clinic.files("host").toString();
            try (MqttLink link = PahoHostLink.connect(host, List.of(SyncTopics.health("strap-a"),
                    SyncTopics.configuration("strap-a"), SyncTopics.configurationReport("strap-a")), null, null)) {
                // unsigned, on a paired strap: refused, with the reason on the report
                DesiredConfiguration unsigned = DeviceConfigurator.next("strap-a",
                        DeviceConfigurator.held(link, "strap-a", Duration.ofMillis(500)), new DeviceConfigurator.Changes(
                                Optional.of(new DesiredConfiguration.Choice(DesiredConfiguration.Form.BUILT_IN, "twists")),
                                Optional.empty(), Double.NaN, Double.NaN, Double.NaN, false), Instant.now());
                assertEquals(1, unsigned.revision());
                DeviceConfigurator.Outcome refusedUnsigned = DeviceConfigurator.publish(link, unsigned,
                        Duration.ofSeconds(10));
                assertTrue(assertInstanceOf(DeviceConfigurator.Outcome.Refused.class, refusedUnsigned, strapLog.toString())
                        .reason().startsWith("it is not signed, and this strap is paired"), refusedUnsigned.toString());
                assertEquals(0, serving.configuration().next().revision(), "the strap's own stays");
            }

            // the host's command line, signed: taken, in force from the next session
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(0, backbeat(out, err, "device", "config", "strap-a", "--routine", "extensions", "--profile", "gentle",
                    "--pacer-rate", "5", "--broker", uri, "--tls", hostFiles), err.toString());
            assertTrue(out.toString().startsWith("strap-a: configuration 2 taken, in force from the next session: configuration 2 "
                    + "(signed, issued "), out.toString());
            assertTrue(out.toString().contains("routine extensions (built in), profile gentle (built in), pacer 5/min"),
                    out.toString());
            assertEquals("", serving.configuration().report().appliedInSession(), "waits for the next session");

            // the next session runs it, and the report says so
            try (MqttLink link = PahoHostLink.connect(host, List.of(SyncTopics.health("strap-a")), SyncTopics.command("strap-a"),
                    "")) {
                assertEquals("started", ((DeviceCommander.Outcome.Answered) DeviceCommander.issue(link, "strap-a",
                        DeviceCommand.Action.START, Optional.of(hostKey), Duration.ofSeconds(10), Clock.systemUTC())).outcome());
                await(() -> serving.configuration().report().applied(), "the configuration applied in the session");
                Thread.sleep(1_000);
                assertEquals("stopped", ((DeviceCommander.Outcome.Answered) DeviceCommander.issue(link, "strap-a",
                        DeviceCommand.Action.STOP, Optional.of(hostKey), Duration.ofSeconds(10), Clock.systemUTC())).outcome());
            }
            await(() -> serving.sessions() == 1, "the session to end");
            String session = serving.configuration().report().appliedInSession();

            // what the strap finds invalid: refused with the reason, configuration 2 stays in force
            try (MqttLink link = PahoHostLink.connect(host, List.of(SyncTopics.configuration("strap-a"),
                    SyncTopics.configurationReport("strap-a")), null, null)) {
                DesiredConfiguration invalid = DesiredConfiguration.unsigned("strap-a", 3, Instant.now(),
                        new DesiredConfiguration.Choice(DesiredConfiguration.Form.TEXT,
                                "backbeat-routine 1\nname mine\nstep neutral-stand duration=5\nstep plank repetitions=3\n"),
                        DesiredConfiguration.Choice.UNSET, Double.NaN, Double.NaN, Double.NaN);
                DeviceConfigurator.Outcome refusedInvalid = DeviceConfigurator.publish(link,
                        DeviceConfigurator.signed(invalid, Optional.of(hostKey)), Duration.ofSeconds(10));
                DeviceConfigurator.Outcome.Refused refused = assertInstanceOf(DeviceConfigurator.Outcome.Refused.class,
                        refusedInvalid, strapLog.toString());
                assertTrue(refused.reason().startsWith("routine of configuration 3:4: unknown movement 'plank'"), refused.reason());
                assertEquals(2, refused.report().revision());
                assertEquals(session, refused.report().appliedInSession());

                // a newer format: refused, "update backbeat-device"
                byte[] newer = ControlCodec.encode(CommandVerifier.sign(DesiredConfiguration.unsigned("strap-a", 4,
                        Instant.now(), DesiredConfiguration.Choice.UNSET, DesiredConfiguration.Choice.UNSET, Double.NaN,
                        Double.NaN, Double.NaN), hostKey));
                newer[8] = 2;
                link.publish(SyncTopics.configuration("strap-a"), newer, true, Duration.ofSeconds(10));
                await(() -> serving.configuration().report().refusal().map(ConfigurationReport.Refusal::reason).orElse("")
                        .contains("update backbeat-device"), "the newer format refused");
            }
            StringWriter shown = new StringWriter();
            assertEquals(0, backbeat(shown, err, "device", "config", "strap-a", "--broker", uri, "--tls", hostFiles),
                    err.toString());
            String[] lines = shown.toString().split("\n");
            assertTrue(lines[0].startsWith("strap-a desired:  UNREADABLE: configuration format 2 is newer"), shown.toString());
            assertTrue(lines[1].startsWith("strap-a reported: configuration 2 in force, applied in session " + session), lines[1]);
            assertTrue(lines[1].contains("routine extensions (sha256 "), lines[1]);
            assertEquals("strap-a refused:  a configuration it could not read: configuration format 2 is newer than this "
                    + "program reads (1): update backbeat-device", lines[2]);

            serving.requestShutdown();
            finished.get(30, TimeUnit.SECONDS);
            assertEquals(List.of(), refusals, "the strap's connections keep to what it may do");
        }
        // the session's start record names what it ran with
        try (DeviceOutbox outbox = DeviceOutbox.open(data)) {
            DeviceOutbox.PendingSession pending = outbox.pending().getFirst();
            Map<String, String> settings = ((SyncRecord.SessionStart) ((SyncDecodeResult.Decoded) SyncCodec.decode(
                    outbox.startRecord(pending.sessionId()).orElseThrow())).record()).settings();
            assertEquals("extensions", settings.get(PlanInStartRecord.ROUTINE_NAME));
            assertEquals(sha256(BuiltInRoutines.source("extensions").orElseThrow()), settings.get(PlanInStartRecord.ROUTINE_SHA256));
            assertEquals("gentle", settings.get(PlanInStartRecord.PROFILE_NAME));
            assertEquals(sha256(BuiltInProfiles.source("gentle").orElseThrow()), settings.get(PlanInStartRecord.PROFILE_SHA256));
            assertEquals("2", settings.get(ServeSessionControl.CONFIGURATION_SETTING));
            assertEquals("5.0", settings.get("pacer.breaths_per_minute"));
        }
        // kept in the data directory: a restarted strap has configuration 2 in force
        assertEquals(2, ConfigurationInForce.open(data, "strap-a", DeviceSettings.from(DeviceConfigurationFile.parse(
                List.of("device.id = strap-a"), "test", data)).plan(), Clock.systemUTC(), line -> { }).next().revision());
    }
}
