// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backbeat.core.orientation.OrientationFilterSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrientationFusionTest {

    private static final double RATE_HZ = 100;

    @TempDir
    Path folder;

    /**
     * A sensor lying flat, turning about the vertical at {@code rate} rad/s, in a field pointing
     * north and down; an extra ignored column sits between the used ones.
     */
    private static String turningRecording(int rows, double rate, boolean withMagnetometer) {
        StringBuilder csv = new StringBuilder(withMagnetometer
                ? "time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z,temperature,mag_x,mag_y,mag_z\n"
                : "time_s,gyr_x,gyr_y,gyr_z,temperature,acc_x,acc_y,acc_z\n");
        for (int i = 0; i < rows; i++) {
            double t = i / RATE_HZ;
            double heading = rate * t;
            // field (0, 20, -40) µT in East-North-Up, seen from a sensor rotated by `heading` about z
            double magX = 20 * Math.sin(heading);
            double magY = 20 * Math.cos(heading);
            if (withMagnetometer) {
                csv.append(String.format(Locale.ROOT, "%.4f,0,0,%.6f,0,0,9.81,21.5,%.6f,%.6f,-40%n", t, rate, magX, magY));
            } else {
                csv.append(String.format(Locale.ROOT, "%.4f,0,0,%.6f,21.5,0,0,9.81%n", t, rate));
            }
        }
        return csv.toString();
    }

    private static List<String> lines(Path path) throws IOException {
        return Files.readAllLines(path, StandardCharsets.US_ASCII);
    }

    @Test
    void fuse_smallFileWithMagnetometer_writesOneUnitQuaternionPerRowMatchingTheMotion() throws IOException {
        Path in = folder.resolve("in.csv");
        Path out = folder.resolve("out.csv");
        double rate = 0.5;
        Files.writeString(in, turningRecording(400, rate, true));
        OrientationFusion.Summary summary = new OrientationFusion(OrientationFilterSettings.DEFAULTS)
                .fuse(in, out, Double.NaN, true);
        assertEquals(400, summary.samples());
        assertEquals(RATE_HZ, summary.sampleRateHz(), 1e-6);
        assertTrue(summary.usedMagnetometer());

        List<String> lines = lines(out);
        assertEquals("time_s,qw,qx,qy,qz", lines.get(0));
        assertEquals(401, lines.size());
        String[] last = lines.get(400).split(",");
        assertEquals(3.99, Double.parseDouble(last[0]), 1e-9);
        double w = Double.parseDouble(last[1]);
        double z = Double.parseDouble(last[4]);
        assertEquals(1, w * w + z * z, 1e-6);
        // the sensor has turned by rate·t counter-clockwise from north-aligned (gyroscope and field agree)
        double heading = 2 * Math.atan2(z, w);
        double expected = rate * 4.0; // every row, the first included, integrates one 10 ms step
        assertTrue(Math.abs(Math.IEEEremainder(heading - expected, 2 * Math.PI)) < Math.toRadians(2),
                "heading " + Math.toDegrees(heading) + "° expected " + Math.toDegrees(expected) + "°");
    }

    @Test
    void fuse_gzipInputWithoutMagnetometer_writesSixDResult() throws IOException {
        Path in = folder.resolve("in.csv.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(in))) {
            gz.write(turningRecording(200, 0.2, false).getBytes(StandardCharsets.US_ASCII));
        }
        Path out = folder.resolve("out.csv");
        OrientationFusion.Summary summary = new OrientationFusion(OrientationFilterSettings.DEFAULTS)
                .fuse(in, out, Double.NaN, true);
        assertFalse(summary.usedMagnetometer());
        List<String> lines = lines(out);
        assertEquals(201, lines.size());
        String[] last = lines.get(200).split(",");
        double heading = 2 * Math.atan2(Double.parseDouble(last[4]), Double.parseDouble(last[1]));
        assertEquals(0.2 * 200 / RATE_HZ, heading, 1e-6); // 6D: pure integration, one step per row
    }

    @Test
    void fuse_noMagnetometerRequested_ignoresMagnetometerColumns() throws IOException {
        Path in = folder.resolve("in.csv");
        Files.writeString(in, turningRecording(100, 0.3, true));
        OrientationFusion.Summary summary = new OrientationFusion(OrientationFilterSettings.DEFAULTS)
                .fuse(in, folder.resolve("out.csv"), 50, false);
        assertFalse(summary.usedMagnetometer());
        assertEquals(50, summary.sampleRateHz());
    }

    @Test
    void read_nonNumericField_failsNamingTheLine() throws IOException {
        Path in = folder.resolve("in.csv");
        Files.writeString(in, "time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z\n0,0,0,0,0,0,9.8\n0.01,0,x,0,0,0,9.8\n");
        FuseInputException error = assertThrows(FuseInputException.class, () -> ImuCsvReader.read(in));
        assertEquals(3, error.lineNumber());
        assertTrue(error.getMessage().contains(":3:"), error.getMessage());
        assertTrue(error.getMessage().contains("gyr_y"), error.getMessage());
    }

    @Test
    void read_nanOrMissingValue_failsNamingTheLine() throws IOException {
        Path in = folder.resolve("in.csv");
        Files.writeString(in, "time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z\n0,0,0,0,0,0,9.8\n0.01,0,0,0,NaN,0,9.8\n");
        assertEquals(3, assertThrows(FuseInputException.class, () -> ImuCsvReader.read(in)).lineNumber());
        Files.writeString(in, "time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z\n0,0,0,0,0,0,9.8\n0.01,0,0,0,0,0,9.8\n0.02,0,0,,0,0,9.8\n");
        assertEquals(4, assertThrows(FuseInputException.class, () -> ImuCsvReader.read(in)).lineNumber());
    }

    @Test
    void read_wrongFieldCountOrTimeGoingBack_failsNamingTheLine() throws IOException {
        Path in = folder.resolve("in.csv");
        Files.writeString(in, "time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z\n0,0,0,0,0,0,9.8\n0.01,0,0,0,0,9.8\n");
        assertEquals(3, assertThrows(FuseInputException.class, () -> ImuCsvReader.read(in)).lineNumber());
        Files.writeString(in, "time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z\n0.01,0,0,0,0,0,9.8\n0.01,0,0,0,0,0,9.8\n");
        assertEquals(3, assertThrows(FuseInputException.class, () -> ImuCsvReader.read(in)).lineNumber());
    }

    @Test
    void read_missingColumnOrEmptyFile_failsOnTheHeader() throws IOException {
        Path in = folder.resolve("in.csv");
        Files.writeString(in, "time_s,gyr_x,gyr_y,acc_x,acc_y,acc_z\n0,0,0,0,0,9.8\n");
        FuseInputException error = assertThrows(FuseInputException.class, () -> ImuCsvReader.read(in));
        assertTrue(error.getMessage().contains("gyr_z"), error.getMessage());
        Files.writeString(in, "");
        assertThrows(FuseInputException.class, () -> ImuCsvReader.read(in));
        assertThrows(FuseInputException.class, () -> ImuCsvReader.read(folder.resolve("absent.csv")));
    }

    @Test
    void write_roundsToNineDecimalsWithoutExponent() throws IOException {
        StringWriter text = new StringWriter();
        OrientationCsvWriter.write(text, new double[] {0.5}, new double[] {1, -1e-12, 0.7071067811865476, -0.25});
        assertEquals("time_s,qw,qx,qy,qz\n0.5,1.000000000,0.000000000,0.707106781,-0.250000000\n", text.toString());
    }
}
