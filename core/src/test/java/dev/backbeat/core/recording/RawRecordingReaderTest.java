// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SampleGap;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RawRecordingReaderTest {

    private static final String HEADER = "time_s,sensor,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z";

    private static RawRecording read(String... lines) throws Exception {
        return RawRecordingReader.read(new BufferedReader(new StringReader(String.join("\n", lines))), "in.csv");
    }

    private static String error(String... lines) {
        return assertThrows(RecordingFormatException.class, () -> read(lines)).getMessage();
    }

    @Test
    void read_interleavedSensorsWithComments_keepsEachSensorsSamplesAndTheMetadata() throws Exception {
        RawRecording recording = read("# rate_hz=100", "# device=strap-01", HEADER,
                "0.000,upper,0.1,-0.2,0.3,9.81,0,0",
                "0.004,lower,0,0,0,9.8,0.1,0",
                "0.010,upper,0.1,-0.2,0.3,9.81,0,0",
                "0.014,lower,0,0,0,9.8,0.1,-0.5");
        assertEquals(List.of(SensorPosition.UPPER, SensorPosition.LOWER), recording.sensors());
        assertEquals(2, recording.track(SensorPosition.LOWER).orElseThrow().sampleCount());
        assertEquals(-0.5, recording.track(SensorPosition.LOWER).orElseThrow().sample(1)
                .accelerometerMetersPerSecondSquared().z(), 1e-6);
        assertEquals("100", recording.metadata().get("rate_hz"));
        assertEquals("strap-01", recording.metadata().get("device"));
        assertEquals(0.014, recording.durationSeconds(), 1e-12);
        assertEquals(List.of(), recording.warnings());
    }

    @Test
    void read_columnsInAnotherOrderWithExtras_areFoundByName() throws Exception {
        RawRecording recording = read("sensor,note,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z,time_s,mag_x,mag_y,mag_z",
                "upper,hello,9.81,0,0,1,2,3,0.5,20,0,-40", "upper,hello,9.81,0,0,1,2,3,0.51,20,0,-40");
        var sample = recording.track(SensorPosition.UPPER).orElseThrow().sample(0);
        assertEquals(0.5, sample.timeSeconds());
        assertEquals(3, sample.gyroscopeRadiansPerSecond().z(), 1e-6);
        assertTrue(recording.magnetometerColumns());
    }

    @Test
    void read_gapLongerThanOneSecond_warnsNamingTheLines() throws Exception {
        RawRecording recording = read(HEADER, "0.0,upper,0,0,0,9.8,0,0", "0.01,upper,0,0,0,9.8,0,0", "2.5,upper,0,0,0,9.8,0,0",
                "2.51,upper,0,0,0,9.8,0,0");
        assertEquals(List.of("in.csv: gap of 2.49 s in the upper sensor between line 3 (0.010 s) and line 4 (2.500 s)"),
                recording.warnings());
    }

    private static String row(double timeSeconds, String sensor) {
        return timeSeconds + "," + sensor + ",0,0,0,9.8,0,0";
    }

    /** {@code count} samples of each of {@code sensors}, {@code periodSeconds} apart from {@code startSeconds}, interleaved. */
    private static List<String> rows(double startSeconds, double periodSeconds, int count, String... sensors) {
        List<String> rows = new java.util.ArrayList<>();
        for (int index = 0; index < count; index++) {
            for (String sensor : sensors) {
                rows.add(row(startSeconds + index * periodSeconds, sensor));
            }
        }
        return rows;
    }

    private static String[] file(List<String> rows) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(HEADER);
        lines.addAll(rows);
        return lines.toArray(String[]::new);
    }

    @ParameterizedTest
    @CsvSource({"0.000000001, 1.00e-09, 1.00e+09", "0.0000001, 1.00e-07, 1.00e+07", "0.000001, 1.00e-06, 1.00e+06",
        "0.0001, 0.000100, 1.00e+04", "2.0, 2.00, 0.500"})
    void read_twoSamplesAtAnImplausibleRate_isRefusedWithTheLineNumber(String secondTime, String interval, String rate) {
        assertEquals("in.csv:2: the upper sensor's samples (lines 2 to 3) are a median " + interval + " s apart, a rate of "
                + rate + " Hz; sample rates must be 1 to 2000 Hz", error(HEADER, "0.0,upper,0,0,0,9.8,0,0", secondTime
                + ",upper,0,0,0,9.8,0,0"));
    }

    @Test
    void read_twoSamplesAtTheRateLimits_areAccepted() throws Exception {
        assertEquals(2, read(HEADER, row(0, "upper"), row(0.0005, "upper")).track(SensorPosition.UPPER).orElseThrow().sampleCount());
        assertEquals(2, read(HEADER, row(0, "upper"), row(1.0, "upper")).track(SensorPosition.UPPER).orElseThrow().sampleCount());
    }

    @Test
    void read_oneSampleOfEachSensor_isRefusedWithTheLastLine() {
        assertEquals("in.csv:4: only one sample of each sensor; a sample rate needs at least two samples of a sensor",
                error(HEADER, row(0, "upper"), "# a comment", row(0.01, "lower")));
    }

    @Test
    void read_oneSampleOfOneSensor_leavesItOutWithAWarning() throws Exception {
        RawRecording recording = read(HEADER, row(0, "upper"), row(0.005, "lower"), row(0.01, "upper"));
        assertEquals(List.of(SensorPosition.UPPER), recording.sensors());
        assertEquals(List.of("in.csv: the lower sensor has only one sample (line 3), left out"), recording.warnings());
    }

    @Test
    void read_jumpOfMoreThanADay_isRefusedWithTheLineNumber() {
        assertEquals("in.csv:4: time_s jumps by 172799.99 s from line 3 (0.01 s), more than a day: not a plausible time",
                error(HEADER, row(0, "upper"), row(0.01, "upper"), row(172800, "upper")));
    }

    @Test
    void read_oneSensorJumpingMoreThanADayWhileTheOtherTicks_isRefusedWithTheLineNumber() {
        List<String> rows = new java.util.ArrayList<>(List.of(row(0, "upper")));
        rows.addAll(rows(0.01, 50_000, 3, "lower"));
        rows.add(row(100_001, "upper"));
        assertEquals("in.csv:6: upper time_s jumps by 100001.0 s from line 2 (0.0 s), more than a day: not a plausible time",
                error(file(rows)));
    }

    @Test
    void read_timeBeyondTenBillionSeconds_isRefused() {
        assertEquals("in.csv:2: time_s 1.0E12 is beyond ±1.0E10 s; times are seconds from the start",
                error(HEADER, row(1e12, "upper")));
    }

    @Test
    void read_valueBeyondAFloat_isRefusedWithTheLineNumber() {
        assertEquals("in.csv:3: acc_x is 1.0E300, beyond the range of a 32-bit float",
                error(HEADER, row(0, "upper"), "0.01,upper,0,0,0,1e300,0,0"));
    }

    @Test
    void read_nulByte_isRefusedWithTheLineWithoutEchoingIt() {
        byte[] bytes = (HEADER + "\n" + row(0, "upper") + "\n0.01,up\0per,0,0,0,9.8,0,0\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String message = assertThrows(RecordingFormatException.class,
                () -> RawRecordingReader.read(new java.io.ByteArrayInputStream(bytes), "in.csv")).getMessage();
        assertEquals("in.csv:3: binary data (a NUL byte), not a text recording", message);
    }

    @Test
    void read_bytesThatAreNotUtf8_areRefusedWithTheLineWithoutEchoingThem() {
        byte[] bytes = (HEADER + "\n" + row(0, "upper") + "\n0.01,upper,0,0,0,9.8,0,0 \u00ff\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String message = assertThrows(RecordingFormatException.class,
                () -> RawRecordingReader.read(new java.io.ByteArrayInputStream(bytes), "in.csv")).getMessage();
        assertEquals("in.csv:3: not UTF-8 text (a binary file, or another encoding)", message);
    }

    @Test
    void read_utf8Text_isDecoded() throws Exception {
        byte[] bytes = ("# place=Zürich\n# mark=\uFFFD\n" + HEADER + "\n" + row(0, "upper") + "\n" + row(0.01, "upper") + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("Zürich", RawRecordingReader.read(new java.io.ByteArrayInputStream(bytes), "in.csv").metadata().get("place"));
    }

    @Test
    void read_controlCharactersAndLongFields_areNotEchoed() {
        String message = error(HEADER, "0.0,\u001b[2J" + "x".repeat(1000) + ",0,0,0,9.8,0,0");
        assertEquals("in.csv:2: unknown sensor '?[2J" + "x".repeat(36) + "...' (expected upper or lower)", message);
    }

    @Test
    void read_gapOfMoreThanFivePeriods_isASampleGapOfThatSensor() throws Exception {
        List<String> rows = new java.util.ArrayList<>(rows(0, 0.01, 10, "upper", "lower"));
        rows.addAll(rows(0.1, 0.01, 10, "lower"));
        rows.addAll(rows(0.2, 0.01, 10, "upper", "lower"));
        RawRecording recording = read(file(rows));
        assertEquals(List.of(new SampleGap(SensorPosition.UPPER, 0.09, 0.2)), recording.gaps());
    }

    @Test
    void read_gapOfFourPeriods_isNoGap() throws Exception {
        List<String> rows = new java.util.ArrayList<>(rows(0, 0.01, 10, "upper"));
        rows.addAll(rows(0.13, 0.01, 10, "upper"));
        assertEquals(List.of(), read(file(rows)).gaps());
    }

    @Test
    void read_lowerClockOffsetByOneSecond_isAGapOfEachSensorAtEachEnd() throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        for (int index = 0; index < 300; index++) {
            rows.add(row(index * 0.01, "upper"));
            rows.add(row(1.005 + index * 0.01, "lower"));
        }
        rows.sort(java.util.Comparator.comparingDouble(line -> Double.parseDouble(line.substring(0, line.indexOf(',')))));
        RawRecording recording = read(file(rows));
        assertEquals(List.of(new SampleGap(SensorPosition.LOWER, 0.0, 1.005), new SampleGap(SensorPosition.UPPER, 2.99, 3.995)),
                recording.gaps());
    }

    @Test
    void read_manyGapsLongerThanASecond_listsTwentyWarningsAndCountsTheRest() throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        for (int burst = 0; burst < 30; burst++) {
            rows.addAll(rows(burst * 10.0, 0.01, 5, "upper"));
        }
        RawRecording recording = read(file(rows));
        assertEquals(21, recording.warnings().size());
        assertEquals("in.csv: 9 more gaps longer than 1 s, not listed", recording.warnings().get(20));
        assertEquals(29, recording.gaps().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0,middle,0,0,0,9.8,0,0 | in.csv:2: unknown sensor 'middle' (expected upper or lower)",
        "0.0,upper,0,NaN,0,9.8,0,0 | in.csv:2: gyr_y is NaN; values must be finite numbers",
        "0.0,upper,0,0,0,9.8,,0 | in.csv:2: acc_y is '', not a number",
        "0.0,upper,0,0,0,9.8,0 | in.csv:2: expected 8 fields as in the header, found 7"})
    void read_badRow_isRefusedWithTheLineNumber(String row, String expected) {
        assertEquals(expected, error(HEADER, row));
    }

    @Test
    void read_timeGoingBackwards_isRefused() {
        assertEquals("in.csv:4: time_s 0.005 is before the previous row's 0.01; rows must be in time order",
                error(HEADER, "0.0,upper,0,0,0,9.8,0,0", "0.01,lower,0,0,0,9.8,0,0", "0.005,upper,0,0,0,9.8,0,0"));
    }

    @Test
    void read_repeatedTimeOfOneSensor_isRefused() {
        assertEquals("in.csv:3: upper time_s 0.0 does not increase (previous upper sample at 0.0 s)",
                error(HEADER, "0.0,upper,0,0,0,9.8,0,0", "0.0,upper,0,0,0,9.8,0,0"));
    }

    @Test
    void read_missingHeaderOrColumn_isRefused() {
        assertTrue(error("# only a comment").startsWith("in.csv:1: no header line; expected time_s,sensor,"));
        assertTrue(error("time_s,sensor,gyr_x,gyr_y,gyr_z,acc_x,acc_y", "0,upper,0,0,0,9.8,0")
                .startsWith("in.csv:1: header lacks column 'acc_z'"));
        assertEquals("in.csv:1: no samples after the header", error(HEADER));
    }

    @Test
    void parsePlainDecimal_commonForms_matchDoubleParseDoubleExactly() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 200_000; trial++) {
            double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 6);
            for (String text : new String[] {Double.toString(value), Float.toString((float) value),
                    String.format(java.util.Locale.ROOT, "%.6f", value)}) {
                double fast = RawRecordingReader.parsePlainDecimal(text);
                if (!Double.isNaN(fast)) {
                    assertEquals(Double.parseDouble(text), fast, 0.0, text);
                }
            }
        }
        assertEquals(-0.0037, RawRecordingReader.parsePlainDecimal("-0.0037"), 0.0);
        assertEquals(1.0E-4, RawRecordingReader.parsePlainDecimal("1.0E-4"), 0.0);
        assertTrue(Double.isNaN(RawRecordingReader.parsePlainDecimal("")));
        assertTrue(Double.isNaN(RawRecordingReader.parsePlainDecimal("1e")));
        assertTrue(Double.isNaN(RawRecordingReader.parsePlainDecimal(" 1")));
    }

    @Test
    void read_rowsOverEverySliceWithCrLfCommentsAndMagnetometer_keepsEachRowAndItsLineNumber() throws Exception {
        // enough rows for every parallel slice, with lines the fast path leaves to the careful one among them
        StringBuilder text = new StringBuilder("# rate_hz=100\r\n" + HEADER + ",mag_x,mag_y,mag_z\r\n");
        int lines = 2;
        for (int index = 0; index < 40 * RawRecordingReader.PARSE_SLICES; index++) {
            text.append(index * 0.01).append(index % 3 == 0 ? ", upper ,0,0,0,9.8,0,0,1,2,3\r\n" : ",upper,0,0,0,9.8,0,0,1,2,3\r\n");
            lines++;
            if (index % 50 == 7) {
                text.append("\r\n# a comment\r\n");
                lines += 2;
            }
        }
        RawRecording recording = RawRecordingReader.read(
                new java.io.ByteArrayInputStream(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "in.csv");
        assertEquals(40 * RawRecordingReader.PARSE_SLICES, recording.track(SensorPosition.UPPER).orElseThrow().sampleCount());
        assertEquals(List.of(), recording.warnings());
        String bad = text + "9.0,upper,0,0,0,9.8,0,0,1,x,3\r\n";
        String message = assertThrows(RecordingFormatException.class, () -> RawRecordingReader.read(
                new java.io.ByteArrayInputStream(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "in.csv")).getMessage();
        assertEquals("in.csv:" + (lines + 1) + ": mag_y is 'x', not a number", message);
    }

    @Test
    void appendMicroseconds_roundsToTheMicrosecondWithoutTrailingZeros() {
        for (Object[] example : new Object[][] {{0.0, "0.0"}, {12.0037, "12.0037"}, {0.1 + 0.2, "0.3"},
                {1.0000004, "1.0"}, {1.0000006, "1.000001"}, {-2.5, "-2.5"}, {599.99, "599.99"}}) {
            StringBuilder line = new StringBuilder();
            RawRecordingWriter.appendMicroseconds(line, (double) example[0]);
            assertEquals(example[1], line.toString());
        }
    }
}
