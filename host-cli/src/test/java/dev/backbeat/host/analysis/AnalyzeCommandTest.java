// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.recording.RawRecordingReader;
import dev.backbeat.core.recording.RawRecordingWriter;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.hardware.sim.Routine;
import dev.backbeat.hardware.sim.Routines;
import dev.backbeat.hardware.sim.SensorErrorSettings;
import dev.backbeat.hardware.sim.SimulatedStrap;
import dev.backbeat.hardware.sim.SimulatedWearer;
import dev.backbeat.hardware.sim.SimulationClock;
import dev.backbeat.hardware.sim.WearerSettings;
import dev.backbeat.host.cli.BackbeatMain;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class AnalyzeCommandTest {

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

    /** A simulated cat-cow recording of {@code cycles} cycles, both sensors, in the interchange format. */
    private Path catCowFile(String name, int cycles, List<SensorPosition> sensors) throws Exception {
        return recordingFile(name, Routine.catCow(cycles), sensors);
    }

    private Path recordingFile(String name, Routine routine, List<SensorPosition> sensors) throws Exception {
        SimulatedWearer wearer = new SimulatedWearer(WearerSettings.DEFAULTS, routine);
        SimulationClock clock = new SimulationClock();
        SimulatedStrap strap = SimulatedStrap.of(wearer, SensorErrorSettings.DEFAULTS, 100, 3, clock);
        Map<SensorPosition, SensorTrack.Builder> builders = new EnumMap<>(SensorPosition.class);
        clock.advance(wearer.routine().durationSeconds());
        strap.drainTo((sensor, sample) -> {
            if (sensors.contains(sensor)) {
                builders.computeIfAbsent(sensor, SensorTrack.Builder::new).add(sample);
            }
        });
        List<SensorTrack> tracks = new ArrayList<>();
        builders.values().forEach(builder -> tracks.add(builder.build()));
        Path file = directory.resolve(name);
        RecordingFiles.write(file, writer -> RawRecordingWriter.write(writer, Map.of("rate_hz", "100"), tracks));
        return file;
    }

    @Test
    void analyze_twoSensorCatCow_printsRepetitionsAndWritesJsonAndAngles() throws Exception {
        Path file = catCowFile("catcow.csv.gz", 4, List.of(SensorPosition.UPPER, SensorPosition.LOWER));
        Path json = directory.resolve("out.json");
        Path angles = directory.resolve("angles.csv");

        int exitCode = run("analyze", file.toString(), "--json", json.toString(), "--angles", angles.toString());

        assertEquals(0, exitCode, err.toString());
        assertTrue(out.toString().contains("Repetitions   4"), out.toString());
        assertTrue(out.toString().contains("neutral stand at the start"), out.toString());
        String document = Files.readString(json);
        for (String key : List.of("\"duration_s\"", "\"sensors\": [", "\"rep_count\": 4", "\"reps\"", "\"holds\"",
                "\"breath\"", "\"tempo\"", "\"cycle_period_s\"", "\"calibration\"", "\"angles_summary\"", "\"flexion-extension\"")) {
            assertTrue(document.contains(key), key + " in " + document);
        }
        List<String> lines = Files.readAllLines(angles);
        assertEquals("time_s,flexion_deg,side_bend_deg,twist_deg", lines.get(0));
        assertEquals(4900, lines.size() - 1, 2); // 49 s at the upper sensor's 100 Hz
    }

    @Test
    void analyze_endRangeHoldPastTheLimit_isFlagged() throws Exception {
        Routine extensions = new Routine(List.of(Routines.stand(5), Routines.controlledExtensions(1, 15, 30), Routines.stand(3)));
        Path file = recordingFile("extension.csv", extensions, List.of(SensorPosition.UPPER, SensorPosition.LOWER));
        Path json = directory.resolve("out.json");
        assertEquals(0, run("analyze", file.toString(), "--hold-limit", "20", "--json", json.toString()), err.toString());
        assertTrue(out.toString().contains("longer than the end-range limit"), out.toString());
        assertTrue(Files.readString(json).contains("\"over_end_range_limit\": true"), Files.readString(json));
        assertEquals(0, run("analyze", file.toString(), "--hold-limit", "40", "--json", json.toString()), err.toString());
        assertTrue(!Files.readString(json).contains("\"over_end_range_limit\": true"), Files.readString(json));
    }

    @Test
    void analyze_oneSensor_saysCurvatureNeedsTwo() throws Exception {
        Path file = catCowFile("upper.csv", 2, List.of(SensorPosition.UPPER));
        Path angles = directory.resolve("angles.csv");
        assertEquals(0, run("analyze", file.toString(), "--angles", angles.toString()), err.toString());
        assertTrue(out.toString().contains("spinal curvature needs both the upper and the lower sensor"), out.toString());
        assertTrue(Files.readAllLines(angles).contains("time_s,sagittal_inclination_deg,frontal_inclination_deg"));
    }

    @Test
    void analyze_nanInARow_failsWithTheLineNumber() throws Exception {
        Path file = directory.resolve("bad.csv");
        Files.writeString(file, "# rate_hz=100\n" + RawRecordingWriter.HEADER + "\n0.00,upper,0,0,0,9.81,0,0\n0.01,upper,0,nan,0,9.81,0,0\n");
        assertEquals(6, run("analyze", file.toString()));
        assertEquals("backbeat analyze: " + file + ":4: gyr_y is nan; values must be finite numbers", err.toString().strip());
    }

    @Test
    void analyze_missingFile_failsNamingIt() {
        Path file = directory.resolve("nope.csv");
        assertEquals(6, run("analyze", file.toString()));
        assertEquals("backbeat analyze: " + file + ": no such file", err.toString().strip());
    }

    @Test
    void analyze_gapLongerThanASecond_warnsAndGoesOn() throws Exception {
        Path original = catCowFile("catcow.csv", 2, List.of(SensorPosition.UPPER, SensorPosition.LOWER));
        List<String> lines = new ArrayList<>(Files.readAllLines(original));
        lines.removeIf(line -> {
            String[] fields = line.split(",");
            if (fields.length < 2 || line.startsWith("#") || line.startsWith("time_s")) {
                return false;
            }
            double time = Double.parseDouble(fields[0]);
            return time > 20 && time < 21.5;
        });
        Path gapped = directory.resolve("gapped.csv");
        Files.write(gapped, lines);
        assertEquals(0, run("analyze", gapped.toString()), err.toString());
        assertTrue(out.toString().contains("warning       " + gapped + ": gap of 1."), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.000000001", "0.0000001", "0.000001"})
    void analyze_twoRowsNanosecondsToMicrosecondsApart_exitsSixNamingTheLineInMilliseconds(String secondTime) throws Exception {
        Path file = directory.resolve("fast.csv");
        Files.writeString(file, RawRecordingWriter.HEADER + "\n0.0,upper,0,0,0,9.81,0,0\n" + secondTime + ",upper,0,0,0,9.81,0,0\n");
        long start = System.nanoTime();
        assertEquals(6, run("analyze", file.toString()), err.toString());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "took " + (System.nanoTime() - start) / 1e6 + " ms");
        assertTrue(err.toString().startsWith("backbeat analyze: " + file + ":2: the upper sensor's samples (lines 2 to 3)"),
                err.toString());
        assertTrue(err.toString().strip().endsWith("sample rates must be 1 to 2000 Hz"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void analyze_threeRows_isAnalysedOrRefusedInUnderASecond() throws Exception {
        Path file = directory.resolve("short.csv");
        Files.writeString(file, RawRecordingWriter.HEADER + "\n0.0,upper,0,0,0,9.81,0,0\n0.005,lower,0,0,0,9.81,0,0\n"
                + "0.01,upper,0,0,0,9.81,0,0\n");
        long start = System.nanoTime();
        int exitCode = run("analyze", file.toString(), "--json", directory.resolve("short.json").toString());
        assertTrue(exitCode == 0 || exitCode == 6, exitCode + " " + err);
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "took " + (System.nanoTime() - start) / 1e6 + " ms");
    }

    @Test
    void analyze_jumpOfThirtySeconds_goesOnAndListsTheGapOfEachSensorInJson() throws Exception {
        Path original = catCowFile("catcow.csv", 2, List.of(SensorPosition.UPPER, SensorPosition.LOWER));
        Path jumped = directory.resolve("jumped.csv");
        Files.write(jumped, shiftTimes(Files.readAllLines(original), 20, 30, null));
        Path json = directory.resolve("jumped.json");

        assertEquals(0, run("analyze", jumped.toString(), "--json", json.toString()), err.toString());

        String document = Files.readString(json);
        assertTrue(document.matches("(?s).*\"gaps\": \\[\\s*\\{\\s*\"sensor\": \"(upper|lower)\",\\s*\"from_s\": 19\\.99\\d*,"
                + "\\s*\"to_s\": 50\\.0\\d*\\s*},\\s*\\{\\s*\"sensor\": \"(upper|lower)\".*"), document);
        assertTrue(out.toString().contains("Gaps          2 (longest 30.0"), out.toString());
    }

    @Test
    void analyze_lowerClockTwoSecondsLate_listsTheLowerSensorsMissingStartAndTheUppersMissingEnd() throws Exception {
        Path original = catCowFile("catcow.csv", 2, List.of(SensorPosition.UPPER, SensorPosition.LOWER));
        Path offset = directory.resolve("offset.csv");
        Files.write(offset, shiftTimes(Files.readAllLines(original), 0, 2, "lower"));
        Path json = directory.resolve("offset.json");

        assertEquals(0, run("analyze", offset.toString(), "--json", json.toString()), err.toString());

        String document = Files.readString(json);
        assertTrue(document.matches("(?s).*\"gaps\": \\[\\s*\\{\\s*\"sensor\": \"lower\",\\s*\"from_s\": 0(\\.0\\d*)?,"
                + "\\s*\"to_s\": 2\\.0\\d*\\s*},\\s*\\{\\s*\"sensor\": \"upper\".*"), document);
    }

    /**
     * The lines with {@code seconds} added to the times after {@code afterSeconds} (only {@code sensor}'s
     * if not null), rows sorted by time again.
     */
    private static List<String> shiftTimes(List<String> lines, double afterSeconds, double seconds, String sensor) {
        List<String> head = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("time_s")) {
                head.add(line);
                continue;
            }
            String[] fields = line.split(",", 2);
            double time = Double.parseDouble(fields[0]);
            if (time > afterSeconds && (sensor == null || fields[1].startsWith(sensor))) {
                time += seconds;
            }
            rows.add(new String[] {String.format(java.util.Locale.ROOT, "%.6f", time), fields[1]});
        }
        rows.sort(java.util.Comparator.comparingDouble(row -> Double.parseDouble(row[0])));
        rows.forEach(row -> head.add(row[0] + "," + row[1]));
        return head;
    }

    @Test
    void analyze_binaryFile_exitsSixInOneLineWithoutEchoingIt() throws Exception {
        Path original = catCowFile("catcow.csv.gz", 1, List.of(SensorPosition.UPPER, SensorPosition.LOWER));
        Path binary = directory.resolve("binary.csv");
        Files.copy(original, binary);
        assertEquals(6, run("analyze", binary.toString()));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.matches("backbeat analyze: \\Q" + binary + "\\E:\\d+: (binary data \\(a NUL byte\\), not a text recording"
                + "|not UTF-8 text \\(a binary file, or another encoding\\))"), message);
    }

    @Test
    void writer_ofReadRecording_roundTripsEverySample() throws Exception {
        Path file = catCowFile("catcow.csv", 1, List.of(SensorPosition.UPPER, SensorPosition.LOWER));
        RawRecording first = RecordingFiles.read(file);
        Path copy = directory.resolve("copy.csv");
        RecordingFiles.write(copy, writer -> RawRecordingWriter.write(writer, first.metadata(), first.tracks()));
        RawRecording second;
        try (BufferedReader reader = Files.newBufferedReader(copy)) {
            second = RawRecordingReader.read(reader, "copy");
        }
        assertEquals(first.tracks(), second.tracks());
        assertEquals("100", second.metadata().get("rate_hz"));
    }
}
