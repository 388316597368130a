// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.routine.BuiltInRoutines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RoutinesCommandTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void routines_noArguments_listsEveryBuiltInWithItsLength() {
        assertEquals(ExitCodes.OK, run("routines"));
        for (String name : BuiltInRoutines.NAMES) {
            assertTrue(out.toString().contains("\n" + name + " "), name + " in\n" + out);
        }
        assertTrue(out.toString().contains("3:30"), "extensions: a 10 s breath of standing + 5 × 40 s\n" + out);
    }

    @Test
    void show_extensionsWithGentleProfile_printsThePersonalisedSteps() {
        assertEquals(ExitCodes.OK, run("routines", "show", "extensions", "--profile", "gentle"));
        String text = out.toString();
        assertTrue(text.startsWith("extensions with profile gentle: "), text);
        assertTrue(text.contains(" 2. extension           5 repetitions, 3 breaths each (36 s), out over 6.0 s, hold 20 s, range 12°; "
                + "pacer 5/min 4:6; guards hyperextension, end-range-hold (past 25 s), speed"), text);
    }

    @Test
    void show_asFileOfAPersonalisedRoutine_isAValidRoutineFileThatCheckAccepts() throws Exception {
        assertEquals(ExitCodes.OK, run("routines", "show", "daily", "--profile", "athletic", "--as-file"));
        Path file = directory.resolve("mine.routine");
        Files.writeString(file, out.toString());
        out.getBuffer().setLength(0);
        assertEquals(ExitCodes.OK, run("routines", "check", file.toString()));
        assertTrue(out.toString().contains("routine daily, 7 steps"), out.toString());
    }

    @Test
    void check_brokenFile_namesFileAndLineAndExitsInput() throws Exception {
        Path file = directory.resolve("broken.routine");
        Files.writeString(file, "backbeat-routine 1\nname broken\nstep neutral-stand duration=5\nstep extension repetitions=5 hold=200\n");
        assertEquals(ExitCodes.INPUT, run("routines", "check", file.toString()));
        assertEquals(file + ":4: hold must be a number of s from 0 to 120, was '200'", err.toString().strip());
    }

    @Test
    void show_unknownName_saysWhatIsBuiltIn() {
        assertEquals(ExitCodes.INPUT, run("routines", "show", "yoga"));
        assertTrue(err.toString().startsWith("backbeat routines show: no built-in routine or routine file 'yoga' (built in: daily, "),
                err.toString());
    }

    @Test
    void profiles_listAndShow_printTheSettings() {
        assertEquals(ExitCodes.OK, run("profiles"));
        assertTrue(out.toString().contains("gentle"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(ExitCodes.OK, run("profiles", "show", "gentle"));
        assertTrue(out.toString().contains("extension limit   15°"), out.toString());
        assertTrue(out.toString().contains("over 3.0 min"), out.toString());
        assertTrue(out.toString().contains("calibration       stand: a neutral stand opens every session"), out.toString());
    }
}
