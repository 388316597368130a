package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionDecodeResult;
import dev.backbeat.hardware.actuator.SimulatedHapticActuator;
import dev.backbeat.mqtt.SessionPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceServiceTest {

    @TempDir
    Path dataDirectory;

    private DeviceService.Recording runCatCow(int cycles, List<String> progress, SimulatedHapticActuator actuator)
            throws Exception {
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), progress::add);
        return service.runSimulatedSession(new SimulationOptions(cycles, 0, 7), actuator);
    }

    @Test
    void runSimulatedSession_fiveCatCowCycles_recordsBothSensorsFiveRepetitionsAndPacedBreaths() throws Exception {
        SimulatedHapticActuator actuator = new SimulatedHapticActuator();
        List<String> progress = new ArrayList<>();
        RecordedSession session = runCatCow(5, progress, actuator).session();

        // 5 s stand + 2 s hinge + 5 × 10 s + 2 s back = 59 s at 100 Hz: upper ticks at 0 .. 59.00 s,
        // lower ticks (0.37 of a period later) at 0.0037 .. 58.9937 s
        assertEquals(5901, session.track(SensorPosition.UPPER).orElseThrow().sampleCount());
        assertEquals(5900, session.track(SensorPosition.LOWER).orElseThrow().sampleCount());
        assertEquals(59.0, session.summary().durationSeconds(), 1e-9);
        assertEquals(5, session.summary().repetitionCount());
        assertEquals(5, session.repetitions().size());
        // the simulated flow bends 20° forward and 15° back, minus up to 0.6° of breathing
        assertEquals(20, session.summary().flexionMaxDegrees(), 2.0);
        assertEquals(-15, session.summary().flexionMinDegrees(), 2.5);
        // 6 breaths/min over 59 s: inhale cues at 0, 10, ..., 50 s
        assertEquals(6, session.summary().pacerInhaleCues());
        assertEquals(6, session.pacerCues().stream().filter(cue -> cue.phase() == BreathPhase.INHALE).count());
        assertEquals(6, actuator.pulseCount(), "one motor swell per paced breath");
        assertTrue(progress.size() >= 6, "a progress line every 10 s: " + progress);
    }

    @Test
    void runSimulatedSession_savesTheEncodedSessionToTheOutbox() throws Exception {
        DeviceService.Recording recording = runCatCow(1, new ArrayList<>(), new SimulatedHapticActuator());
        assertEquals(dataDirectory.resolve("sessions/outbox/" + recording.session().sessionId() + ".bbs"), recording.file());
        SessionDecodeResult decoded = SessionCodec.decode(Files.readAllBytes(recording.file()));
        assertEquals(recording.session(), assertInstanceOf(SessionDecodeResult.Decoded.class, decoded).session());
    }

    @Test
    void publish_acknowledged_movesTheFileFromOutboxToSent() throws Exception {
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), line -> { });
        DeviceService.Recording recording = service.runSimulatedSession(new SimulationOptions(1, 0, 1),
                new SimulatedHapticActuator());
        List<String> published = new ArrayList<>();
        Path sent = service.publish(recording, new SessionPublisher() {
            @Override
            public void publish(String deviceId, String sessionId, byte[] payload) {
                published.add(deviceId + "/" + sessionId + "/" + payload.length);
            }

            @Override
            public void close() {
            }
        });
        assertEquals(List.of("strap-01/" + recording.session().sessionId() + "/" + recording.payload().length), published);
        assertTrue(Files.exists(sent));
        assertTrue(Files.notExists(recording.file()));
    }

    @Test
    void publish_brokerFails_leavesTheSessionInTheOutbox() throws Exception {
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), line -> { });
        DeviceService.Recording recording = service.runSimulatedSession(new SimulationOptions(1, 0, 1),
                new SimulatedHapticActuator());
        try {
            service.publish(recording, new SessionPublisher() {
                @Override
                public void publish(String deviceId, String sessionId, byte[] payload) throws IOException {
                    throw new IOException("broker went away");
                }

                @Override
                public void close() {
                }
            });
        } catch (IOException expected) {
            assertEquals("broker went away", expected.getMessage());
        }
        assertTrue(Files.exists(recording.file()));
    }
}
