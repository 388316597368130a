// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code backbeat device config}: what the host refuses before it connects to any broker (the
 * broker given is a port nothing listens on, so reaching it would exit 4). What the strap does with
 * a configuration is {@code ServeConfigIT}.
 */
class DeviceConfigCommandTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String[] withBroker = java.util.Arrays.copyOf(args, args.length + 2);
        withBroker[args.length] = "--broker";
        withBroker[args.length + 1] = "tcp://127.0.0.1:" + port;
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(withBroker);
    }

    @Test
    void config_invalidRoutineFile_isRefusedWithFileAndLineBeforeConnecting() throws Exception {
        Path file = directory.resolve("mine.routine");
        Files.writeString(file, "backbeat-routine 1\nname mine\nstep neutral-stand duration=5\n# hold longer\n"
                + "step extension repetitions=5 hold=300\n");
        assertEquals(ExitCodes.INPUT, run("device", "config", "strap-01", "--routine", file.toString()));
        assertEquals("backbeat device config: " + file + ":5: hold must be a number of s from 0 to 120, was '300'\n",
                err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void config_invalidProfileFileOrUnknownName_isRefusedBeforeConnecting() throws Exception {
        Path file = directory.resolve("mine.profile");
        Files.write(file, new byte[] {'b', 0, 'x'});
        assertEquals(ExitCodes.INPUT, run("device", "config", "strap-01", "--profile", file.toString()));
        assertTrue(err.toString().contains(file + ":1: not a text file (a NUL byte)"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.INPUT, run("device", "config", "strap-01", "--routine", "yoga"));
        assertTrue(err.toString().startsWith("backbeat device config: yoga: is neither a built-in routine"), err.toString());
    }

    @Test
    void config_breathingOutOfRange_isRefusedBeforeConnecting() throws Exception {
        assertEquals(ExitCodes.USAGE, run("device", "config", "strap-01", "--pacer-rate", "12"));
        assertEquals("backbeat device config: --pacer-rate: must be 3..10 breaths/min, was 12\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.USAGE, run("device", "config", "strap-01", "--ratio", "1:9"));
        assertTrue(err.toString().contains("within 1:4 and 4:1"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.USAGE, run("device", "config", "strap-01", "--ratio", "four:six"));
        assertTrue(err.toString().contains("--ratio: must be inhale:exhale"), err.toString());
    }

    @Test
    void config_validOptions_getAsFarAsTheBroker() throws Exception {
        assertEquals(ExitCodes.BROKER, run("device", "config", "strap-01", "--routine", "extensions", "--profile", "gentle",
                "--pacer-rate", "5", "--ratio", "4:6"));
        assertTrue(err.toString().startsWith("backbeat device config: cannot reach the MQTT broker"), err.toString());
    }

    @Test
    void help_deviceAndConfig_areWholeSentencesThatFitEightyColumns() {
        CommandLine device = BackbeatMain.commandLine().getSubcommands().get("device");
        for (CommandLine command : List.of(device, device.getSubcommands().get("config"))) {
            for (String paragraph : command.getCommandSpec().usageMessage().description()) {
                assertTrue(paragraph.endsWith("."), command.getCommandSpec().qualifiedName() + ": '" + paragraph + "'");
            }
            command.getCommandSpec().usageMessage().width(80).autoWidth(false);
            for (String line : command.getUsageMessage().split("\n")) {
                assertTrue(line.length() <= 80, command.getCommandSpec().qualifiedName() + ": " + line);
            }
        }
        assertTrue(device.getSubcommands().get("config").getUsageMessage().contains("--pacer-rate=N"));
    }
}
