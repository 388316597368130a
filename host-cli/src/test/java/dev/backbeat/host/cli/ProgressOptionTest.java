// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressOptionTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync", "report", "export", "analyze"})
    void command_withLongWork_takesNoProgress(String command) {
        assertNotNull(BackbeatMain.commandLine().getSubcommands().get(command).getCommandSpec().findOption("--no-progress"));
    }

    @ParameterizedTest(name = "off={0}")
    @ValueSource(booleans = {true, false})
    void start_noProgress_isQuietElseShown(boolean off) {
        ProgressOption option = new ProgressOption();
        option.off = off;

        Progress.Style style = option.start(new PrintWriter(new StringWriter()), "report", "sessions", 10).style();

        if (off) {
            assertEquals(Progress.Style.QUIET, style);
        } else {
            assertNotEquals(Progress.Style.QUIET, style);
        }
    }
}
