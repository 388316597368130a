// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.fuse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an IMU recording from CSV, columns found by header name:
 * {@code time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z[,mag_x,mag_y,mag_z]} (s, rad/s, m/s², µT);
 * other columns are ignored, a name ending in {@code .gz} is read as gzip. Every row must have a
 * finite number in every used column and time must increase strictly; otherwise the read fails
 * with the line number, so that no NaN reaches the filter or the output. Leading {@code #} comment
 * lines (the interchange format's metadata) and blank lines are skipped. A file that is not UTF-8
 * text, or has control characters in a line, is refused without echoing its bytes; a message quotes
 * at most {@value #ECHOED_CHARACTERS} printable characters of the file.
 */
public final class ImuCsvReader {

    private static final List<String> REQUIRED = List.of("time_s", "gyr_x", "gyr_y", "gyr_z", "acc_x", "acc_y", "acc_z");
    private static final List<String> MAGNETOMETER = List.of("mag_x", "mag_y", "mag_z");
    /** Longest piece of the file's text quoted in a message, characters. */
    static final int ECHOED_CHARACTERS = 40;

    private ImuCsvReader() {
    }

    public static ImuRecording read(Path path) throws FuseInputException {
        return read(path, Optional.empty());
    }

    /**
     * Reads {@code path}; with {@code sensor}, a file with a {@code sensor} column (the interchange
     * format that {@code backbeat export} writes) gives only that sensor's rows.
     */
    public static ImuRecording read(Path path, Optional<String> sensor) throws FuseInputException {
        CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, strictUtf8), 1 << 16)) {
            return read(reader, path.toString(), sensor);
        } catch (NoSuchFileException e) {
            throw new FuseInputException(path + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new FuseInputException(path + ": not UTF-8 text (a binary file, or another encoding)", e);
        } catch (ZipException e) {
            throw new FuseInputException(path + ": not a valid gzip file", e);
        } catch (FuseInputException e) {
            throw e;
        } catch (IOException e) {
            throw new FuseInputException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads from {@code reader}; {@code source} names it in error messages. */
    public static ImuRecording read(BufferedReader reader, String source) throws IOException {
        return read(reader, source, Optional.empty());
    }

    /** Reads from {@code reader}, only {@code sensor}'s rows if given; {@code source} names it in error messages. */
    public static ImuRecording read(BufferedReader reader, String source, Optional<String> sensor) throws IOException {
        String header = reader.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        long lineNumber = 1;
        while (header != null && (header.startsWith("#") || header.isBlank())) {
            refuseControlCharacters(header, source, lineNumber);
            header = reader.readLine();
            lineNumber++;
        }
        if (header == null) {
            throw new FuseInputException(source + ": no header line (time_s,gyr_x,...)", lineNumber);
        }
        refuseControlCharacters(header, source, lineNumber);
        long headerLine = lineNumber;
        List<String> names = Arrays.stream(header.split(",", -1)).map(String::trim).toList();
        int[] required = indices(names, REQUIRED);
        for (int i = 0; i < required.length; i++) {
            if (required[i] < 0) {
                throw new FuseInputException(source + ":" + headerLine + ": missing column " + REQUIRED.get(i)
                        + " (header: " + quoted(header) + ")", headerLine);
            }
        }
        int[] magnetometer = indices(names, MAGNETOMETER);
        long magnetometerColumns = Arrays.stream(magnetometer).filter(i -> i >= 0).count();
        if (magnetometerColumns != 0 && magnetometerColumns != 3) {
            throw new FuseInputException(source + ":" + headerLine + ": mag_x, mag_y and mag_z must all be present or all absent",
                    headerLine);
        }
        boolean hasMagnetometer = magnetometerColumns == 3;
        int[] columns = hasMagnetometer ? concat(required, magnetometer) : required;
        int width = columns.length;

        int sensorColumn = names.indexOf("sensor");
        if (sensor.isPresent() && sensorColumn < 0) {
            throw new FuseInputException(source + ":" + headerLine + ": --sensor " + sensor.get()
                    + " was given, but the file has no sensor column", headerLine);
        }
        String firstSensor = null;
        int capacity = 1 << 12;
        double[] values = new double[capacity * width];
        int rows = 0;
        String line;
        double previousTime = Double.NEGATIVE_INFINITY;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            refuseControlCharacters(line, source, lineNumber);
            String[] fields = line.split(",", -1);
            if (fields.length != names.size()) {
                throw new FuseInputException(source + ":" + lineNumber + ": expected " + names.size()
                        + " fields, found " + fields.length, lineNumber);
            }
            if (sensorColumn >= 0) {
                String rowSensor = fields[sensorColumn].trim();
                if (sensor.isPresent()) {
                    if (!rowSensor.equals(sensor.get())) {
                        continue;
                    }
                } else if (firstSensor == null) {
                    firstSensor = rowSensor;
                } else if (!rowSensor.equals(firstSensor)) {
                    throw new FuseInputException(source + ":" + lineNumber + ": rows of more than one sensor ("
                            + quoted(firstSensor) + ", " + quoted(rowSensor) + "): choose one with --sensor", lineNumber);
                }
            }
            if ((rows + 1) * width > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            for (int c = 0; c < width; c++) {
                values[rows * width + c] = parseFinite(fields[columns[c]], names.get(columns[c]), source, lineNumber);
            }
            double time = values[rows * width];
            if (!(time > previousTime)) {
                throw new FuseInputException(source + ":" + lineNumber + ": time_s " + time
                        + " does not increase (previous " + previousTime + ")", lineNumber);
            }
            previousTime = time;
            rows++;
        }
        if (rows == 0) {
            throw new FuseInputException(source + ": no data rows" + sensor.map(name -> " of sensor " + quoted(name)).orElse(""),
                    lineNumber);
        }
        double[] time = new double[rows];
        double[] gyroscope = new double[3 * rows];
        double[] accelerometer = new double[3 * rows];
        double[] magnetic = hasMagnetometer ? new double[3 * rows] : null;
        for (int i = 0; i < rows; i++) {
            int base = i * width;
            time[i] = values[base];
            for (int axis = 0; axis < 3; axis++) {
                gyroscope[3 * i + axis] = values[base + 1 + axis];
                accelerometer[3 * i + axis] = values[base + 4 + axis];
                if (hasMagnetometer) {
                    magnetic[3 * i + axis] = values[base + 7 + axis];
                }
            }
        }
        return new ImuRecording(time, gyroscope, accelerometer, magnetic);
    }

    private static double parseFinite(String text, String column, String source, long lineNumber)
            throws FuseInputException {
        String field = text.trim();
        if (field.isEmpty()) {
            throw new FuseInputException(source + ":" + lineNumber + ": missing value for " + column, lineNumber);
        }
        double value;
        try {
            value = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new FuseInputException(source + ":" + lineNumber + ": " + column + " is not a number: "
                    + quoted(field), lineNumber);
        }
        if (!Double.isFinite(value)) {
            throw new FuseInputException(source + ":" + lineNumber + ": " + column + " is not finite: "
                    + quoted(field), lineNumber);
        }
        return value;
    }

    /** A line with a control character (NUL and the like) is binary data: refused without echoing it. */
    private static void refuseControlCharacters(String line, String source, long lineNumber) throws FuseInputException {
        for (int index = 0; index < line.length(); index++) {
            char character = line.charAt(index);
            if (character < 0x20 && character != '\t' && character != '\r') {
                throw new FuseInputException(source + ":" + lineNumber + ": not text (control character 0x"
                        + Integer.toHexString(character) + "; a binary file?)", lineNumber);
            }
        }
    }

    /** {@code text} in quotes for a message: at most {@value #ECHOED_CHARACTERS} characters, printable ones only. */
    static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("'");
        text.codePoints().limit(ECHOED_CHARACTERS).forEach(codePoint -> quoted.appendCodePoint(
                Character.isISOControl(codePoint) || !Character.isDefined(codePoint) ? '?' : codePoint));
        return quoted.append(text.codePointCount(0, text.length()) > ECHOED_CHARACTERS ? "...'" : "'").toString();
    }

    private static int[] indices(List<String> names, List<String> wanted) {
        return wanted.stream().mapToInt(names::indexOf).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
