package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionDecodeResult;
import dev.backbeat.device.config.ConfigurationException;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.hardware.actuator.SimulatedHapticActuator;
import dev.backbeat.hardware.sim.Routine;
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

    private DeviceConfiguration configuration(String... lines) throws ConfigurationException {
        return DeviceConfigurationFile.parse(List.of(lines), "test", dataDirectory);
    }

    @Test
    void runSession_fiveCatCowCyclesOnSimulatedMpu6050s_recordsBothSensorsRepetitionsAndPacedBreaths() throws Exception {
        DeviceConfiguration configuration = configuration("haptic.kind = none");
        Routine routine = Routine.catCow(5);
        List<String> progress = new ArrayList<>();
        DeviceService service = new DeviceService(DeviceSettings.from(configuration), progress::add);
        RecordedSession session;
        SimulatedHapticActuator actuator;
        try (StrapHardware hardware = StrapHardware.simulated(configuration, routine, new SimulationOptions(5, 0, 7))) {
            actuator = (SimulatedHapticActuator) hardware.actuator();
            session = service.runSession(hardware, routine.durationSeconds()).session();
        }

        assertEquals("sim-mpu6050", session.hardware());
        assertEquals(100.0, session.sampleRateHz());
        // 5 s stand + 2 s hinge + 5 × 10 s + 2 s back = 59 s at 100 Hz, read from the chips' FIFOs
        assertEquals(5900, session.track(SensorPosition.UPPER).orElseThrow().sampleCount(), 1);
        assertEquals(5900, session.track(SensorPosition.LOWER).orElseThrow().sampleCount(), 1);
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
    void runSimulatedSession_lsm6dsoxAndDrv2605l_runsAtTheChipsRate() throws Exception {
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), line -> { });
        RecordedSession session = service.runSimulatedSession(configuration("imu.chip = lsm6dsox"),
                new SimulationOptions(1, 0, 3)).session();
        assertEquals("sim-lsm6dsox", session.hardware());
        assertEquals(104.0, session.sampleRateHz());
        assertEquals(1, session.summary().repetitionCount());
    }

    @Test
    void runSimulatedSession_savesTheEncodedSessionToTheOutbox() throws Exception {
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), line -> { });
        DeviceService.Recording recording = service.runSimulatedSession(configuration(), new SimulationOptions(1, 0, 1));
        assertEquals(dataDirectory.resolve("sessions/outbox/" + recording.session().sessionId() + ".bbs"), recording.file());
        SessionDecodeResult decoded = SessionCodec.decode(Files.readAllBytes(recording.file()));
        assertEquals(recording.session(), assertInstanceOf(SessionDecodeResult.Decoded.class, decoded).session());
    }

    @Test
    void publish_acknowledged_movesTheFileFromOutboxToSent() throws Exception {
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), line -> { });
        DeviceService.Recording recording = service.runSimulatedSession(configuration(), new SimulationOptions(1, 0, 1));
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
        DeviceService.Recording recording = service.runSimulatedSession(configuration(), new SimulationOptions(1, 0, 1));
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
