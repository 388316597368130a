// SPDX-License-Identifier: Apache-2.0

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
import dev.backbeat.device.outbox.DeviceOutbox;
import dev.backbeat.mqtt.sync.SyncCodec;
import dev.backbeat.mqtt.sync.SyncDecodeResult;
import dev.backbeat.mqtt.sync.SyncRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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
            session = service.runSession(hardware, routine.durationSeconds()).sessionWithSamples();
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
    void runSimulatedSession_writesStartChunksAndEndIntoTheOutbox_andTheChunksHoldEverySample() throws Exception {
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), line -> { });
        DeviceService.Recording recording = service.runSimulatedSession(configuration(), new SimulationOptions(1, 0, 1));
        RecordedSession session = recording.sessionWithSamples();
        assertEquals(dataDirectory.resolve(DeviceOutbox.FILE_NAME), recording.file());
        try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
            DeviceOutbox.PendingSession pending = outbox.pending().get(0);
            assertEquals(session.sessionId(), pending.sessionId());
            assertTrue(pending.ended());
            assertEquals(Math.ceil(session.summary().durationSeconds()), pending.sealedChunks(), 1.0, "about one chunk a second");
            int samples = 0;
            for (int index = 0; index < pending.sealedChunks(); index++) {
                SyncRecord.SessionChunk chunk = (SyncRecord.SessionChunk) ((SyncDecodeResult.Decoded) SyncCodec.decode(
                        outbox.chunkRecord(session.sessionId(), index).orElseThrow())).record();
                samples += chunk.samples().sampleCount();
            }
            assertEquals(session.tracks().stream().mapToInt(track -> track.sampleCount()).sum(), samples);
            SyncRecord.SessionEnd end = (SyncRecord.SessionEnd) ((SyncDecodeResult.Decoded) SyncCodec.decode(
                    outbox.endRecord(session.sessionId()).orElseThrow())).record();
            assertEquals(SyncRecord.EndStatus.COMPLETE, end.status());
            assertEquals(pending.sealedChunks(), end.chunkCount());
        }
    }

    @Test
    void recoverInterrupted_sessionWithoutEnd_isClosedAsInterruptedWithItsSealedChunks() throws Exception {
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), line -> { });
        DeviceService.Recording recording = service.runSimulatedSession(configuration(), new SimulationOptions(2, 0, 1));
        String sessionId = recording.session().sessionId();
        // a power cut before the end record: drop the end and the last chunks as if they were never written
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + recording.file());
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE sessions SET state = 'RECORDING', end_record = NULL, sealed_chunks = 12");
            statement.execute("DELETE FROM chunks WHERE chunk_index >= 12");
        }
        assertEquals(List.of(sessionId), service.recoverInterrupted());
        try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
            SyncRecord.SessionEnd end = (SyncRecord.SessionEnd) ((SyncDecodeResult.Decoded) SyncCodec.decode(
                    outbox.endRecord(sessionId).orElseThrow())).record();
            assertEquals(SyncRecord.EndStatus.INTERRUPTED, end.status());
            assertEquals(12, end.chunkCount());
            RecordedSession analysis = ((SessionDecodeResult.Decoded) SessionCodec.decode(end.analysis())).session();
            assertTrue(analysis.summary().durationSeconds() > 11 && analysis.summary().durationSeconds() < 12.01,
                    "replayed up to the cut: " + analysis.summary().durationSeconds());
            assertEquals(List.of(), outbox.recording());
        }
        assertEquals(List.of(), service.recoverInterrupted(), "nothing left to recover");
    }

    @Test
    void runSession_strapFailsMidSession_throwsAHardwareErrorNotAnOutboxError_andKeepsWhatWasSealed() throws Exception {
        DeviceConfiguration configuration = configuration("haptic.kind = none");
        Routine routine = Routine.catCow(2);
        DeviceService service = new DeviceService(DeviceSettings.from(configuration), line -> { });
        try (StrapHardware hardware = StrapHardware.simulated(configuration, routine, new SimulationOptions(2, 0, 7))) {
            int[] polls = new int[1];
            dev.backbeat.hardware.strap.Strap failing = new dev.backbeat.hardware.strap.Strap() {
                @Override
                public List<SensorPosition> sensors() {
                    return hardware.strap().sensors();
                }

                @Override
                public double sampleRateHz() {
                    return hardware.strap().sampleRateHz();
                }

                @Override
                public void drainTo(dev.backbeat.hardware.strap.StrapSampleSink sink) throws IOException {
                    if (++polls[0] > 40) {
                        throw new IOException("I2C read of 0x68 register 0x72 failed: remote I/O error");
                    }
                    hardware.strap().drainTo(sink);
                }

                @Override
                public void close() {
                }
            };
            IOException failure = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> service.runSession(failing, hardware.pacing(), hardware.actuator(), routine.durationSeconds(), "sim"));
            assertTrue(failure.getMessage().contains("0x68"), failure.getMessage());
            assertTrue(!(failure instanceof dev.backbeat.device.outbox.OutboxException), "a strap failure, not storage");
        }
        try (DeviceOutbox outbox = DeviceOutbox.open(dataDirectory)) {
            List<DeviceOutbox.PendingSession> pending = outbox.pending();
            assertEquals(1, pending.size());
            assertTrue(pending.get(0).sealedChunks() > 0 && !pending.get(0).ended(), pending.toString());
        }
    }

    @Test
    void outboxOpen_dataDirectoryIsAFile_throwsAnOutboxErrorNamingIt() throws Exception {
        Path notADirectory = Files.writeString(dataDirectory.resolve("plain-file"), "x");
        IOException failure = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> DeviceOutbox.open(notADirectory));
        assertInstanceOf(dev.backbeat.device.outbox.OutboxException.class, failure);
        assertTrue(failure.getMessage().contains(notADirectory.toString()), failure.getMessage());
    }

    @Test
    void recoverInterrupted_unreadableStartRecord_leavesThatSessionAndDoesNotStopTheStrap() throws Exception {
        List<String> progress = new ArrayList<>();
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), progress::add);
        DeviceService.Recording recording = service.runSimulatedSession(configuration(), new SimulationOptions(1, 0, 1));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + recording.file());
             Statement statement = connection.createStatement()) {
            // damaged by a power cut: no end, and a start record that no longer decodes
            statement.execute("UPDATE sessions SET state = 'RECORDING', end_record = NULL, start_record = X'00010203'");
        }
        assertEquals(List.of(), service.recoverInterrupted());
        assertTrue(progress.stream().anyMatch(line -> line.contains("cannot be closed") && line.contains("SessionStart")),
                progress.toString());
        DeviceService.Recording next = service.runSimulatedSession(configuration(), new SimulationOptions(1, 0, 2));
        assertEquals(1, next.session().summary().repetitionCount(), "the strap still records");
    }

    @Test
    void recordWhileSending_recordingFailsAtOnce_throwsItsFailureWithoutWaitingForTheSyncTimeout() throws Exception {
        DeviceService service = new DeviceService(DeviceSettings.defaults(dataDirectory), line -> { });
        long started = System.nanoTime();
        HardwareUnavailableException failure = org.junit.jupiter.api.Assertions.assertThrows(
                HardwareUnavailableException.class, () -> service.recordWhileSending(() -> {
                    throw new HardwareUnavailableException(List.of("I2C bus 1: /dev/i2c-1 does not exist"));
                }, dev.backbeat.mqtt.BrokerEndpoint.plain("tcp://127.0.0.1:1", "backbeat-device-strap-01"),
                        dev.backbeat.device.outbox.OutboxSender.Settings.DEFAULTS, java.time.Duration.ofSeconds(60)));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(List.of("I2C bus 1: /dev/i2c-1 does not exist"), failure.findings());
        assertTrue(seconds < 10, "returned after " + seconds + " s, not after the 60 s sync timeout");
    }
}
