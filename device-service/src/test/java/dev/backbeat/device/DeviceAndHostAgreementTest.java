// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.analysis.RecordingAnalyzer;
import dev.backbeat.core.rhythm.BreathEstimator;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.spine.SpinalAnalysis;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.recording.RawRecordingReader;
import dev.backbeat.core.recording.RawRecordingWriter;
import dev.backbeat.core.rhythm.BreathSettings;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.RepetitionKind;
import dev.backbeat.core.rhythm.RhythmAnalysis;
import dev.backbeat.core.rhythm.RhythmSettings;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.spine.SpinalAnalysisSettings;
import dev.backbeat.device.config.DeviceConfiguration;
import dev.backbeat.device.config.DeviceConfigurationFile;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.Routines;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11: "the device's streaming detector and {@code backbeat analyze} of the same recording give
 * the same counts and kinds, and holds within 0.5 s". A session of every simulated exercise (cat-cow,
 * controlled extensions with holds, side bends, seated twists, cat-cow again) is recorded on the device
 * path: the real drivers over register-level simulated chips, the streaming detector live. Its raw
 * samples then go the way {@code backbeat export} and {@code backbeat analyze} take them (the
 * interchange format written and read back) into {@link RecordingAnalyzer} with {@code analyze}'s
 * default settings.
 *
 * <p>Measured (seeds 1 and 2): 39 full repetitions each, the same kinds in order; every hold within
 * 0.5 s at both ends (the opening stand's since the strap feeds its detector the stand's angles).
 */
class DeviceAndHostAgreementTest {

    /** How far apart a device hold's start and end may be from the offline hold's, s. */
    static final double HOLD_TOLERANCE_SECONDS = 0.5;

    @TempDir
    Path temporary;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void mixedSession_deviceAndHostAnalysis_agreeOnCountsKindsAndHolds(long seed) throws Exception {
        Path dataDirectory = Files.createDirectory(temporary.resolve("seed-" + seed));
        DeviceConfiguration configuration = DeviceConfigurationFile.defaults(dataDirectory);
        Routine routine = Routines.mixedTenMinutes();
        RecordedSession device;
        try (StrapHardware hardware = StrapHardware.simulated(configuration, routine, new SimulationOptions(1, 0, seed))) {
            device = new DeviceService(DeviceSettings.from(configuration), line -> { })
                    .runSession(hardware, routine.durationSeconds()).sessionWithSamples();
        }
        RhythmAnalysis host = analyzeAsTheHostDoes(device);

        List<RepetitionKind> deviceKinds = fullKinds(device.repetitions());
        List<RepetitionKind> hostKinds = fullKinds(host.repetitions());
        String comparison = describe(device, host);
        assertTrue(deviceKinds.size() > 30, "the routine has 18 cat-cow cycles, 5 extensions, 8 side bends and 8 twists: "
                + comparison);
        assertEquals(device.summary().repetitionCount(), host.repetitionCount(), "full repetitions\n" + comparison);
        assertEquals(deviceKinds, hostKinds, "kinds of the full repetitions, in order\n" + comparison);
        // every device hold, the opening stand's included (the strap hands its detector the stand's
        // angles once the stand has calibrated it), starts and ends within the tolerance of one offline
        List<Hold> unmatched = device.holds().stream().filter(hold -> host.holds().stream().noneMatch(
                offline -> Math.abs(offline.startSeconds() - hold.startSeconds()) <= HOLD_TOLERANCE_SECONDS
                        && Math.abs(offline.endSeconds() - hold.endSeconds()) <= HOLD_TOLERANCE_SECONDS)).toList();
        assertTrue(unmatched.isEmpty(), unmatched.size() + " of " + device.holds().size()
                + " device holds have no offline hold within " + HOLD_TOLERANCE_SECONDS + " s: "
                + unmatched.stream().map(DeviceAndHostAgreementTest::hold).toList() + "\n" + comparison);
    }

