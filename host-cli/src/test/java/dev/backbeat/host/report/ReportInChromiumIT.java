// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.RepetitionKind;
import dev.backbeat.core.rhythm.Tempo;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.session.SessionCodec;
import dev.backbeat.core.session.SessionSummary;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.routine.DefinitionText;
import dev.backbeat.core.routine.SessionPlan;
import dev.backbeat.device.DeviceService;
import dev.backbeat.device.DeviceSettings;
import dev.backbeat.device.SimulationOptions;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.hardware.sim.GuidedRoutineScript;
import dev.backbeat.host.cli.BackbeatMain;
import dev.backbeat.host.store.SessionStore;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code backbeat report --html} rendered by headless Chromium (Debian's {@code chromium}, which
 * {@code .ci/run} installs): no console error, and each chart type is drawn (its colour is in the
 * screenshot), the angle traces included (a guided session recorded by the device service on the
 * simulated strap).
 */
class ReportInChromiumIT {

    @TempDir
    Path directory;

    private static final String CHROMIUM = "/usr/bin/chromium";

    @Test
    void report_threeWeeksOfSessions_rendersEveryChartWithoutAConsoleError() throws Exception {
        assumeTrue(new File(CHROMIUM).canExecute(),
                "SKIPPED: " + CHROMIUM + " is missing: install it with 'apt-get install chromium' (.ci/run does)");
        Path store = Files.createDirectory(directory.resolve("store"));
        try (SessionStore sessions = SessionStore.open(store, false)) {
            Instant start = Instant.parse("2026-11-02T07:30:00Z");
            for (int day = 0; day < 21; day += day % 3 == 2 ? 2 : 1) {
                RecordedSession session = session(start.plus(day, ChronoUnit.DAYS), day);
                sessions.store(session, SessionCodec.encode(session));
            }
        }
        Path html = directory.resolve("report.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(0, commandLine.execute("report", "--store", store.toString(), "--html", html.toString()), err.toString());

        BufferedImage image = screenshot(html, "report");
        assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 2000, image.getWidth() + "x" + image.getHeight());
        // each chart type in its own colour: calendar, bars, lines (three series)
        for (int colour : new int[] {0x5fb07d, 0x4a7ab0, 0xb06a4a, 0x6a4ab0, 0x2f8f5b}) {
            assertTrue(pixels(image, colour) > 20, String.format("colour #%06x drawn", colour));
        }
    }

    @Test
    void report_guidedSessionFromTheSimulatedStrap_drawsItsAngleTraceWithRepetitionsCuesAndAlerts() throws Exception {
        assumeTrue(new File(CHROMIUM).canExecute(),
                "SKIPPED: " + CHROMIUM + " is missing: install it with 'apt-get install chromium' (.ci/run does)");
        // the device service on the simulated strap: a wearer going past the extension limit, late
        Path deviceDirectory = Files.createDirectory(directory.resolve("device"));
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of(), "test", deviceDirectory);
        SessionPlan plan = SessionPlan.of(DefinitionText.routine("extensions"),
                // gentle without its glide: the simulated wearer, who does not feel the motor, keeps to the cues
                Optional.of(DefinitionText.of("gentle.profile (glide 0)",
                        DefinitionText.profile("gentle").text().replace("glide 3", "glide 0"))),
                Double.NaN, Double.NaN, Double.NaN);
        RecordedSession session = new DeviceService(DeviceSettings.from(configuration).withPlan(plan), line -> { })
                .runGuidedSimulatedSession(configuration, new SimulationOptions(1, 0, 3),
                        new GuidedRoutineScript.Deviations(8, 1, 1.5)).sessionWithSamples();
        Path store = Files.createDirectory(directory.resolve("store"));
        try (SessionStore sessions = SessionStore.open(store, false)) {
            sessions.store(session, SessionCodec.encode(session));
        }
        Path html = directory.resolve("traces.html");
        StringWriter err = new StringWriter();
        CommandLine commandLine = BackbeatMain.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(0, commandLine.execute("report", "--store", store.toString(), "--html", html.toString()), err.toString());
        assertTrue(Files.readString(html).contains("<svg class=\"trace\""), "the report has a trace chart");

