// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import dev.backbeat.mqtt.live.LiveFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live frames of a guided session on the strap's real path (drivers on the register-level
 * simulated chips, the simulated wearer going past the extension limit): ten a second of session
 * time, with the angles once calibrated, the pacer's phases, the count and the alerts the session
 * records.
 */
class LiveFramesTest {

    @TempDir
    Path dataDirectory;

    @Test
    void guidedSession_withLiveFeed_handsOverTenFramesASecondThatEndOnTheRecordedCounts() throws Exception {
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of(), "test", dataDirectory);
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"), Optional.of(DefinitionText.profile("gentle")),
                Double.NaN, Double.NaN, Double.NaN);
        DeviceService service = new DeviceService(DeviceSettings.from(configuration).withPlan(plan), line -> { });
        List<LiveFrame> frames = new ArrayList<>();
        Thread sampling = Thread.currentThread();
        service.live(frame -> {
            assertEquals(sampling, Thread.currentThread(), "frames are handed over on the sampling thread");
            frames.add(frame);
        });

        RecordedSession session = service.runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 3),
                new GuidedRoutineScript.Deviations(8, 1, 1.5)).session();

        double seconds = session.summary().durationSeconds();
        assertEquals(seconds * 10, frames.size(), 0.02 * seconds * 10, "frames at 10 Hz over " + seconds + " s");
        for (int i = 1; i < frames.size(); i++) {
            assertEquals(i, frames.get(i).sequence());
            double step = frames.get(i).sessionSeconds() - frames.get(i - 1).sessionSeconds();
            assertTrue(step > 0.05 && step < 0.2, "frame " + i + " came " + step + " s after the one before");
        }
        assertTrue(frames.get(0).calibrating(), "no angles in the opening stand");
        LiveFrame last = frames.get(frames.size() - 1);
        assertFalse(last.calibrating());
        assertEquals(session.sessionId(), last.sessionId());
        assertEquals(session.repetitions().size(), last.repetitionCount());
        assertEquals(session.guided().orElseThrow().alerts().size(), last.alertCount());
        assertTrue(frames.stream().anyMatch(frame -> frame.lastAlert() == LiveFrame.Alert.HYPEREXTENSION));
        // extension beyond the 15° limit shows as flexion below -15° in some frame
        assertTrue(frames.stream().filter(frame -> !frame.calibrating()).mapToDouble(LiveFrame::flexionDegrees).min()
                .orElseThrow() < -15);
        Set<LiveFrame.PacerPhase> phases = EnumSet.noneOf(LiveFrame.PacerPhase.class);
        frames.forEach(frame -> phases.add(frame.pacerPhase()));
        assertTrue(phases.containsAll(Set.of(LiveFrame.PacerPhase.INHALE, LiveFrame.PacerPhase.EXHALE)), phases.toString());
    }
}
