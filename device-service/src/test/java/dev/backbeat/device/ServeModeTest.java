// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.routine.GuardAlert;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionDecodeResult;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.device.serve.ClockProbe;
import dev.backbeat.device.serve.FreeSpaceProbe;
import dev.backbeat.device.serve.SessionSpace;
import dev.backbeat.device.serve.SimulatedButton;
import dev.backbeat.device.serve.ServeSessionControl;
import dev.backbeat.hardware.actuator.SimulatedHapticActuator;
import dev.backbeat.mqtt.control.DeviceHealth;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backbeat-device serve} in-process without a broker, on the simulated strap (real drivers on
 * register-level simulated chips) and the simulated, bouncing push button, through the real
 * polling and session threads and a real SQLite outbox.
 */
class ServeModeTest {

    @TempDir
    Path dataDirectory;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final SimulatedButton button = new SimulatedButton();

    /** A running service; {@link #stop} ends it as SIGTERM does. */
    private final class Running {
        final ServeMode serving;
        final CompletableFuture<Void> finished = new CompletableFuture<>();

        Running(FreeSpaceProbe freeSpace, String... configuration) throws Exception {
            DeviceConfiguration parsed = DeviceConfigurationFile.parse(List.of(configuration), "test", dataDirectory);
            serving = ServeMode.start(parsed, DeviceSettings.from(parsed), new SimulationOptions(8, 5, 1), Optional.empty(),
                    Optional.empty(), button, new ServeMode.Probes(freeSpace, new ClockProbe(dataDirectory,
                            Clock.systemUTC(), List.of())), log::add);
            Thread.ofPlatform().start(() -> {
                try {
                    serving.run();
                    finished.complete(null);
                } catch (Throwable e) {
                    finished.completeExceptionally(e);
                }
            });
        }

