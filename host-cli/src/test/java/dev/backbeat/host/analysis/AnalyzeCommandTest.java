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
