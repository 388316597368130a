// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SensorTrack;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the raw session interchange format:
 *
 * <pre>
 * # optional comment lines, e.g. # rate_hz=100 or # device=...
 * time_s,sensor,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z[,mag_x,mag_y,mag_z]
 * </pre>
 *
 * Columns are found by header name (other columns are ignored); {@code time_s} seconds from the
 * start, {@code sensor} {@code upper} or {@code lower}, rad/s, m/s², µT; rows in time order with the
 * sensors interleaved, each sensor on its own clock ticks.
 *
 * <p>Refused with the line number: a file that is not UTF-8 text (binary data), a missing header or
 * column, an unknown sensor name, a row with the wrong number of fields, a value that is not a finite
 * number or does not fit a 32-bit float, a time beyond {@value #MAXIMUM_TIME_SECONDS} s, time going
 * backwards (overall or for one sensor), a jump of more than {@value #MAXIMUM_JUMP_SECONDS} s, and a
 * sensor whose median sample rate lies outside {@value #MINIMUM_RATE_HZ}–{@value #MAXIMUM_RATE_HZ} Hz
 * (every buffer the analysis sizes from the rate is bounded by it). Accepted with a warning naming the
 * lines: a gap longer than one second in one sensor's samples, a sensor with a single sample (left
 * out: it has no sample rate; a file in which no sensor has two samples is refused); and recorded as
 * {@link RawRecording#gaps()}:
 * every gap of more than {@value SampleGaps#GAP_PERIODS} sample periods, and a sensor starting or
 * ending later or earlier than the other.
 *
 * <p>Messages never echo more than {@value #ECHOED_CHARACTERS} characters of the file, and only
 * printable ones.
 */
public final class RawRecordingReader {

    /** Data lines are parsed in this many slices, in parallel. */
    static final int PARSE_SLICES = 8;
    /** A sensor's samples further apart than this are reported as a gap, seconds. */
    public static final double GAP_WARNING_SECONDS = 1.0;
    /** At most this many gap warnings are listed one by one; the rest are counted in one more warning. */
    public static final int MAXIMUM_GAP_WARNINGS = 20;
    /**
     * Lowest median sample rate of a sensor, Hz. Slower recordings are refused: the analysis's
     * windows and filters assume at least one sample a second.
     */
    public static final double MINIMUM_RATE_HZ = 1;
    /**
     * Highest median sample rate of a sensor, Hz (IMUs in straps run at 50–1 600 Hz). Faster
     * recordings are refused: the analysis sizes its buffers from the rate (80 s of history), so this
     * bounds them; raising it raises the analysis's memory in proportion.
     */
    public static final double MAXIMUM_RATE_HZ = 2000;
    /**
     * Largest jump between consecutive rows, or consecutive samples of one sensor, s (one day). A
     * longer jump is a corrupt time, not a pause, and is refused.
     */
    public static final double MAXIMUM_JUMP_SECONDS = 86_400;
    /**
     * Largest magnitude of {@code time_s}, s (about 317 years, so Unix times in seconds pass). Beyond
     * it a double no longer resolves the microseconds of a 2 000 Hz clock.
     */
    public static final double MAXIMUM_TIME_SECONDS = 1e10;
    /** Longest piece of the file's text quoted in a message, characters. */
    static final int ECHOED_CHARACTERS = 40;

    static final List<String> REQUIRED_COLUMNS =
            List.of("time_s", "sensor", "gyr_x", "gyr_y", "gyr_z", "acc_x", "acc_y", "acc_z");
    static final List<String> MAGNETOMETER_COLUMNS = List.of("mag_x", "mag_y", "mag_z");

    private RawRecordingReader() {
    }

    /** Reads the whole recording; {@code source} names it in messages (usually the file name). */
    public static RawRecording read(BufferedReader reader, String source) throws IOException, RecordingFormatException {
        StringBuilder text = new StringBuilder(1 << 16);
        char[] buffer = new char[1 << 16];
        int read;
        while ((read = reader.read(buffer)) > 0) {
            text.append(buffer, 0, read);
        }
        return read(text.toString(), source);
    }

    /** Reads the whole recording from UTF-8 bytes; {@code source} names it in messages. */
    public static RawRecording read(java.io.InputStream in, String source) throws IOException, RecordingFormatException {
        return read(text(in.readAllBytes(), source), source);
    }

    /**
     * The bytes as text, refusing bytes that are not UTF-8, naming the line but never echoing the
     * bytes (a NUL, the mark of binary data, is refused by {@link #read(String, String)}). Decoded the
     * fast way (vectorised for ASCII); only text with a replacement character is decoded again
     * strictly, to tell a malformed byte from a replacement character written as such.
     */
    static String text(byte[] bytes, String source) throws RecordingFormatException {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.charset.CoderResult result = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(in, java.nio.CharBuffer.allocate(bytes.length), true);
        if (result.isError()) {
            throw new RecordingFormatException(source, lineOf(bytes, in.position()),
                    "not UTF-8 text (a binary file, or another encoding)");
        }
        return text;
    }

    /** The 1-based line of byte {@code position}. */
    private static long lineOf(byte[] bytes, int position) {
        long line = 1;
        for (int index = 0; index < position; index++) {
            if (bytes[index] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * A piece of the file fit to quote in a message: at most {@value #ECHOED_CHARACTERS} characters,
     * anything but printable characters shown as {@code ?}.
     */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder(Math.min(text.length(), ECHOED_CHARACTERS) + 3);
        for (int index = 0; index < text.length() && index < ECHOED_CHARACTERS; index++) {
            char character = text.charAt(index);
            shown.append(character >= 0x20 && character < 0x7f || character >= 0xa0 && !Character.isISOControl(character)
                    && !Character.isSurrogate(character) ? character : '?');
        }
        if (text.length() > ECHOED_CHARACTERS) {
            shown.append("...");
        }
        return shown.toString();
    }

    /**
     * Reads a recording held as one string. Lines are ranges of it: a well-formed row is parsed in
     * place (on all cores); only a row the fast path refuses becomes a string of its own, for the
     * careful path that names the problem.
     */
    static RawRecording read(String text, String source) throws RecordingFormatException {
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new RecordingFormatException(source, lineOf(text, nul), "binary data (a NUL byte), not a text recording");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        int gapWarnings = 0;
        long lineNumber = 0;
        String line;
        String header = null;
        int position = text.startsWith("\uFEFF") ? 1 : 0;
        while (position < text.length()) {
            int end = lineEnd(text, position);
            line = text.substring(position, end);
            position = nextLine(text, end);
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                if (equals > 1) {
                    metadata.put(trimmed.substring(1, equals).strip(), trimmed.substring(equals + 1).strip());
                }
                continue;
            }
            header = trimmed;
            break;
        }
        if (header == null) {
            throw new RecordingFormatException(source, lineNumber == 0 ? 1 : lineNumber,
                    "no header line; expected " + String.join(",", REQUIRED_COLUMNS) + "[,mag_x,mag_y,mag_z]");
        }
        String[] names = header.split(",", -1);
        for (int index = 0; index < names.length; index++) {
            names[index] = names[index].strip().toLowerCase(Locale.ROOT);
        }
        int[] required = columnIndices(names, REQUIRED_COLUMNS);
        for (int index = 0; index < required.length; index++) {
            if (required[index] < 0) {
                throw new RecordingFormatException(source, lineNumber, "header lacks column '" + REQUIRED_COLUMNS.get(index)
                        + "'; expected " + String.join(",", REQUIRED_COLUMNS) + "[,mag_x,mag_y,mag_z], found " + printable(header));
            }
        }
        int[] magnetometer = columnIndices(names, MAGNETOMETER_COLUMNS);
        boolean hasMagnetometer = Arrays.stream(magnetometer).allMatch(index -> index >= 0);

        // for each field of a row, which value it is: -1 ignored, 0 time, 1..6 gyroscope and accelerometer, 7 sensor
        int[] columnOfField = new int[names.length];
        java.util.Arrays.fill(columnOfField, -1);
        for (int column = 0; column < REQUIRED_COLUMNS.size(); column++) {
            columnOfField[required[column]] = column == 0 ? 0 : column == 1 ? 7 : column - 1;
        }
        Map<SensorPosition, SensorTrack.Builder> builders = new EnumMap<>(SensorPosition.class);
        Map<SensorPosition, double[]> lastTime = new EnumMap<>(SensorPosition.class);
        Map<SensorPosition, Long> lastLine = new EnumMap<>(SensorPosition.class);
        Map<SensorPosition, Long> firstLine = new EnumMap<>(SensorPosition.class);
        long previousRowLine = 0;
        double previousRowTime = Double.NEGATIVE_INFINITY;
        String[] fields = new String[names.length];
        double[] values = new double[8];
        // the data lines as ranges of the text, parsed on all cores first
        int rows = 0;
        for (int at = position; at < text.length(); at = nextLine(text, lineEnd(text, at))) {
            rows++;
        }
        int[] lineStarts = new int[rows];
        int[] lineEnds = new int[rows];
        rows = 0;
        for (int at = position; at < text.length(); at = nextLine(text, lineEnds[rows - 1])) {
            lineStarts[rows] = at;
            lineEnds[rows] = lineEnd(text, at);
            rows++;
        }
        long firstDataLine = lineNumber + 1;
        int rowCount = rows;
        byte[] sensorOf = new byte[rowCount];
        double[] parsed = new double[7 * rowCount];
        int fieldCount = names.length;
        java.util.stream.IntStream.range(0, PARSE_SLICES).parallel().forEach(slice -> {
            double[] row = new double[8];
            int from = (int) ((long) rowCount * slice / PARSE_SLICES);
            int to = (int) ((long) rowCount * (slice + 1) / PARSE_SLICES);
            for (int index = from; index < to; index++) {
                SensorPosition fast = fastRow(text, lineStarts[index], lineEnds[index], fieldCount, columnOfField, row);
                sensorOf[index] = (byte) (fast == null ? -1 : fast.ordinal());
                if (fast != null) {
                    System.arraycopy(row, 0, parsed, 7 * index, 7);
                }
            }
        });
        SensorPosition[] positions = SensorPosition.values();
        for (int rowIndex = 0; rowIndex < rowCount; rowIndex++) {
            lineNumber = firstDataLine + rowIndex;
            SensorPosition sensor = null;
            line = null;
            if (sensorOf[rowIndex] >= 0) {
                sensor = positions[sensorOf[rowIndex]];
                System.arraycopy(parsed, 7 * rowIndex, values, 0, 7);
            } else {
                line = text.substring(lineStarts[rowIndex], lineEnds[rowIndex]);
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
            }
            if (sensor == null) {
                // the careful path, which names what is wrong
                int count = split(line, fields);
                if (count != names.length) {
                    throw new RecordingFormatException(source, lineNumber, "expected " + names.length
                            + " fields as in the header, found " + (count > names.length ? "more" : String.valueOf(count)));
                }
                String sensorName = fields[required[1]].strip();
                sensor = SensorPosition.fromLabel(sensorName).orElse(null);
                if (sensor == null) {
                    throw new RecordingFormatException(source, lineNumber, "unknown sensor '" + printable(sensorName)
                            + "' (expected upper or lower)");
                }
                for (int column = 0; column < REQUIRED_COLUMNS.size(); column++) {
                    if (column == 1) {
                        continue;
                    }
                    values[column == 0 ? 0 : column - 1] = number(fields[required[column]], REQUIRED_COLUMNS.get(column),
                            source, lineNumber);
                }
            }
            double time = values[0];
            if (!(Math.abs(time) <= MAXIMUM_TIME_SECONDS)) {
                throw new RecordingFormatException(source, lineNumber, "time_s " + time + " is beyond ±"
                        + MAXIMUM_TIME_SECONDS + " s; times are seconds from the start");
            }
            for (int column = 1; column < 7; column++) {
                if (Math.abs(values[column]) > Float.MAX_VALUE) {
                    throw new RecordingFormatException(source, lineNumber, REQUIRED_COLUMNS.get(column + 1) + " is "
                            + values[column] + ", beyond the range of a 32-bit float");
                }
            }
            if (time < previousRowTime) {
                throw new RecordingFormatException(source, lineNumber, "time_s " + time + " is before the previous row's "
                        + previousRowTime + "; rows must be in time order");
            }
            if (time - previousRowTime > MAXIMUM_JUMP_SECONDS && previousRowLine > 0) {
                throw new RecordingFormatException(source, lineNumber, "time_s jumps by " + (time - previousRowTime)
                        + " s from line " + previousRowLine + " (" + previousRowTime + " s), more than a day: not a plausible time");
            }
            previousRowTime = time;
            previousRowLine = lineNumber;
            double[] last = lastTime.computeIfAbsent(sensor, key -> new double[] {Double.NEGATIVE_INFINITY});
            if (time <= last[0]) {
                throw new RecordingFormatException(source, lineNumber, sensor.label() + " time_s " + time
                        + " does not increase (previous " + sensor.label() + " sample at " + last[0] + " s)");
            }
            if (last[0] != Double.NEGATIVE_INFINITY && time - last[0] > MAXIMUM_JUMP_SECONDS) {
                throw new RecordingFormatException(source, lineNumber, sensor.label() + " time_s jumps by " + (time - last[0])
                        + " s from line " + lastLine.get(sensor) + " (" + last[0] + " s), more than a day: not a plausible time");
            }
            if (time - last[0] > GAP_WARNING_SECONDS && last[0] != Double.NEGATIVE_INFINITY) {
                if (gapWarnings++ < MAXIMUM_GAP_WARNINGS) {
                    warnings.add(String.format(Locale.ROOT, "%s: gap of %.2f s in the %s sensor between line %d (%.3f s) and line %d (%.3f s)",
                            source, time - last[0], sensor.label(), lastLine.get(sensor), last[0], lineNumber, time));
                }
            }
            last[0] = time;
            lastLine.put(sensor, lineNumber);
            firstLine.putIfAbsent(sensor, lineNumber);
            if (hasMagnetometer) {
                split(line != null ? line : text.substring(lineStarts[rowIndex], lineEnds[rowIndex]), fields);
                for (int axis = 0; axis < 3; axis++) {
                    number(fields[magnetometer[axis]], MAGNETOMETER_COLUMNS.get(axis), source, lineNumber);
                }
            }
            builders.computeIfAbsent(sensor, SensorTrack.Builder::new).add(values);
        }
        if (builders.isEmpty()) {
            throw new RecordingFormatException(source, lineNumber, "no samples after the header");
        }
        if (gapWarnings > MAXIMUM_GAP_WARNINGS) {
            warnings.add(String.format(Locale.ROOT, "%s: %d more gaps longer than %.0f s, not listed", source,
                    gapWarnings - MAXIMUM_GAP_WARNINGS, GAP_WARNING_SECONDS));
        }
        if (builders.values().stream().allMatch(builder -> builder.count() < 2)) {
            throw new RecordingFormatException(source, lineNumber, "only one sample of each sensor; a sample rate needs at"
                    + " least two samples of a sensor");
        }
        List<SensorTrack> tracks = new ArrayList<>();
        for (SensorTrack.Builder builder : builders.values()) {
            SensorTrack track = builder.build();
            if (track.sampleCount() < 2) {
                warnings.add(source + ": the " + track.sensor().label() + " sensor has only one sample (line "
                        + firstLine.get(track.sensor()) + "), left out");
                continue;
            }
            checkSampleRate(track, firstLine.get(track.sensor()), lastLine.get(track.sensor()), source);
            tracks.add(track);
        }
        return new RawRecording(tracks, metadata, hasMagnetometer, warnings);
    }

    /**
     * Refuses a sensor whose median sample rate (the rate the analysis uses) lies outside
     * {@value #MINIMUM_RATE_HZ}–{@value #MAXIMUM_RATE_HZ} Hz, naming its first and last line.
     */
    private static void checkSampleRate(SensorTrack track, long firstLine, long lastLine, String source)
            throws RecordingFormatException {
        if (track.sampleCount() < 2) {
            return;
        }
        double rateHz = track.medianSampleRateHz();
        if (!(rateHz >= MINIMUM_RATE_HZ && rateHz <= MAXIMUM_RATE_HZ)) {
            throw new RecordingFormatException(source, firstLine, String.format(Locale.ROOT,
                    "the %s sensor's samples (lines %d to %d) are a median %.3g s apart, a rate of %.3g Hz;"
                            + " sample rates must be %.0f to %.0f Hz", track.sensor().label(), firstLine, lastLine,
                    1 / rateHz, rateHz, MINIMUM_RATE_HZ, MAXIMUM_RATE_HZ));
        }
    }

    /** The 1-based line of character {@code position}. */
    private static long lineOf(String text, int position) {
        long line = 1;
        for (int at = text.indexOf('\n'); at >= 0 && at < position; at = text.indexOf('\n', at + 1)) {
            line++;
        }
        return line;
    }

    /** End of the line starting at {@code start}: before its newline (and a carriage return), or the text's end. */
    private static int lineEnd(String text, int start) {
        int newline = text.indexOf('\n', start);
        int end = newline < 0 ? text.length() : newline;
        return end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    /** Start of the line after the one ending at {@code end}. */
    private static int nextLine(String text, int end) {
        int newline = text.indexOf('\n', end);
        return newline < 0 ? text.length() : newline + 1;
    }

    /**
     * Reads a well-formed row without allocating: the right number of fields, a known sensor and
     * plain decimal numbers. Returns its sensor with {@code values} filled, or null for anything
     * else (the caller then takes the careful path, which reports the problem).
     */
    private static SensorPosition fastRow(String line, int from, int to, int fieldCount, int[] columnOfField,
                                          double[] values) {
        int length = to;
        int start = from;
        SensorPosition sensor = null;
        for (int field = 0; field < fieldCount; field++) {
            int end = line.indexOf(',', start);
            if (end >= to) {
                end = -1;
            }
            if (end < 0) {
                if (field != fieldCount - 1) {
                    return null;
                }
                end = length;
            } else if (field == fieldCount - 1) {
                return null;
            }
            int column = columnOfField[field];
            if (column == 7) {
                sensor = end - start == 5 && line.startsWith("upper", start) ? SensorPosition.UPPER
                        : end - start == 5 && line.startsWith("lower", start) ? SensorPosition.LOWER : null;
                if (sensor == null) {
                    return null;
                }
            } else if (column >= 0) {
                double value = parsePlainDecimal(line, start, end);
                if (Double.isNaN(value)) {
                    value = parseLongDecimal(line, start, end);
                    if (Double.isNaN(value)) {
                        return null;
                    }
                }
                values[column] = value;
            }
            start = end + 1;
        }
        return sensor;
    }

    /**
     * A decimal the allocation-free parser leaves alone (more than 15 significant digits, as Python
     * and Java print doubles; a large exponent) through {@link Double#parseDouble}, so such files are
     * still parsed on all cores; NaN for anything but digits, sign, point and exponent, or a value that
     * is not finite (the careful path then names the problem).
     */
    private static double parseLongDecimal(String line, int from, int to) {
        if (to - from > 40 || to == from) {
            return Double.NaN;
        }
        for (int index = from; index < to; index++) {
            char character = line.charAt(index);
            if (!(character >= '0' && character <= '9' || character == '.' || character == '-' || character == '+'
                    || character == 'e' || character == 'E')) {
                return Double.NaN;
            }
        }
        try {
            double value = Double.parseDouble(line.substring(from, to));
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double parsePlainDecimal(String text) {
        return parsePlainDecimal(text, 0, text.length());
    }

    /**
     * Parses the common forms {@code [-]digits[.digits][E[-]digits]} (up to 15 significant digits)
     * without allocating; returns NaN for anything else, which then goes through
     * {@link Double#parseDouble}. Exact (Clinger's fast path): the digits form an integer below 2^53
     * multiplied or divided by a power of ten of at most 10^22, which is itself exact, so the one
     * rounding step gives the same double as {@code Double.parseDouble}.
     */
    static double parsePlainDecimal(String text, int from, int to) {
        int length = to;
        int index = from;
        boolean negative = false;
        if (index < length && (text.charAt(index) == '-' || text.charAt(index) == '+')) {
            negative = text.charAt(index) == '-';
            index++;
        }
        long digits = 0;
        int significant = 0;
        int fractionDigits = 0;
        boolean point = false;
        boolean any = false;
        int exponent = 0;
        for (; index < length; index++) {
            char character = text.charAt(index);
            if (character >= '0' && character <= '9') {
                any = true;
                if (digits == 0 && character == '0' && !point) {
                    continue;
                }
                if (++significant > 15) {
                    return Double.NaN;
                }
                digits = digits * 10 + (character - '0');
                if (point) {
                    fractionDigits++;
                }
            } else if (character == '.' && !point) {
                point = true;
            } else if ((character == 'e' || character == 'E') && any) {
                exponent = parseExponent(text, index + 1, length);
                if (exponent == Integer.MIN_VALUE) {
                    return Double.NaN;
                }
                break;
            } else {
                return Double.NaN;
            }
        }
        int scale = exponent - fractionDigits;
        if (!any || scale > 22 || scale < -22) {
            return Double.NaN;
        }
        double value = scale >= 0 ? digits * POWERS_OF_TEN[scale] : digits / POWERS_OF_TEN[-scale];
        return negative ? -value : value;
    }

    /** The integer exponent in {@code text[from, to)} ({@code [+-]digits}), or {@link Integer#MIN_VALUE} if malformed. */
    private static int parseExponent(String text, int from, int to) {
        int index = from;
        boolean negative = false;
        if (index < to && (text.charAt(index) == '-' || text.charAt(index) == '+')) {
            negative = text.charAt(index) == '-';
            index++;
        }
        if (index >= to || to - index > 3) {
            return Integer.MIN_VALUE;
        }
        int value = 0;
        for (; index < to; index++) {
            char character = text.charAt(index);
            if (character < '0' || character > '9') {
                return Integer.MIN_VALUE;
            }
            value = value * 10 + (character - '0');
        }
        return negative ? -value : value;
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};

    private static int[] columnIndices(String[] names, List<String> wanted) {
        int[] indices = new int[wanted.size()];
        for (int index = 0; index < wanted.size(); index++) {
            indices[index] = Arrays.asList(names).indexOf(wanted.get(index));
        }
        return indices;
    }

    /** Splits on commas into {@code fields}; returns the number of fields (may exceed the array). */
    private static int split(String line, String[] fields) {
        int count = 0;
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            String field = comma < 0 ? line.substring(start) : line.substring(start, comma);
            if (count < fields.length) {
                fields[count] = field;
            }
            count++;
            if (comma < 0) {
                return count;
            }
            start = comma + 1;
        }
    }

    private static double number(String field, String column, String source, long lineNumber) throws RecordingFormatException {
        double fast = parsePlainDecimal(field);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        String text = field.strip();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("nan") || lower.endsWith("inf") || lower.endsWith("infinity")) {
            throw new RecordingFormatException(source, lineNumber, column + " is " + printable(text)
                    + "; values must be finite numbers");
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(source, lineNumber, column + " is '" + printable(text) + "', not a number");
        }
        if (!Double.isFinite(value)) {
            throw new RecordingFormatException(source, lineNumber, column + " is " + printable(text)
                    + "; values must be finite numbers");
        }
        return value;
    }
}