        BufferedImage image = screenshot(html, "traces");
        // the trace chart: flexion, repetition bands, inhale cues and the alerts, each in its colour
        for (String colour : List.of(TraceChart.FLEXION, TraceChart.REPETITION, TraceChart.CUE, TraceChart.ALERT)) {
            assertTrue(pixels(image, Integer.parseInt(colour.substring(1), 16)) > 20, "colour " + colour + " drawn");
        }
        // the guided session's charts: its pacer coupling (a line) and its alerts (bars)
        assertTrue(pixels(image, 0xb0307a) > 20, "the coupling line drawn");
        assertTrue(pixels(image, 0xc0392b) > 20, "the alert bars drawn");
    }

    /** The page rendered by headless Chromium at 1100 × 3800, after checking it logged no console error. */
    private BufferedImage screenshot(Path html, String name) throws Exception {
        Path screenshot = directory.resolve(name + ".png");
        Path logFile = directory.resolve(name + "-chromium.log");
        Process chromium = new ProcessBuilder(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + directory.resolve(name + "-profile"), "--enable-logging=stderr", "--v=0",
                "--window-size=1100,3800", "--screenshot=" + screenshot, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium did not finish in 120 s");
        String log = Files.readString(logFile);
        assertEquals(0, chromium.exitValue(), log);
        List<String> consoleErrors = log.lines().filter(line -> line.contains("CONSOLE") || line.contains("Uncaught")).toList();
        assertEquals(List.of(), consoleErrors);
        return ImageIO.read(screenshot.toFile());
    }

    private static int pixels(BufferedImage image, int colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == colour) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A seven-minute session with improving range, side bends and twists, breathing and a steady tempo. */
    private static RecordedSession session(Instant startedAt, int day) {
        SensorTrack.Builder upper = new SensorTrack.Builder(SensorPosition.UPPER);
        SensorTrack.Builder lower = new SensorTrack.Builder(SensorPosition.LOWER);
        for (int index = 0; index < 200; index++) {
            upper.add(new ImuSample(index / 100.0, new Vector3(0, 0, 0), new Vector3(9.81, 0, 0)));
            lower.add(new ImuSample(index / 100.0, new Vector3(0, 0, 0), new Vector3(9.81, 0, 0)));
        }
        List<Repetition> repetitions = new ArrayList<>();
        for (int repetition = 0; repetition < 6; repetition++) {
            repetitions.add(new Repetition(10 + 10 * repetition, 19 + 10 * repetition, RepetitionKind.FLEXION_EXTENSION,
                    18 + day * 0.6, 12 + day * 0.3, 30 + day * 0.9, -2.8 + 0.02 * day, false));
        }
        repetitions.add(new Repetition(80, 90, RepetitionKind.SIDE_BEND_LEFT, 0, 0, 18 + day * 0.2, -3.0, false));
        repetitions.add(new Repetition(92, 102, RepetitionKind.TWIST_RIGHT, 0, 0, 25 + day * 0.1, -3.1, false));
        String id = "20261102T073000Z-" + String.format("%04d", day);
        return new RecordedSession("strap-07", id, startedAt, "sim", 100, List.of(upper.build(), lower.build()),
                List.of(new PacerCue(0, BreathPhase.INHALE)), repetitions,
                new SessionSummary(300 + 10 * day, 8, -12 - 0.3 * day, 18 + 0.6 * day, 6, 42, 0, 5), List.of(), List.of(),
                List.of(new BreathWindow(110, 140, 6.5 - 0.03 * day, 0.9)), new Tempo(10, 0.05, RepetitionKind.FLEXION_EXTENSION, 6));
    }
}
