// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.analysis.RecordingAnalyzer;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.device.DeviceService;
import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.SimulationOptions;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AngleTraceTest {

    @TempDir
    Path deviceDirectory;

    @Test
    void downsample_longSeries_keepsEachRunsLargestValueAtItsMiddleTime() {
        double[] times = new double[1000];
        double[] angle = new double[1000];
        for (int index = 0; index < 1000; index++) {
            times[index] = index * 0.01;
            angle[index] = index == 437 ? -40 : index % 7; // one sharp extension peak
        }
        angle[5] = Double.NaN;

        double[][] points = AngleTrace.downsample(times, new double[][] {angle}, 100);

        assertEquals(100, points[0].length);
        assertEquals(times[4], points[0][0], 1e-12);
        assertEquals(-40, points[1][43], "the peak survives");
        assertEquals(6, points[1][0], "a NaN is skipped");
    }

    @Test
    void downsample_shortSeries_isKeptAsItIs() {
        double[][] points = AngleTrace.downsample(new double[] {0, 1, 2}, new double[][] {{1, -2, 3}}, 500);

        assertArrayEquals(new double[] {0, 1, 2}, points[0]);
        assertArrayEquals(new double[] {1, -2, 3}, points[1]);
    }

    @Test
    void of_guidedSessionFromTheSimulatedStrap_marksItsRepetitionsCuesAndAlerts() throws Exception {
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of(), "test", deviceDirectory);
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"),
                // gentle without its glide: the simulated wearer, who does not feel the motor, keeps to the cues
                Optional.of(DefinitionText.of("gentle.profile (glide 0)",
                        DefinitionText.profile("gentle").text().replace("glide 3", "glide 0"))),
                Double.NaN, Double.NaN, Double.NaN);
        RecordedSession session = new DeviceService(DeviceSettings.from(configuration).withPlan(plan), line -> { })
                .runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 3),
                        new GuidedRoutineScript.Deviations(8, 1, 1.5)).sessionWithSamples();

        AngleTrace trace = AngleTrace.of(session, RecordingAnalyzer.withDefaults().analyze(
                new RawRecording(session.tracks(), Map.of(), false, List.of()))).orElseThrow();

        assertEquals(AngleTrace.MAX_POINTS, trace.timeSeconds().length);
        assertEquals(5, trace.repetitions().stream().filter(repetition -> !repetition.partial()).count(),
                trace.repetitions().toString());
        assertEquals(session.guided().orElseThrow().alerts().size(), trace.alerts().size());
        assertTrue(trace.alerts().get(0).label().startsWith("hyperextension: "), trace.alerts().get(0).label());
        assertFalse(trace.inhaleCueSeconds().isEmpty());
        double deepest = java.util.Arrays.stream(trace.flexionDegrees()).filter(Double::isFinite).min().orElseThrow();
        assertTrue(deepest < -15, "the extension past the 15° limit shows: " + deepest);

        StringBuilder html = new StringBuilder();
        TraceChart.render(html, trace, "trace");
        assertEquals(trace.repetitions().size(), count(html.toString(), "<title>extension, ")
                + count(html.toString(), "<title>partial "), html.toString());
        assertEquals(trace.alerts().size(), count(html.toString(), "stroke=\"" + TraceChart.ALERT + "\""));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
