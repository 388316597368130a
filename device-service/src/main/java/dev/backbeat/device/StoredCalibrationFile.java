// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.device;

import dev.backbeat.core.math.Quaternion;
import dev.backbeat.core.math.Vector3;
import dev.backbeat.core.spine.StoredCalibration;
import dev.backbeat.mqtt.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wearer's calibration as the last still neutral stand found it ({@link StoredCalibration}),
 * kept in the strap's data directory ({@value #FILE_NAME}, beside {@code measured-range}) for
 * profiles with {@code calibration stored}. UTF-8 text, one {@code key value} a line, every key
 * once, in this order:
 *
 * <pre>
 * backbeat-calibration 1
 * device strap-01                                       the strap that measured it
 * calibrated-at 2026-12-06T23:15:10.123Z                 the session's start (UTC)
 * chips upper MPU-6050 0x68, lower MPU-6050 0x69         the IMUs (part and I2C address)
 * upper-mount 0.9945 0.0 0.1045 0.0                      w x y z: upper sensor relative to its segment
 * lower-mount 0.9976 0.0 -0.0698 0.0                     lower sensor relative to the pelvis
 * upper-up 0.9781 0.0 0.2079                             x y z: up in the upper sensor's frame over the stand (unit)
 * lower-up 0.9903 0.0 -0.1392                            the same for the lower sensor
 * breathing 9.8                                          breaths/min over the stand, or none
 * </pre>
 *
 * Written whole through {@link DurableFile} (a power cut leaves the old or the new). Reading never
 * throws on the content: a file that does not read (damaged, from a newer version, or another
 * strap's) is said in one line and ignored, so the session stands for its calibration; it is moved
 * aside to {@value #SET_ASIDE_NAME} (not deleted) when the next still stand stores a new one.
 */
final class StoredCalibrationFile {

    /** The file in the data directory. */
    static final String FILE_NAME = "calibration";
    /** Where a file that did not read is moved when a new calibration replaces it. */
    static final String SET_ASIDE_NAME = "calibration.unreadable";
    static final int FORMAT_VERSION = 1;
    private static final String HEADER = "backbeat-calibration " + FORMAT_VERSION;
    private static final List<String> KEYS = List.of("device", "calibrated-at", "chips", "upper-mount", "lower-mount",
            "upper-up", "lower-up", "breathing");

    /**
     * What the data directory holds.
     *
     * @param calibration the stored calibration, if one reads and is this strap's
     * @param problem why the file there was ignored, one line; empty when it read or there is none
     */
    record Reading(Optional<StoredCalibration> calibration, String problem) {

        static final Reading NONE = new Reading(Optional.empty(), "");

        /** Whether a file is there that did not read. */
        boolean unreadable() {
            return !problem.isEmpty();
        }
    }

    private StoredCalibrationFile() {
    }

    /** The calibration {@code dataDirectory} holds for the strap {@code deviceId}. */
    static Reading read(Path dataDirectory, String deviceId) {
        Path file = dataDirectory.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return Reading.NONE;
        } catch (IOException | RuntimeException unreadable) {
            return ignored(file, "cannot be read (" + unreadable.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("backbeat-calibration ")) {
            return ignored(file, "is not a calibration file (line 1 is not '" + HEADER + "')");
        }
        if (!lines.get(0).equals(HEADER)) {
            return ignored(file, "is of another format version ('" + shorten(lines.get(0)) + "', this strap reads '" + HEADER + "')");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int index = 1; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            if (!KEYS.contains(key)) {
                return ignored(file, "line " + (index + 1) + ": unknown key '" + shorten(key) + "'");
            }
            if (values.put(key, space < 0 ? "" : line.substring(space + 1).strip()) != null) {
                return ignored(file, "line " + (index + 1) + ": " + key + " given twice");
            }
        }
        for (String key : KEYS) {
            if (!values.containsKey(key)) {
                return ignored(file, "has no " + key + " line (damaged or cut short)");
            }
        }
        if (!values.get("device").equals(deviceId)) {
            return ignored(file, "is strap " + shorten(values.get("device")) + "'s, not this strap's (" + deviceId + ")");
        }
        try {
            double[] upperMount = numbers(values, "upper-mount", 4);
            double[] lowerMount = numbers(values, "lower-mount", 4);
            double[] upperUp = numbers(values, "upper-up", 3);
            double[] lowerUp = numbers(values, "lower-up", 3);
            String breathing = values.get("breathing");
            double breathsPerMinute = breathing.equals("none") ? Double.NaN : numbers(values, "breathing", 1)[0];
            return new Reading(Optional.of(new StoredCalibration(Instant.parse(values.get("calibrated-at")), values.get("chips"),
                    new Quaternion(upperMount[0], upperMount[1], upperMount[2], upperMount[3]),
                    new Quaternion(lowerMount[0], lowerMount[1], lowerMount[2], lowerMount[3]),
                    new Vector3(upperUp[0], upperUp[1], upperUp[2]), new Vector3(lowerUp[0], lowerUp[1], lowerUp[2]),
                    breathsPerMinute)), "");
        } catch (DateTimeParseException badTime) {
            return ignored(file, "calibrated-at is not a UTC time such as 2026-12-06T23:15:10Z");
        } catch (IllegalArgumentException invalid) {
            return ignored(file, invalid.getMessage());
        }
    }

    /**
     * Writes {@code calibration} of the strap {@code deviceId} into {@code dataDirectory}, replacing
     * the file in one step. A file there that did not read is first moved to {@value #SET_ASIDE_NAME};
     * returns a line saying so, or null.
     */
    static String write(Path dataDirectory, String deviceId, StoredCalibration calibration) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        String setAside = null;
        if (Files.exists(file) && read(dataDirectory, deviceId).unreadable()) {
            Files.move(file, dataDirectory.resolve(SET_ASIDE_NAME), StandardCopyOption.REPLACE_EXISTING);
            setAside = "the calibration file that did not read is kept as " + dataDirectory.resolve(SET_ASIDE_NAME);
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("device ").append(deviceId).append('\n')
                .append("calibrated-at ").append(calibration.calibratedAt()).append('\n')
                .append("chips ").append(calibration.chips()).append('\n')
                .append("upper-mount ").append(quaternion(calibration.upperMount())).append('\n')
                .append("lower-mount ").append(quaternion(calibration.lowerMount())).append('\n')
                .append("upper-up ").append(vector(calibration.upperUp())).append('\n')
                .append("lower-up ").append(vector(calibration.lowerUp())).append('\n')
                .append("breathing ").append(Double.isNaN(calibration.breathsPerMinute()) ? "none"
                        : String.valueOf(calibration.breathsPerMinute())).append('\n');
        DurableFile.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
        return setAside;
    }

    private static Reading ignored(Path file, String why) {
        return new Reading(Optional.empty(), "the stored calibration " + file + " " + why + "; ignored");
    }

    /** Exactly {@code count} finite numbers, space-separated, as {@code key}'s value. */
    private static double[] numbers(Map<String, String> values, String key, int count) {
        String[] fields = values.get(key).split("\\s+");
        if (fields.length != count) {
            throw new IllegalArgumentException(key + " needs " + count + " numbers, has " + fields.length);
        }
        double[] numbers = new double[count];
        for (int index = 0; index < count; index++) {
            try {
                numbers[index] = Double.parseDouble(fields[index]);
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(key + " has '" + shorten(fields[index]) + "', not a number");
            }
            if (!Double.isFinite(numbers[index])) {
                throw new IllegalArgumentException(key + " has " + fields[index] + ", not a finite number");
            }
        }
        return numbers;
    }

    /** Each component as Java writes a double: read back to the same value. */
    private static String quaternion(Quaternion quaternion) {
        return quaternion.w() + " " + quaternion.x() + " " + quaternion.y() + " " + quaternion.z();
    }

    private static String vector(Vector3 vector) {
        return vector.x() + " " + vector.y() + " " + vector.z();
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
