// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeviceMainTest {

    @TempDir
    Path dataDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = DeviceMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void execute_unknownOption_exitsTwoWithOneLine() {
        assertEquals(DeviceMain.USAGE, run("--frobnicate"));
        assertTrue(err.toString().startsWith("backbeat-device: Unknown option: '--frobnicate'"), err.toString());
    }

    @Test
    void execute_unknownHardware_namesTheChoices() {
        assertEquals(DeviceMain.USAGE, run("--hardware", "toaster"));
        assertTrue(err.toString().contains("sim"), err.toString());
    }

    @Test
    void execute_hardwarePiWithoutPiSupport_exitsFiveBeforeRecording() {
        // the command without the backbeat-device launcher's Pi4J board (as the backbeat command's demo has it)
        assertEquals(DeviceMain.HARDWARE_UNAVAILABLE, run("--hardware", "pi", "--no-publish", "--data-dir",
                dataDirectory.toString()));
        assertTrue(err.toString().contains("hardware = pi needs the Raspberry Pi support of the backbeat-device launcher"),
                err.toString());
        assertEquals("", out.toString(), "nothing recorded");
    }

    @Test
    void execute_hardwarePi_opensTheGivenBoardOnlyAfterTheBusDeviceIsThere() {
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        CommandLine commandLine = DeviceMain.commandLine(pwmChip -> {
            opened.incrementAndGet();
            throw new java.io.IOException("no board in a test");
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute("--hardware", "pi", "--no-publish", "--data-dir", dataDirectory.toString());
        if (Files.exists(Path.of("/dev/i2c-1"))) {
            return; // a Pi: the start-up checks pass this point and the board is opened
        }
        assertEquals(DeviceMain.HARDWARE_UNAVAILABLE, exitCode, err.toString());
        assertTrue(err.toString().contains("/dev/i2c-1"), err.toString());
        assertEquals(0, opened.get(), "the board is not opened before the I2C bus device exists");
    }

    @Test
    void execute_sampleRateOutOfRange_exitsTwo() {
        assertEquals(DeviceMain.USAGE, run("--rate", "5", "--data-dir", dataDirectory.toString()));
        assertEquals("backbeat-device: command line: imu.sample_rate_hz: must be 100.0..200.0, was 5.0",
                err.toString().strip());
    }

    @Test
    void execute_negativeKeepAlive_exitsTwoNamingTheOptionBeforeRecording() {
        int exitCode = run("--cycles", "1", "--time-scale", "0", "--data-dir", dataDirectory.toString(),
                "--broker", "tcp://127.0.0.1:1", "--keep-alive", "-3");
        assertEquals(DeviceMain.USAGE, exitCode);
        assertEquals("backbeat-device: --keep-alive must be 1 to 65535 seconds, was -3", err.toString().strip());
        assertTrue(!Files.exists(dataDirectory.resolve("outbox.db")), "nothing recorded");
    }

    @Test
    void execute_oneCycle_countsOneRepetitionInTheSingular() {
        run("--cycles", "1", "--time-scale", "0", "--data-dir", dataDirectory.toString(), "--no-publish");
        assertTrue(out.toString().contains(" recorded: 1 repetition, "), out.toString());
    }

    @Test
    void execute_unreachableBroker_exitsFourAndKeepsTheSession() throws Exception {
        int exitCode = run("--cycles", "1", "--time-scale", "0", "--data-dir", dataDirectory.toString(),
                "--broker", "tcp://127.0.0.1:1", "--sync-timeout", "3");
        assertEquals(DeviceMain.BROKER_UNREACHABLE, exitCode);
        assertTrue(err.toString().contains("cannot reach the MQTT broker at tcp://127.0.0.1:1"), err.toString());
        try (var outbox = dev.backbeat.device.outbox.DeviceOutbox.open(dataDirectory)) {
            assertEquals(1, outbox.pending().size());
        }
    }

    @Test
    void execute_configurationWithUnknownKey_exitsSixNamingFileLineAndKey() throws Exception {
        Path file = dataDirectory.resolve("device.conf");
        Files.writeString(file, "# my strap\ndevice.id = strap-07\nimu.sample_rate = 150\n");
        assertEquals(DeviceMain.CONFIGURATION, run("--config", file.toString()));
        assertTrue(err.toString().startsWith("backbeat-device: " + file + ":3: unknown key 'imu.sample_rate'"), err.toString());
    }

    @Test
    void execute_configurationInDataDirectory_isReadAndTheCommandLineWins() throws Exception {
        Files.writeString(dataDirectory.resolve("device.conf"), "device.id = strap-07\nimu.chip = lsm6dsox\n");
        int exitCode = run("--cycles", "1", "--time-scale", "0", "--data-dir", dataDirectory.toString(),
                "--device-id", "strap-09", "--no-publish");
        assertEquals(DeviceMain.OK, exitCode, err.toString());
        assertTrue(out.toString().contains("on the sim-lsm6dsox strap"), out.toString());
        try (var outbox = dev.backbeat.device.outbox.DeviceOutbox.open(dataDirectory)) {
            byte[] start = outbox.startRecord(outbox.pending().get(0).sessionId()).orElseThrow();
            var decoded = (dev.backbeat.mqtt.sync.SyncDecodeResult.Decoded) dev.backbeat.mqtt.sync.SyncCodec.decode(start);
            assertEquals("strap-09", decoded.record().deviceId());
        }
    }

    @Test
    void defaultConfigurationFile_environmentNamesAFile_isThatFileEvenWithOneInTheDataDirectory() throws Exception {
        Files.writeString(dataDirectory.resolve("device.conf"), "device.id = strap-07\n");
        Path packaged = dataDirectory.resolve("etc-backbeat-device.conf");
        assertEquals(java.util.Optional.of(packaged),
                DeviceMain.defaultConfigurationFile(packaged.toString(), dataDirectory));
    }

    @Test
    void defaultConfigurationFile_environmentUnsetOrBlank_isTheDataDirectorysIfItExists() throws Exception {
        assertEquals(java.util.Optional.empty(), DeviceMain.defaultConfigurationFile(null, dataDirectory));
        Files.writeString(dataDirectory.resolve("device.conf"), "device.id = strap-07\n");
        assertEquals(java.util.Optional.of(dataDirectory.resolve("device.conf")),
                DeviceMain.defaultConfigurationFile(" ", dataDirectory));
    }

    @Test
    void execute_remoteBrokerWithoutTlsInTheConfiguration_isRefusedBeforeRecording() throws Exception {
        Path file = dataDirectory.resolve("device.conf");
        Files.writeString(file, "broker.uri = tcp://192.0.2.5:1883\n");
        assertEquals(DeviceMain.CONFIGURATION, run("--config", file.toString(), "--data-dir", dataDirectory.toString(),
                "--time-scale", "0", "--cycles", "1"));
        assertTrue(err.toString().startsWith("backbeat-device: " + file + ": broker.uri: "), err.toString());
        assertTrue(out.toString().isEmpty(), "nothing recorded: " + out);
    }

    @Test
    void execute_help_listsExitCodes() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("4   broker unreachable"), out.toString());
    }

    @Test
    void execute_noPublishAfterAPowerCut_closesTheOpenSessionAsInterruptedFirst() throws Exception {
        assertEquals(DeviceMain.OK, run("--cycles", "1", "--time-scale", "0", "--data-dir", dataDirectory.toString(),
                "--no-publish"));
        // a power cut before the end record
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dataDirectory.resolve(dev.backbeat.device.outbox.DeviceOutbox.FILE_NAME));
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("UPDATE sessions SET state = 'RECORDING', end_record = NULL");
        }
        assertEquals(DeviceMain.OK, run("--cycles", "1", "--time-scale", "0", "--data-dir", dataDirectory.toString(),
                "--no-publish"));
        assertTrue(out.toString().contains("interrupted"), out.toString());
        try (var outbox = dev.backbeat.device.outbox.DeviceOutbox.open(dataDirectory)) {
            assertEquals(List.of(), outbox.recording(), "no session left open");
            assertEquals(2, outbox.pending().size());
            assertTrue(outbox.pending().stream().allMatch(dev.backbeat.device.outbox.DeviceOutbox.PendingSession::ended));
        }
    }
}