    /** How far the kept history may move a breath window's rate from every sample's, breaths/min. */
    static final double DECIMATION_RATE_TOLERANCE = 0.02;
    /**
     * How far the strap's breath rate may be from {@code analyze}'s, breaths/min: the live angles
     * differ from the offline ones (measured up to 0.70 /min before and after issue 14; the full-rate
     * history gave 5.38, 5.95, 6.66, 5.57, 5.89 /min on seed 1 at 100 Hz, the kept history 5.37, 5.95,
     * 6.66, 5.57, 5.89; host 6.07, 5.94, 6.05, 6.05, 5.99).
     */
    static final double DEVICE_RATE_TOLERANCE = 1.0;

    /**
     * Issue 14: the strap estimates the breathing rate at the session's end from a decimated angle
     * history ({@link BreathAngleHistory}) instead of every sample's angles. Two comparisons on the
     * same ten-minute recording: the decimation alone (the host's own angles and holds, every sample
     * against the kept history), and the strap's result against {@code backbeat analyze}'s.
     */
    @ParameterizedTest(name = "seed {0} at {1} Hz")
    @CsvSource({"1, 100", "2, 200"})
    void mixedSession_deviceBreathFromTheKeptHistory_agreesWithTheHostsAnalyze(long seed, int rateHz) throws Exception {
        Path dataDirectory = Files.createDirectory(temporary.resolve("breath-" + seed));
        DeviceConfiguration configuration = DeviceConfigurationFile.parse(List.of("imu.sample_rate_hz = " + rateHz),
                "test", dataDirectory);
        Routine routine = Routines.mixedTenMinutes();
        RecordedSession device;
        try (StrapHardware hardware = StrapHardware.simulated(configuration, routine, new SimulationOptions(1, 0, seed))) {
            device = new DeviceService(DeviceSettings.from(configuration), line -> { })
                    .runSession(hardware, routine.durationSeconds()).sessionWithSamples();
        }
        RecordingAnalysis host = analyzeWholeAsTheHostDoes(device);
        SpinalAnalysis angles = host.angles();
        double[] time = angles.timeSeconds();
        double[][] full = {angles.flexionDegrees(), angles.sideBendDegrees(), angles.twistDegrees()};
        BreathAngleHistory history = new BreathAngleHistory(device.sampleRateHz());
        for (int index = 0; index < time.length; index++) {
            history.add(time[index], full[0][index], full[1][index], full[2][index]);
        }
        double[][] kept = history.toArrays();
        BreathEstimator estimator = new BreathEstimator(BreathSettings.DEFAULTS);
        List<BreathWindow> everySample = estimator.estimate(time, full, host.rhythm().holds());
        List<BreathWindow> decimated = estimator.estimate(kept[0], new double[][] {kept[1], kept[2], kept[3]},
                host.rhythm().holds());
        String comparison = String.format(Locale.ROOT, "decimation x%d: every sample %s%n  kept %s%ndevice %s%n  host %s",
                history.decimation(), breath(everySample), breath(decimated), breath(device.breath()),
                breath(host.rhythm().breath()));
        assertTrue(everySample.size() >= 5, "the routine's holds carry breathing\n" + comparison);
        assertWindowsAgree(everySample, decimated, 0.2, DECIMATION_RATE_TOLERANCE, comparison);
        assertWindowsAgree(host.rhythm().breath(), device.breath(), HOLD_TOLERANCE_SECONDS, DEVICE_RATE_TOLERANCE,
                comparison);
    }

