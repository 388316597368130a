package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void execute_sampleRateOutOfRange_exitsTwo() {
        assertEquals(DeviceMain.USAGE, run("--rate", "5", "--data-dir", dataDirectory.toString()));
        assertTrue(err.toString().contains("sample rate must be 50..400 Hz"), err.toString());
    }

    @Test
    void execute_unreachableBroker_exitsFourAndKeepsTheSession() throws Exception {
        int exitCode = run("--cycles", "1", "--time-scale", "0", "--data-dir", dataDirectory.toString(),
                "--broker", "tcp://127.0.0.1:1");
        assertEquals(DeviceMain.BROKER_UNREACHABLE, exitCode);
        assertTrue(err.toString().contains("cannot reach the MQTT broker at tcp://127.0.0.1:1"), err.toString());
        try (var files = Files.list(dataDirectory.resolve("sessions/outbox"))) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void execute_help_listsExitCodes() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("4   broker unreachable"), out.toString());
    }
}
