// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BackbeatCommandLineTest {

    @TempDir
    Path storeDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private void assertOneLineError(String expectedStart) {
        String[] lines = err.toString().strip().split("\n");
        assertTrue(lines[0].startsWith(expectedStart), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void execute_unknownOption_exitsUsage() {
        assertEquals(ExitCodes.USAGE, run("sessions", "--frobnicate"));
        assertOneLineError("backbeat sessions: Unknown option: '--frobnicate'");
    }

    @Test
    void execute_sessionsOnMissingStore_exitsStore() {
        assertEquals(ExitCodes.STORE, run("sessions", "--store", storeDirectory.resolve("missing").toString()));
        assertOneLineError("backbeat sessions: store directory ");
    }

    @Test
    void execute_showUnknownId_exitsNotFound() {
        assertEquals(ExitCodes.NOT_FOUND, run("show", "no-such-session", "--store", storeDirectory.toString()));
        assertOneLineError("backbeat show: no session 'no-such-session' in ");
    }

    @Test
    void execute_syncWithUnreachableBroker_exitsBroker() {
        assertEquals(ExitCodes.BROKER, run("sync", "--broker", "tcp://127.0.0.1:1", "--store", storeDirectory.toString()));
        assertOneLineError("backbeat sync: cannot reach the MQTT broker at tcp://127.0.0.1:1");
    }

    @Test
    void execute_syncWithMalformedBrokerAddress_exitsUsage() {
        assertEquals(ExitCodes.USAGE, run("sync", "--broker", "http://x", "--store", storeDirectory.toString()));
        assertOneLineError("backbeat sync: broker address 'http://x' must start with tcp:// or ssl://");
    }

    @Test
    void execute_syncWithAShareGroupThatIsNoId_exitsUsageNamingTheOption() {
        assertEquals(ExitCodes.USAGE, run("sync", "--share", "clinic/a", "--store", storeDirectory.toString()));
        assertOneLineError("backbeat sync: --share: share group must be 1..64 characters of A-Z a-z 0-9 . _ -, was 'clinic/a'");
    }

    @Test
    void execute_sessionsOnEmptyStore_saysHowToGetSome() {
        assertEquals(ExitCodes.OK, run("sessions", "--store", storeDirectory.toString()));
        assertTrue(out.toString().startsWith("no sessions in "), out.toString());
    }

    @Test
    void execute_help_listsEveryExitCode() {
        assertEquals(ExitCodes.OK, run("show", "--help"));
        for (String line : ExitCodes.LIST) {
            String code = line.substring(0, line.indexOf(':'));
            assertTrue(out.toString().contains("  " + code + "   "), "exit code " + code + " in\n" + out);
        }
    }

    @Test
    void execute_brokerOnBadPort_exitsUsage() {
        assertEquals(ExitCodes.USAGE, run("broker", "--port", "70000"));
        assertOneLineError("backbeat broker: --port must be 1..65535");
    }
}