        void stop() throws Exception {
            serving.requestShutdown();
            finished.get(20, TimeUnit.SECONDS);
        }
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; log: " + log);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void button_pressThenPressAgain_recordsASessionThatEndsWhereItWasStopped() throws Exception {
        Running running = new Running(FreeSpaceProbe.FILE_SYSTEM);
        button.click(120);
        await(() -> running.serving.status().isRecording(), "the session to start");
        Thread.sleep(2_000); // about 10 s of session at 5x
        button.click(120);
        await(() -> running.serving.sessions() == 1, "the session to end");
        running.stop();
        try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
            DeviceOutbox.PendingSession session = outbox.pending().getFirst();
            assertTrue(session.ended(), "ended, with its end record");
            assertTrue(session.sealedChunks() >= 6 && session.sealedChunks() <= 20,
                    "stopped after about 10 s of a 89 s session: " + session.sealedChunks() + " chunks; " + log);
            assertTrue(session.sessionId().contains("-n1-"), session.sessionId());
            SyncRecord.SessionStart start = (SyncRecord.SessionStart) ((SyncDecodeResult.Decoded) SyncCodec.decode(
                    outbox.startRecord(session.sessionId()).orElseThrow())).record();
            assertEquals("1", start.settings().get(ServeSessionControl.SEQUENCE_SETTING));
            assertEquals("unknown", start.settings().get(ServeSessionControl.CLOCK_SETTING));
            assertEquals("6.0", start.settings().get("pacer.breaths_per_minute"));
        }
    }

    @Test
    void shutdown_duringASession_keepsWhatItRecordedAndReturns() throws Exception {
        Running running = new Running(FreeSpaceProbe.FILE_SYSTEM);
        button.click(120);
        await(() -> running.serving.status().isRecording(), "the session to start");
        Thread.sleep(1_500);
        running.stop(); // what SIGTERM does
        try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
            DeviceOutbox.PendingSession session = outbox.pending().getFirst();
            assertTrue(session.ended() && session.sealedChunks() >= 4, session + "; " + log);
        }
    }

    @Test
    void start_onAFullDisk_isRefusedWithItsPatternAndWritesNothing() throws Exception {
        Running first = new Running(FreeSpaceProbe.FILE_SYSTEM);
        button.click(120);
        await(() -> first.serving.status().isRecording(), "a session to start");
        Thread.sleep(600);
        button.click(120);
        await(() -> first.serving.sessions() == 1, "it to end");
        first.stop();
        byte[] outboxBefore = Files.readAllBytes(dataDirectory.resolve(DeviceOutbox.FILE_NAME));
        byte[] sequenceBefore = Files.readAllBytes(dataDirectory.resolve("session-sequence"));

        long needed = new SessionSpace(100).bytesNeeded();
        AtomicLong free = new AtomicLong(needed - 1);
        Running full = new Running(directory -> free.get());
        button.click(120);
        await(() -> full.serving.simulatedMotor().pulseCount() == 3, "the disk-full pattern: three pulses");
        DeviceHealth health = full.serving.status().health();
        assertTrue(health.problem().startsWith("disk full: "), health.problem());
        assertEquals(DeviceHealth.State.SENDING, health.state(), "not recording; the first session waits for the host");
        assertEquals(0, full.serving.sessions());
        List<SimulatedHapticActuator.IntensityChange> changes = full.serving.simulatedMotor().changes();
        assertEquals(1.0, changes.getFirst().intensityFraction());
        assertEquals(0.7, changes.get(1).timeSeconds(), 1e-9, "long pulses: 0.7 s");
        full.stop();
        assertArrayEquals(sequenceBefore, Files.readAllBytes(dataDirectory.resolve("session-sequence")), "no number taken");
        try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
            assertEquals(1, outbox.pending().size(), "only the first session");
        }
        assertTrue(log.stream().anyMatch(line -> line.startsWith("not starting a session: disk full")), log.toString());
        assertTrue(outboxBefore.length > 0);

        free.set(needed); // space again: the next press starts
        Running freed = new Running(directory -> free.get());
        button.click(120);
        await(() -> freed.serving.status().isRecording(), "a session to start once there is space");
        assertEquals("", freed.serving.status().health().problem());
        freed.stop();
    }

    @Test
    void longPress_whileIdle_selectsTheNextRoutineWithItsPositionInBuzzes() throws Exception {
        Running running = new Running(FreeSpaceProbe.FILE_SYSTEM, "routine.names = cat-cow, cat-cow",
                "button.long_press_ms = 600");
        button.click(800);
        await(() -> running.serving.simulatedMotor().pulseCount() == 2, "two buzzes: the second routine");
        button.click(800);
        await(() -> running.serving.simulatedMotor().pulseCount() == 3, "one buzz: back to the first");
        running.stop();
        assertEquals(0, running.serving.sessions(), "a long press starts nothing");
        assertTrue(log.contains("routine 2 of 2 selected: cat-cow"), log.toString());
    }

    @Test
    void session_startRecord_namesTheRoutineAndProfileInForce_theHostsFromTheNextSession() throws Exception {
        Running running = new Running(FreeSpaceProbe.FILE_SYSTEM, "routine.name = extensions", "profile.name = gentle");
        button.click(120);
        await(() -> running.serving.status().isRecording(), "the first session to start");
        // taken during the first session: in force from the second
        running.serving.configuration().receive(dev.backbeat.mqtt.control.DesiredConfiguration.unsigned("strap-01", 1,
                java.time.Instant.now(), new dev.backbeat.mqtt.control.DesiredConfiguration.Choice(
                        dev.backbeat.mqtt.control.DesiredConfiguration.Form.BUILT_IN, "twists"),
                dev.backbeat.mqtt.control.DesiredConfiguration.Choice.UNSET, 5, 4, 6));
        assertEquals("", running.serving.configuration().report().appliedInSession(), "waits for the next session");
        Thread.sleep(500);
        button.click(120);
        await(() -> running.serving.sessions() == 1, "the first session to end");
        button.click(120);
        await(() -> running.serving.status().isRecording(), "the second session to start");
        await(() -> running.serving.configuration().report().applied(), "the configuration to be applied");
        assertEquals("twists", running.serving.status().health().routine());
        Thread.sleep(500);
        button.click(120);
        await(() -> running.serving.sessions() == 2, "the second session to end");
        running.stop();
        try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
            List<DeviceOutbox.PendingSession> sessions = outbox.pending();
            java.util.Map<String, String> first = startSettings(outbox, sessions.get(0).sessionId());
            assertEquals("extensions", first.get(PlanInStartRecord.ROUTINE_NAME));
            assertEquals(dev.backbeat.core.routine.DefinitionText.routine("extensions").text().length() > 0
                    ? sha256(dev.backbeat.core.routine.BuiltInRoutines.source("extensions").orElseThrow()) : "",
                    first.get(PlanInStartRecord.ROUTINE_SHA256));
            assertEquals("gentle", first.get(PlanInStartRecord.PROFILE_NAME));
            assertEquals(sha256(dev.backbeat.core.routine.BuiltInProfiles.source("gentle").orElseThrow()),
                    first.get(PlanInStartRecord.PROFILE_SHA256));
            assertEquals("0", first.get(ServeSessionControl.CONFIGURATION_SETTING));
            assertEquals("6.0", first.get("pacer.breaths_per_minute"));
            java.util.Map<String, String> second = startSettings(outbox, sessions.get(1).sessionId());
            assertEquals("twists", second.get(PlanInStartRecord.ROUTINE_NAME));
            assertEquals("gentle", second.get(PlanInStartRecord.PROFILE_NAME), "the profile it left unset: the strap's own");
            assertEquals("1", second.get(ServeSessionControl.CONFIGURATION_SETTING));
            assertEquals("5.0", second.get("pacer.breaths_per_minute"), "the host's pacer rate paces the session");
            assertEquals(sessions.get(1).sessionId(), running.serving.configuration().report().appliedInSession());
        }
    }

    @Test
    void longPress_whileIdle_theNextSessionRunsTheSelectedRoutineGuided() throws Exception {
        Running running = new Running(FreeSpaceProbe.FILE_SYSTEM, "routine.names = cat-cow, twists",
                "button.long_press_ms = 600");
        button.click(800);
        await(() -> running.serving.simulatedMotor().pulseCount() == 2, "two buzzes: twists, the second routine");
        assertEquals("twists", running.serving.status().health().routine());
        button.click(120);
        await(() -> running.serving.status().isRecording(), "the session to start");
        Thread.sleep(1_500);
        button.click(120);
        await(() -> running.serving.sessions() == 1, "the session to end");
        running.stop();
        try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
            String sessionId = outbox.pending().getFirst().sessionId();
            assertEquals("twists", startSettings(outbox, sessionId).get(PlanInStartRecord.ROUTINE_NAME));
            RecordedSession session = endSession(outbox, sessionId);
            assertEquals("twists", session.guided().orElseThrow().routineName(), "run as a guided routine");
        }
    }

    @Test
    void longPress_duringAGuidedSession_snoozesTheGuardsAndTheSessionRecordsIt() throws Exception {
        Running running = new Running(FreeSpaceProbe.FILE_SYSTEM, "button.long_press_ms = 600");
        button.click(120);
        await(() -> running.serving.status().isRecording(), "the session to start");
        Thread.sleep(2_000); // about 10 s of session at time scale 5: in the cat-cow step, past the stand
        button.click(800);
        await(() -> log.stream().anyMatch(line -> line.contains("guards snoozed for the rest of the step")),
                "the session to take the snooze");
        button.click(120);
        await(() -> running.serving.sessions() == 1, "the session to end");
        running.stop();
        try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
            RecordedSession session = endSession(outbox, outbox.pending().getFirst().sessionId());
            List<GuardAlert> alerts = session.guided().orElseThrow().alerts();
            List<GuardAlert> snoozes = alerts.stream().filter(alert -> alert.kind() == GuardAlert.Kind.SNOOZED).toList();
            assertEquals(1, snoozes.size(), alerts.toString());
            assertEquals(1, snoozes.get(0).stepIndex(), "in the cat-cow step: " + snoozes);
        }
        assertEquals(1, running.serving.sessions(), "the long press neither stopped nor started a session");
    }

    private static RecordedSession endSession(DeviceOutbox outbox, String sessionId) throws Exception {
        SyncRecord.SessionEnd end = (SyncRecord.SessionEnd) ((SyncDecodeResult.Decoded) SyncCodec.decode(
                outbox.endRecord(sessionId).orElseThrow())).record();
        return ((SessionDecodeResult.Decoded) SessionCodec.decode(end.analysis())).session();
    }

    private static java.util.Map<String, String> startSettings(DeviceOutbox outbox, String sessionId) throws Exception {
        return ((SyncRecord.SessionStart) ((SyncDecodeResult.Decoded) SyncCodec.decode(
                outbox.startRecord(sessionId).orElseThrow())).record()).settings();
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
