// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.device.DeviceService;
import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.SimulationOptions;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import dev.backbeat.host.store.SessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code backbeat show} of a guided session recorded on the simulated strap prints it per step, with its alerts. */
class GuidedShowTest {

    @TempDir
    Path directory;

    @Test
    void show_guidedSessionOfAWearerGoingTooFar_printsEachStepAgainstThePlanAndEveryAlert() throws Exception {
        Path device = Files.createDirectory(directory.resolve("device"));
        Path store = Files.createDirectory(directory.resolve("store"));
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of(), "test", device);
        // the gentle profile without its glide: the simulated wearer follows the routine as written, without
        // feeling the motor, so it keeps to the cues only when the pacer starts at the routine's rate
        String gentle = DefinitionText.profile("gentle").text().replace("glide 3", "glide 0");
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"),
                Optional.of(DefinitionText.of("gentle.profile (glide 0)", gentle)), Double.NaN, Double.NaN, Double.NaN);
        DeviceService service = new DeviceService(DeviceSettings.from(configuration).withPlan(plan), line -> { });
        RecordedSession session = service.runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 5),
                new GuidedRoutineScript.Deviations(8, 1, 0)).sessionWithSamples();
        try (SessionStore sessions = SessionStore.open(store, false)) {
            sessions.store(session, SessionCodec.encode(session));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(ExitCodes.OK, commandLine.execute("show", session.sessionId(), "--store", store.toString()), err.toString());
        String shown = out.toString();
        assertTrue(shown.contains("  routine       extensions, profile gentle\n"), shown);
        assertTrue(shown.matches("(?s).*\\n     2  extension +12\\.0 s  5 of 5 .*"), shown);
        assertEquals(5, shown.lines().filter(line -> line.contains("hyperextension  extension past the 15° limit")).count(), shown);
        assertTrue(shown.contains("  pacer cues    16 inhale, 16 exhale at 5 breaths/min\n"), shown);
        // the angles as sparklines: five extensions to about 12-20° (negative flexion), with the stand and rests between
        assertTrue(shown.contains("\n  angles        host analysis of the samples, 56 columns of "), shown);
        String flexion = shown.lines().filter(line -> line.startsWith("  flexion     ")).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError(shown));
        assertTrue(flexion.matches("  flexion      +-(1\\d|2\\d)\\.\\d° [▁▂▃▄▅▆▇█ ]{56} \\+\\d+\\.\\d°"), flexion);
        assertTrue(flexion.chars().filter(c -> c == '▁').count() >= 5, "the five extensions at the bottom: " + flexion);
        assertTrue(shown.lines().anyMatch(line -> line.startsWith("  side bend ")), shown);
    }
}
