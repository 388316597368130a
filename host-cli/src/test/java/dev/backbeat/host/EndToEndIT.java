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
import dev.backbeat.host.sync.SessionSync;
import dev.backbeat.host.sync.SyncReport;
import dev.backbeat.mqtt.paho.PahoSessionInbox;
import dev.backbeat.mqtt.paho.PahoSessionPublisher;
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
            try (PahoSessionPublisher publisher = PahoSessionPublisher.connect(broker.uri(), "strap-01")) {
                device.publish(recording, publisher);
            }
            assertTrue(Files.exists(directory.resolve("device/sessions/sent/" + recording.session().sessionId() + ".bbs")));

            RecordedSession recorded = recording.session();
            try (SessionStore store = SessionStore.open(directory.resolve("store"), true)) {
                List<String> progress = new ArrayList<>();
                SyncReport report;
                try (PahoSessionInbox inbox = PahoSessionInbox.connect(broker.uri(), "backbeat-host-it")) {
                    report = new SessionSync(inbox, store, progress::add).run(Duration.ofSeconds(2));
                }
                assertEquals(List.of("strap-01/" + recorded.sessionId()), report.stored(), progress.toString());

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

                // the host acknowledged by clearing the retained session: a second sync receives nothing
                try (PahoSessionInbox inbox = PahoSessionInbox.connect(broker.uri(), "backbeat-host-it-2")) {
                    SyncReport second = new SessionSync(inbox, store, progress::add).run(Duration.ofSeconds(1));
                    assertEquals(List.of(), second.stored());
                    assertEquals(0, second.duplicates());
                }
            }
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
