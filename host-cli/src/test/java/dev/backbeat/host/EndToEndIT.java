// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.device.DeviceService;
import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.SimulationOptions;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.host.broker.EmbeddedBroker;
import dev.backbeat.host.cli.BackbeatMain;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.outbox.OutboxSender;
import dev.backbeat.mqtt.BrokerEndpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Device service → real embedded HiveMQ broker → host sync → real SQLite file. */
class EndToEndIT {

    @TempDir
    Path directory;

    @Test
    void session_publishedThroughTheBroker_isStoredEqualToWhatTheDeviceRecorded() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY)) {
            DeviceService device = new DeviceService(DeviceSettings.defaults(directory.resolve("device")), line -> { });
            DeviceService.Recording recording = device.runSimulatedSession(
                    DeviceConfigurationFile.defaults(directory.resolve("device")), new SimulationOptions(3, 0, 5));
            RecordedSession recorded = recording.sessionWithSamples();
            try (SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
                SyncReport report;
                OutboxSender.Result sent;
                List<String> progress;
                try (BackgroundSync host = new BackgroundSync(BrokerEndpoint.plain(broker.uri(), "backbeat-host-it"), store)) {
                    sent = device.sync(BrokerEndpoint.plain(broker.uri(), "backbeat-device-strap-01"),
                            OutboxSender.Settings.DEFAULTS, Duration.ofSeconds(30));
                    report = host.stop();
                    progress = host.progress;
                }
                assertEquals(List.of(recorded.sessionId()), sent.confirmed(), progress.toString());
                assertEquals(List.of("strap-01/" + recorded.sessionId()), report.stored(), progress.toString());
                try (DeviceOutbox outbox = DeviceOutbox.open(directory.resolve("device"))) {
                    assertEquals(List.of(), outbox.pending(), "the device holds the session as confirmed, nothing pending");
                }

                SessionListing listing = store.find(recorded.sessionId()).orElseThrow();
                assertEquals(recorded.track(SensorPosition.UPPER).orElseThrow().sampleCount(), listing.upperSamples());
                assertEquals(recorded.track(SensorPosition.LOWER).orElseThrow().sampleCount(), listing.lowerSamples());
                assertEquals(recorded.summary().repetitionCount(), listing.repetitionCount());
                assertEquals(3, listing.repetitionCount());
                assertEquals(recorded.summary().flexionMinDegrees(), listing.flexionMinDegrees());
                assertEquals(recorded.summary().flexionMaxDegrees(), listing.flexionMaxDegrees());
                assertEquals(recorded.summary().pacerInhaleCues(), listing.pacerInhaleCues());
                assertEquals(recorded.summary().durationSeconds(), listing.durationSeconds());
                assertEquals(recorded, store.load(listing), "the raw samples, cues and repetitions too");

                assertEquals("complete", listing.status());

                // confirmed end to end: syncing again sends and stores nothing
                try (BackgroundSync host = new BackgroundSync(BrokerEndpoint.plain(broker.uri(), "backbeat-host-it-2"), store)) {
                    OutboxSender.Result again = device.sync(BrokerEndpoint.plain(broker.uri(), "backbeat-device-strap-01"),
                            OutboxSender.Settings.DEFAULTS, Duration.ofSeconds(10));
                    assertEquals(0, again.sent());
                    SyncReport second = host.stop();
                    assertEquals(List.of(), second.stored());
                    assertEquals(0, second.duplicates());
                }
            }
        }
    }

    @Test
    void recordWhileSending_hostPresent_receivesChunksBeforeTheRecordingEnds() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(directory.resolve("broker"), EmbeddedBroker.freeLoopbackPort(),
                EmbeddedBroker.Persistence.IN_MEMORY);
             SessionStore store = SessionStore.open(directory.resolve("store"), true);
             BackgroundSync host = new BackgroundSync(BrokerEndpoint.plain(broker.uri(), "backbeat-host-live"), store)) {
            DeviceService device = new DeviceService(DeviceSettings.defaults(directory.resolve("device")), line -> { });
            long[] receivedWhileRecording = new long[1];
            // 2x real time: a 5 s stand and one cat-cow cycle take a few seconds of wall clock
            DeviceService.SentRecording sent = device.recordWhileSending(() -> {
                DeviceService.Recording recording = device.runSimulatedSession(
                        DeviceConfigurationFile.defaults(directory.resolve("device")), new SimulationOptions(1, 2, 3));
                receivedWhileRecording[0] = host.sync().records(); // before the sender hears the recording ended
                return recording;
            }, BrokerEndpoint.plain(broker.uri(), "backbeat-device-live"), OutboxSender.Settings.DEFAULTS, Duration.ofSeconds(30));
            SyncReport report = host.stop();

            String sessionId = sent.recording().session().sessionId();
            assertEquals(List.of(sessionId), sent.result().confirmed(), host.progress.toString());
            assertEquals(List.of("strap-01/" + sessionId), report.stored(), host.progress.toString());
            long chunks = Math.round(sent.recording().session().summary().durationSeconds());
            assertTrue(receivedWhileRecording[0] >= chunks / 2, "the host had " + receivedWhileRecording[0]
                    + " records of a " + chunks + " s session when its recording ended");
            assertEquals(sent.recording().sessionWithSamples(), store.load(store.find(sessionId).orElseThrow()));
        }
    }

    @Test
    void demo_runsEndToEndAndTheSessionIsListedAfterwards() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        Path store = directory.resolve("store");
        assertTrue(store.toFile().mkdirs());

        int exitCode = commandLine.execute("demo", "--cycles", "2", "--time-scale", "0", "--store", store.toString());

        assertEquals(0, exitCode, out + "\n" + err);
        assertTrue(out.toString().contains("repetitions   2"), out.toString());
        assertTrue(out.toString().contains("pacer cues    "), out.toString());
        StringWriter listed = new StringWriter();
        CommandLine sessions = BackbeatMain.commandLine();
        sessions.setOut(new PrintWriter(listed, true));
        assertEquals(0, sessions.execute("sessions", "--store", store.toString()));
        assertTrue(listed.toString().contains("1 session(s) in "), listed.toString());
    }
}
