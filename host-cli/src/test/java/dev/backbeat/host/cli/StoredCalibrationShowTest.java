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

/** {@code backbeat show} says in one line where a guided session's calibration came from. */
class StoredCalibrationShowTest {

    @TempDir
    Path directory;

    @Test
    void show_sessionsOfAStoredCalibrationProfile_sayWhetherTheyStoodOrCheckedTheStoredOne() throws Exception {
        Path device = Files.createDirectory(directory.resolve("device"));
        Path store = Files.createDirectory(directory.resolve("store"));
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of(), "test", device);
        String gentle = DefinitionText.profile("gentle").text().replace("glide 3", "glide 0") + "calibration stored\n";
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"),
                Optional.of(DefinitionText.of("gentle.profile (glide 0, calibration stored)", gentle)), Double.NaN, Double.NaN,
                Double.NaN);
        DeviceService service = new DeviceService(DeviceSettings.from(configuration).withPlan(plan), line -> { });
        RecordedSession first = service.runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 5),
                GuidedRoutineScript.Deviations.NONE).session();
        RecordedSession second = service.runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 6),
                GuidedRoutineScript.Deviations.NONE).session();
        try (SessionStore sessions = SessionStore.open(store, false)) {
            sessions.store(first, SessionCodec.encode(first));
            sessions.store(second, SessionCodec.encode(second));
        }
        assertTrue(show(store, first).contains("\n  calibration   neutral stand 0.5-3.5 s (the stored calibration was refused: "
                + "none is stored yet)\n"), show(store, first));
        String shown = show(store, second);
        assertTrue(shown.matches("(?s).*\\n  calibration   stored calibration 0\\.0 days old, check 0\\.5-3\\.0 s agreed within "
                + "0\\.\\d°\\n.*"), shown);
        String json = showJson(store, second).replaceAll("\\s", "");
        assertTrue(json.matches("(?s).*\"calibration\":\\{\"source\":\"stored\",\"neutral_start_s\":0\\.5,\"neutral_end_s\":3,"
                + "\"stored_age_days\":0(\\.\\d+)?,\"check_deviation_deg\":0\\.\\d+,\"stored_refused_because\":\"\"\\}.*"), json);
    }

    private static String show(Path store, RecordedSession session) {
        return run(store, "show", session.sessionId(), "--store", store.toString());
    }

    private static String showJson(Path store, RecordedSession session) {
        return run(store, "show", session.sessionId(), "--json", "--store", store.toString());
    }

    private static String run(Path store, String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(ExitCodes.OK, commandLine.execute(arguments), err.toString());
        return out.toString();
    }
}
