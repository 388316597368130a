// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.spine.NeutralCalibration;
import dev.backbeat.core.spine.StoredCalibration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stored calibration's file in the strap's data directory. */
class StoredCalibrationFileTest {

    @TempDir
    Path dataDirectory;

    private static StoredCalibration calibration(double breathsPerMinute) {
        Vector3 upper = new Vector3(0.978, 0.01, 0.2079).normalized();
        Vector3 lower = new Vector3(0.99, -0.02, -0.1392).normalized();
        return new StoredCalibration(Instant.parse("2026-12-06T23:15:10.123Z"), "upper MPU-6050 0x68, lower MPU-6050 0x69",
                NeutralCalibration.mountFromGravity(upper), NeutralCalibration.mountFromGravity(lower), upper, lower,
                breathsPerMinute);
    }

    private Path file() {
        return dataDirectory.resolve(StoredCalibrationFile.FILE_NAME);
    }

    @Test
    void read_ofWritten_isTheSameCalibrationExactly() throws Exception {
        for (double breathing : new double[] {9.84, Double.NaN}) {
            assertNull(StoredCalibrationFile.write(dataDirectory, "strap-01", calibration(breathing)));
            StoredCalibrationFile.Reading reading = StoredCalibrationFile.read(dataDirectory, "strap-01");
            assertEquals("", reading.problem());
            assertEquals(calibration(breathing), reading.calibration().orElseThrow());
        }
        String text = Files.readString(file());
        assertTrue(text.startsWith("backbeat-calibration 1\ndevice strap-01\ncalibrated-at 2026-12-06T23:15:10.123Z\n"
                + "chips upper MPU-6050 0x68, lower MPU-6050 0x69\nupper-mount "), text);
        assertTrue(text.endsWith("breathing none\n"), text);
    }

    @Test
    void read_noFile_isNoneWithoutAProblem() {
        StoredCalibrationFile.Reading reading = StoredCalibrationFile.read(dataDirectory, "strap-01");
        assertTrue(reading.calibration().isEmpty());
        assertFalse(reading.unreadable());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cut short | 7 | | has no lower-up line (damaged or cut short)",
        "not a number | 0 | upper-up 0.97 zero 0.2 | upper-up has 'zero', not a number",
        "infinite | 0 | breathing Infinity | breathing has Infinity, not a finite number",
        "mounting torn | 0 | upper-mount 0.9 0.1 0.3 0.3 | upper mounting is",
        "unknown key | 0 | tilt 12 | unknown key 'tilt'",
        "bad time | 0 | calibrated-at yesterday | calibrated-at is not a UTC time",
        "another strap | 0 | device strap-02 | is strap strap-02's, not this strap's (strap-01)",
    })
    void read_damagedOrForeign_isIgnoredInOneLineNamingTheFile(String what, int keepLines, String replacement, String expected)
            throws Exception {
        StoredCalibrationFile.write(dataDirectory, "strap-01", calibration(9.8));
        String text = Files.readString(file());
        if (keepLines > 0) {
            text = String.join("\n", text.lines().limit(keepLines).toList()) + "\n";
        } else {
            String key = replacement.substring(0, replacement.indexOf(' '));
            text = text.lines().anyMatch(line -> line.startsWith(key + " "))
                    ? text.replaceAll("(?m)^" + key + " .*$", replacement) : text + replacement + "\n";
        }
        Files.writeString(file(), text);
        StoredCalibrationFile.Reading reading = StoredCalibrationFile.read(dataDirectory, "strap-01");
        assertTrue(reading.calibration().isEmpty(), what);
        assertTrue(reading.problem().startsWith("the stored calibration " + file() + " "), reading.problem());
        assertTrue(reading.problem().contains(expected), reading.problem());
        assertTrue(reading.problem().endsWith("; ignored"), reading.problem());
        assertFalse(reading.problem().contains("\n"), "one line");
    }

    @Test
    void read_newerFormatOrAnotherFile_isIgnoredSayingWhich() throws Exception {
        Files.writeString(file(), "backbeat-calibration 2\ndevice strap-01\n");
        assertTrue(StoredCalibrationFile.read(dataDirectory, "strap-01").problem()
                .contains("is of another format version ('backbeat-calibration 2', this strap reads 'backbeat-calibration 1')"));
        Files.write(file(), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2});
        String problem = StoredCalibrationFile.read(dataDirectory, "strap-01").problem();
        assertTrue(problem.contains("cannot be read") || problem.contains("is not a calibration file"), problem);
    }

    @Test
    void write_overAFileThatDidNotRead_keepsItAsideAndSaysWhere() throws Exception {
        Files.writeString(file(), "backbeat-calibration 1\ndevice strap-01\nupper-up 1 0\n", StandardCharsets.UTF_8);
        String said = StoredCalibrationFile.write(dataDirectory, "strap-01", calibration(9.8));
        Path aside = dataDirectory.resolve(StoredCalibrationFile.SET_ASIDE_NAME);
        assertEquals("the calibration file that did not read is kept as " + aside, said);
        assertEquals("backbeat-calibration 1\ndevice strap-01\nupper-up 1 0\n", Files.readString(aside));
        assertEquals(calibration(9.8), StoredCalibrationFile.read(dataDirectory, "strap-01").calibration().orElseThrow());
        // a readable one is simply replaced
        assertNull(StoredCalibrationFile.write(dataDirectory, "strap-01", calibration(8.0)));
        assertEquals("backbeat-calibration 1\ndevice strap-01\nupper-up 1 0\n", Files.readString(aside));
    }
}
