// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LiveCommandTest {

    private final StringWriter err = new StringWriter();

    private int live(String... arguments) {
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[arguments.length + 1];
        all[0] = "live";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return commandLine.execute(all);
    }

    @Test
    void live_goneAfterOutOfRange_isAUsageErrorNamingTheOption() {
        assertEquals(ExitCodes.USAGE, live("--gone-after", "0"));
        assertEquals("backbeat live: --gone-after must be 0.5..60 seconds, was 0.0", err.toString().strip());
    }

    @Test
    void live_badDeviceId_isAUsageErrorNamingTheOption() {
        assertEquals(ExitCodes.USAGE, live("--device", "a/b"));
        assertTrue(err.toString().startsWith("backbeat live: --device: id must be"), err.toString());
    }

    @Test
    void live_noBroker_exitsFourSayingSo() {
        assertEquals(ExitCodes.BROKER, live("--broker", "tcp://127.0.0.1:1", "--seconds", "1"));
        assertTrue(err.toString().startsWith("backbeat live: cannot reach the MQTT broker at tcp://127.0.0.1:1"),
                err.toString());
    }
}