    /** The same windows (ends within {@code endSeconds}) with rates within {@code rateTolerance}. */
    private static void assertWindowsAgree(List<BreathWindow> expected, List<BreathWindow> actual, double endSeconds,
                                           double rateTolerance, String comparison) {
        assertEquals(expected.size(), actual.size(), "breath windows\n" + comparison);
        for (int index = 0; index < expected.size(); index++) {
            BreathWindow want = expected.get(index);
            BreathWindow got = actual.get(index);
            assertEquals(want.startSeconds(), got.startSeconds(), endSeconds, "window " + index + " start\n" + comparison);
            assertEquals(want.endSeconds(), got.endSeconds(), endSeconds, "window " + index + " end\n" + comparison);
            assertEquals(want.rateBreathsPerMinute(), got.rateBreathsPerMinute(), rateTolerance,
                    "window " + index + " rate\n" + comparison);
        }
    }

    private static String breath(List<BreathWindow> windows) {
        return windows.stream().map(window -> String.format(Locale.ROOT, "%.1f-%.1f:%.2f(q%.2f)", window.startSeconds(),
                window.endSeconds(), window.rateBreathsPerMinute(), window.quality())).toList().toString();
    }

    /** As {@code backbeat export ID --out F} then {@code backbeat analyze F} (default options) do it. */
    static RhythmAnalysis analyzeAsTheHostDoes(RecordedSession session) throws Exception {
        return analyzeWholeAsTheHostDoes(session).rhythm();
    }

    static RecordingAnalysis analyzeWholeAsTheHostDoes(RecordedSession session) throws Exception {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("rate_hz", String.valueOf(session.sampleRateHz()));
        metadata.put("device", session.deviceId());
        metadata.put("session", session.sessionId());
        StringWriter exported = new StringWriter();
        RawRecordingWriter.write(exported, metadata, session.tracks());
        RawRecording recording = RawRecordingReader.read(new BufferedReader(new StringReader(exported.toString())), "export");
        RecordingAnalyzer analyzer = new RecordingAnalyzer(SpinalAnalysisSettings.DEFAULTS.withFunctionalCalibration(true),
                RhythmSettings.DEFAULTS.withEndRangeHoldLimitSeconds(30), BreathSettings.DEFAULTS);
        return analyzer.analyze(recording);
    }

    private static List<RepetitionKind> fullKinds(List<Repetition> repetitions) {
        return repetitions.stream().filter(repetition -> !repetition.partial()).map(Repetition::kind).toList();
    }

    /** Both results side by side, for the failure message. */
    static String describe(RecordedSession device, RhythmAnalysis host) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "device: %d full of %d repetitions, %d holds; host: %d full of %d, %d holds%n",
                device.summary().repetitionCount(), device.repetitions().size(), device.holds().size(),
                host.repetitionCount(), host.repetitions().size(), host.holds().size()));
        int rows = Math.max(device.repetitions().size(), host.repetitions().size());
        for (int row = 0; row < rows; row++) {
            text.append(String.format(Locale.ROOT, "  %-44s | %s%n",
                    row < device.repetitions().size() ? repetition(device.repetitions().get(row)) : "",
                    row < host.repetitions().size() ? repetition(host.repetitions().get(row)) : ""));
        }
        rows = Math.max(device.holds().size(), host.holds().size());
        for (int row = 0; row < rows; row++) {
            text.append(String.format(Locale.ROOT, "  hold %-39s | %s%n",
                    row < device.holds().size() ? hold(device.holds().get(row)) : "",
                    row < host.holds().size() ? hold(host.holds().get(row)) : ""));
        }
        return text.toString();
    }

    private static String repetition(Repetition repetition) {
        return String.format(Locale.ROOT, "%6.1f-%6.1f %-18s %5.1f°%s", repetition.startSeconds(),
                repetition.endSeconds(), repetition.kind().label(), repetition.rangeDegrees(),
                repetition.partial() ? " partial" : "");
    }

    private static String hold(Hold hold) {
        return String.format(Locale.ROOT, "%6.2f-%6.2f (%+5.1f, %+5.1f, %+5.1f)", hold.startSeconds(), hold.endSeconds(),
                hold.meanFlexionDegrees(), hold.meanSideBendDegrees(), hold.meanTwistDegrees());
    }
}
