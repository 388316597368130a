package dev.backbeat.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.imu.SensorPosition;
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
                "upper,hello,9.81,0,0,1,2,3,0.5,20,0,-40");
        var sample = recording.track(SensorPosition.UPPER).orElseThrow().sample(0);
        assertEquals(0.5, sample.timeSeconds());
        assertEquals(3, sample.gyroscopeRadiansPerSecond().z(), 1e-6);
        assertTrue(recording.magnetometerColumns());
    }

    @Test
    void read_gapLongerThanOneSecond_warnsNamingTheLines() throws Exception {
        RawRecording recording = read(HEADER, "0.0,upper,0,0,0,9.8,0,0", "0.01,upper,0,0,0,9.8,0,0", "2.5,upper,0,0,0,9.8,0,0");
        assertEquals(List.of("in.csv: gap of 2.49 s in the upper sensor between line 3 (0.010 s) and line 4 (2.500 s)"),
                recording.warnings());
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
    void appendMicroseconds_roundsToTheMicrosecondWithoutTrailingZeros() {
        for (Object[] example : new Object[][] {{0.0, "0.0"}, {12.0037, "12.0037"}, {0.1 + 0.2, "0.3"},
                {1.0000004, "1.0"}, {1.0000006, "1.000001"}, {-2.5, "-2.5"}, {599.99, "599.99"}}) {
            StringBuilder line = new StringBuilder();
            RawRecordingWriter.appendMicroseconds(line, (double) example[0]);
            assertEquals(example[1], line.toString());
        }
    }
}
