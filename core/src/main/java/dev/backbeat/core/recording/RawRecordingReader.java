// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SensorTrack;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
        byte[] bytes = in.readAllBytes();
        Scan scan = Scan.of(bytes);
        if (scan.nonAscii()) {
            checkUtf8(bytes, source);
        }
        return read(bytes, scan.firstNul(), source);
    }

    /**
     * Refuses bytes that are not UTF-8, naming the line but never echoing the bytes (a NUL, the mark
     * of binary data, is refused later). Decoded the fast way first (vectorised); only text with a
     * replacement character is decoded again strictly, to tell a malformed byte from a replacement
     * character written as such.
     */
    static void checkUtf8(byte[] bytes, String source) throws RecordingFormatException {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return;
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
    }

    /**
     * Whether any byte is not ASCII, and where the first NUL is (-1 if none): one pass over the bytes,
     * in {@value #PARSE_SLICES} slices on all cores.
     */
    private record Scan(boolean nonAscii, int firstNul) {

        static Scan of(byte[] bytes) {
            int[] nul = new int[PARSE_SLICES];
            boolean[] nonAscii = new boolean[PARSE_SLICES];
            java.util.stream.IntStream.range(0, PARSE_SLICES).parallel().forEach(slice -> {
                int from = (int) ((long) bytes.length * slice / PARSE_SLICES);
                int to = (int) ((long) bytes.length * (slice + 1) / PARSE_SLICES);
                int any = 0;
                int first = -1;
                for (int index = from; index < to; index++) {
                    byte value = bytes[index];
                    any |= value;
                    if (value == 0 && first < 0) {
                        first = index;
                    }
                }
                nul[slice] = first;
                nonAscii[slice] = any < 0;
            });
            boolean anyNonAscii = false;
            int firstNul = -1;
            for (int slice = 0; slice < PARSE_SLICES; slice++) {
                anyNonAscii |= nonAscii[slice];
                if (firstNul < 0) {
                    firstNul = nul[slice];
                }
            }
            return new Scan(anyNonAscii, firstNul);
        }
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

    /** Reads a recording held as one string (as UTF-8 bytes: lone surrogates become '?'). */
    static RawRecording read(String text, String source) throws RecordingFormatException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return read(bytes, Scan.of(bytes).firstNul(), source);
    }

    /** Where the header is and what the lines before it said. */
    private record Head(String header, long lineNumber, int dataStart, Map<String, String> metadata) {
    }

    /** Where each field of a row goes: {@link #IGNORED}, 0 time, 1..6 gyroscope and accelerometer, or one of these. */
    private static final byte IGNORED = -1;
    private static final byte SENSOR = 7;
    /** A magnetometer field: read as a number (refused if not), then not kept. */
    private static final byte MAGNETOMETER = 8;

    /**
     * Reads a recording held as UTF-8 bytes (already checked) whose first NUL byte is at
     * {@code firstNul} (-1 if none). Lines are ranges of the bytes: well-formed rows are parsed in
     * place on all cores ({@link Slice}); then every row is checked in file order, and only a row the
     * fast path refused becomes a string of its own, for the careful path that names the problem.
     */
    private static RawRecording read(byte[] bytes, int firstNul, String source) throws RecordingFormatException {
        if (firstNul >= 0) {
            throw new RecordingFormatException(source, lineOf(bytes, firstNul), "binary data (a NUL byte), not a text recording");
        }
        Head head = head(bytes, source);
        String header = head.header();
        long headerLine = head.lineNumber();
        String[] names = header.split(",", -1);
        for (int index = 0; index < names.length; index++) {
            names[index] = names[index].strip().toLowerCase(Locale.ROOT);
        }
        int[] required = columnIndices(names, REQUIRED_COLUMNS);
        for (int index = 0; index < required.length; index++) {
            if (required[index] < 0) {
                throw new RecordingFormatException(source, headerLine, "header lacks column '" + REQUIRED_COLUMNS.get(index)
                        + "'; expected " + String.join(",", REQUIRED_COLUMNS) + "[,mag_x,mag_y,mag_z], found " + printable(header));
            }
        }
        int[] magnetometer = columnIndices(names, MAGNETOMETER_COLUMNS);
        boolean hasMagnetometer = Arrays.stream(magnetometer).allMatch(index -> index >= 0);
        byte[] fieldKinds = new byte[names.length];
        Arrays.fill(fieldKinds, IGNORED);
        for (int column = 0; column < REQUIRED_COLUMNS.size(); column++) {
            fieldKinds[required[column]] = (byte) (column == 0 ? 0 : column == 1 ? SENSOR : column - 1);
        }
        if (hasMagnetometer) {
            for (int index : magnetometer) {
                fieldKinds[index] = MAGNETOMETER;
            }
        }
        Slice[] slices = Slice.parse(bytes, head.dataStart(), fieldKinds);
        Rows rows = new Rows(source, names, required, magnetometer, hasMagnetometer, slices);
        long firstDataLine = headerLine + 1;
        for (Slice slice : slices) {
            for (int line = 0; line < slice.lines; line++) {
                rows.check(bytes, slice, line, firstDataLine++);
            }
        }
        return rows.recording(head.metadata(), firstDataLine == headerLine + 1 ? headerLine : firstDataLine - 1);
    }

    /** Comment lines (their {@code key=value} metadata) up to the header, which is the first other non-blank line. */
    private static Head head(byte[] bytes, String source) throws RecordingFormatException {
        Map<String, String> metadata = new LinkedHashMap<>();
        long lineNumber = 0;
        int position = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        while (position < bytes.length) {
            int end = lineEnd(bytes, position);
            String trimmed = new String(bytes, position, end - position, java.nio.charset.StandardCharsets.UTF_8).strip();
            position = nextLine(bytes, end);
            lineNumber++;
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
            return new Head(trimmed, lineNumber, position, metadata);
        }
        throw new RecordingFormatException(source, lineNumber == 0 ? 1 : lineNumber,
                "no header line; expected " + String.join(",", REQUIRED_COLUMNS) + "[,mag_x,mag_y,mag_z]");
    }

    /**
     * A run of whole data lines, parsed on its own core: per line its start, and for a well-formed
     * row its sensor's ordinal and 7 values (time, gyroscope, accelerometer), else -1.
     */
    private static final class Slice {
        int lines;
        int[] starts;
        byte[] sensors;
        double[] values;
        /** Well-formed rows of each sensor. */
        final int[] counts = new int[SensorPosition.values().length];

        Slice(int capacity) {
            starts = new int[capacity];
            sensors = new byte[capacity];
            values = new double[7 * capacity];
        }

        /** The data lines from {@code from} to the end, in {@value #PARSE_SLICES} slices parsed in parallel. */
        static Slice[] parse(byte[] bytes, int from, byte[] fieldKinds) {
            int[] bounds = new int[PARSE_SLICES + 1];
            bounds[0] = from;
            for (int slice = 1; slice < PARSE_SLICES; slice++) {
                int at = Math.max(bounds[slice - 1], from + (int) ((long) (bytes.length - from) * slice / PARSE_SLICES));
                // the next line start at or after 'at'
                bounds[slice] = at == from || bytes[at - 1] == '\n' ? at : nextLine(bytes, at);
            }
            bounds[PARSE_SLICES] = bytes.length;
            Slice[] slices = new Slice[PARSE_SLICES];
            java.util.stream.IntStream.range(0, PARSE_SLICES).parallel().forEach(slice -> {
                int to = bounds[slice + 1];
                Slice parsed = new Slice(Math.max(16, (to - bounds[slice]) / 48));
                parsed.parse(bytes, bounds[slice], to, fieldKinds);
                slices[slice] = parsed;
            });
            return slices;
        }

        private void parse(byte[] bytes, int from, int to, byte[] fieldKinds) {
            double[] row = new double[7];
            for (int at = from; at < to; ) {
                int newline = indexOfNewline(bytes, at);
                int end = newline < 0 ? bytes.length : newline;
                if (end > at && bytes[end - 1] == '\r') {
                    end--;
                }
                if (lines == starts.length) {
                    grow();
                }
                int sensor = fastRow(bytes, at, end, fieldKinds, row);
                starts[lines] = at;
                sensors[lines] = (byte) sensor;
                if (sensor >= 0) {
                    System.arraycopy(row, 0, values, 7 * lines, 7);
                    counts[sensor]++;
                }
                lines++;
                at = newline < 0 ? bytes.length : newline + 1;
            }
        }

        private void grow() {
            int capacity = 2 * starts.length;
            starts = Arrays.copyOf(starts, capacity);
            sensors = Arrays.copyOf(sensors, capacity);
            values = Arrays.copyOf(values, 7 * capacity);
        }
    }

    /** The checks of every row in file order and the tracks they fill. */
    private static final class Rows {
        private final String source;
        private final String[] names;
        private final int[] required;
        private final int[] magnetometer;
        private final boolean hasMagnetometer;
        private final String[] fields;
        private final double[] values = new double[7];
        private final List<String> warnings = new ArrayList<>();
        private int gapWarnings;
        private long previousRowLine;
        private double previousRowTime = Double.NEGATIVE_INFINITY;
        // per sensor ordinal
        private final double[] lastTime = new double[SensorPosition.values().length];
        private final long[] lastLine = new long[SensorPosition.values().length];
        private final long[] firstLine = new long[SensorPosition.values().length];
        private final int[] counts = new int[SensorPosition.values().length];
        private final double[][] times = new double[SensorPosition.values().length][];
        private final float[][] gyroscope = new float[SensorPosition.values().length][];
        private final float[][] accelerometer = new float[SensorPosition.values().length][];

        Rows(String source, String[] names, int[] required, int[] magnetometer, boolean hasMagnetometer, Slice[] slices) {
            this.source = source;
            this.names = names;
            this.required = required;
            this.magnetometer = magnetometer;
            this.hasMagnetometer = hasMagnetometer;
            this.fields = new String[names.length];
            Arrays.fill(lastTime, Double.NEGATIVE_INFINITY);
            // room for every well-formed row of a sensor and every other row
            int others = 0;
            int[] wellFormed = new int[SensorPosition.values().length];
            for (Slice slice : slices) {
                others += slice.lines;
                for (int sensor = 0; sensor < wellFormed.length; sensor++) {
                    wellFormed[sensor] += slice.counts[sensor];
                    others -= slice.counts[sensor];
                }
            }
            for (int sensor = 0; sensor < wellFormed.length; sensor++) {
                int capacity = wellFormed[sensor] + others;
                times[sensor] = new double[capacity];
                gyroscope[sensor] = new float[3 * capacity];
                accelerometer[sensor] = new float[3 * capacity];
            }
        }

        /** Checks line {@code line} of {@code slice} (line {@code lineNumber} of the file) and adds its sample. */
        void check(byte[] bytes, Slice slice, int line, long lineNumber) throws RecordingFormatException {
            int sensor = slice.sensors[line];
            double[] row;
            int base;
            if (sensor >= 0) {
                row = slice.values;
                base = 7 * line;
            } else {
                int start = slice.starts[line];
                String text = new String(bytes, start, lineEnd(bytes, start) - start, java.nio.charset.StandardCharsets.UTF_8);
                if (text.isBlank() || text.stripLeading().startsWith("#")) {
                    return;
                }
                sensor = carefulRow(text, lineNumber).ordinal();
                row = values;
                base = 0;
            }
            double time = row[base];
            if (!(Math.abs(time) <= MAXIMUM_TIME_SECONDS)) {
                throw new RecordingFormatException(source, lineNumber, "time_s " + time + " is beyond ±"
                        + MAXIMUM_TIME_SECONDS + " s; times are seconds from the start");
            }
            for (int column = 1; column < 7; column++) {
                if (Math.abs(row[base + column]) > Float.MAX_VALUE) {
                    throw new RecordingFormatException(source, lineNumber, REQUIRED_COLUMNS.get(column + 1) + " is "
                            + row[base + column] + ", beyond the range of a 32-bit float");
                }
            }
            checkTime(sensor, time, lineNumber);
            if (row == values && hasMagnetometer) {
                int start = slice.starts[line];
                split(new String(bytes, start, lineEnd(bytes, start) - start, java.nio.charset.StandardCharsets.UTF_8), fields);
                for (int axis = 0; axis < 3; axis++) {
                    number(fields[magnetometer[axis]], MAGNETOMETER_COLUMNS.get(axis), source, lineNumber);
                }
            }
            add(sensor, row, base);
        }

        /** A row the fast path refused: parsed field by field, naming what is wrong; fills {@link #values}. */
        private SensorPosition carefulRow(String line, long lineNumber) throws RecordingFormatException {
            int count = split(line, fields);
            if (count != names.length) {
                throw new RecordingFormatException(source, lineNumber, "expected " + names.length
                        + " fields as in the header, found " + (count > names.length ? "more" : String.valueOf(count)));
            }
            String sensorName = fields[required[1]].strip();
            SensorPosition sensor = SensorPosition.fromLabel(sensorName).orElse(null);
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
            return sensor;
        }

        /** Time order overall and of the sensor, plausible jumps, and a warning for a gap longer than a second. */
        private void checkTime(int sensor, double time, long lineNumber) throws RecordingFormatException {
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
            double last = lastTime[sensor];
            String label = SensorPosition.values()[sensor].label();
            if (time <= last) {
                throw new RecordingFormatException(source, lineNumber, label + " time_s " + time
                        + " does not increase (previous " + label + " sample at " + last + " s)");
            }
            if (last != Double.NEGATIVE_INFINITY && time - last > MAXIMUM_JUMP_SECONDS) {
                throw new RecordingFormatException(source, lineNumber, label + " time_s jumps by " + (time - last)
                        + " s from line " + lastLine[sensor] + " (" + last + " s), more than a day: not a plausible time");
            }
            if (time - last > GAP_WARNING_SECONDS && last != Double.NEGATIVE_INFINITY) {
                if (gapWarnings++ < MAXIMUM_GAP_WARNINGS) {
                    warnings.add(String.format(Locale.ROOT, "%s: gap of %.2f s in the %s sensor between line %d (%.3f s) and line %d (%.3f s)",
                            source, time - last, label, lastLine[sensor], last, lineNumber, time));
                }
            }
            lastTime[sensor] = time;
            lastLine[sensor] = lineNumber;
            if (firstLine[sensor] == 0) {
                firstLine[sensor] = lineNumber;
            }
        }

        /** Adds {@code row[base..base+7)} (time, gyroscope, accelerometer) to the sensor's track, as floats but the time. */
        private void add(int sensor, double[] row, int base) {
            int count = counts[sensor]++;
            times[sensor][count] = row[base];
            float[] rates = gyroscope[sensor];
            float[] forces = accelerometer[sensor];
            for (int axis = 0; axis < 3; axis++) {
                rates[3 * count + axis] = (float) row[base + 1 + axis];
                forces[3 * count + axis] = (float) row[base + 4 + axis];
            }
        }

        /** The tracks, with the last checks; {@code lastLine} is the file's last line number read. */
        RawRecording recording(Map<String, String> metadata, long lastLineNumber) throws RecordingFormatException {
            if (Arrays.stream(counts).allMatch(count -> count == 0)) {
                throw new RecordingFormatException(source, lastLineNumber, "no samples after the header");
            }
            if (gapWarnings > MAXIMUM_GAP_WARNINGS) {
                warnings.add(String.format(Locale.ROOT, "%s: %d more gaps longer than %.0f s, not listed", source,
                        gapWarnings - MAXIMUM_GAP_WARNINGS, GAP_WARNING_SECONDS));
            }
            if (Arrays.stream(counts).allMatch(count -> count < 2)) {
                throw new RecordingFormatException(source, lastLineNumber, "only one sample of each sensor; a sample rate needs at"
                        + " least two samples of a sensor");
            }
            List<SensorTrack> tracks = new ArrayList<>();
            for (SensorPosition position : SensorPosition.values()) {
                int sensor = position.ordinal();
                int count = counts[sensor];
                if (count == 0) {
                    continue;
                }
                if (count < 2) {
                    warnings.add(source + ": the " + position.label() + " sensor has only one sample (line "
                            + firstLine[sensor] + "), left out");
                    continue;
                }
                SensorTrack track = new SensorTrack(position, trim(times[sensor], count), trim(gyroscope[sensor], 3 * count),
                        trim(accelerometer[sensor], 3 * count));
                checkSampleRate(track, firstLine[sensor], lastLine[sensor], source);
                tracks.add(track);
            }
            return new RawRecording(tracks, metadata, hasMagnetometer, warnings);
        }

        private static double[] trim(double[] values, int length) {
            return values.length == length ? values : Arrays.copyOf(values, length);
        }

        private static float[] trim(float[] values, int length) {
            return values.length == length ? values : Arrays.copyOf(values, length);
        }
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

    /** Index of the first newline at or after {@code from}, or -1. */
    private static int indexOfNewline(byte[] bytes, int from) {
        for (int index = from; index < bytes.length; index++) {
            if (bytes[index] == '\n') {
                return index;
            }
        }
        return -1;
    }

    /** End of the line starting at {@code start}: before its newline (and a carriage return), or the bytes' end. */
    private static int lineEnd(byte[] bytes, int start) {
        int newline = indexOfNewline(bytes, start);
        int end = newline < 0 ? bytes.length : newline;
        return end > start && bytes[end - 1] == '\r' ? end - 1 : end;
    }

    /** Start of the line after the one ending at {@code end}. */
    private static int nextLine(byte[] bytes, int end) {
        int newline = indexOfNewline(bytes, end);
        return newline < 0 ? bytes.length : newline + 1;
    }

    /**
     * Reads a well-formed row without allocating: as many fields as {@code fieldKinds}, a known
     * sensor and plain decimal numbers (magnetometer fields too). Returns its sensor's ordinal with
     * {@code values} filled, or -1 for anything else (the caller then takes the careful path, which
     * reports the problem).
     */
    private static int fastRow(byte[] bytes, int from, int to, byte[] fieldKinds, double[] values) {
        int start = from;
        int sensor = -1;
        int fieldCount = fieldKinds.length;
        for (int field = 0; field < fieldCount; field++) {
            int end = start;
            while (end < to && bytes[end] != ',') {
                end++;
            }
            if (end == to ? field != fieldCount - 1 : field == fieldCount - 1) {
                return -1;
            }
            int kind = fieldKinds[field];
            if (kind == SENSOR) {
                sensor = end - start != 5 ? -1 : matches(bytes, start, "upper") ? SensorPosition.UPPER.ordinal()
                        : matches(bytes, start, "lower") ? SensorPosition.LOWER.ordinal() : -1;
                if (sensor < 0) {
                    return -1;
                }
            } else if (kind != IGNORED) {
                double value = parsePlainDecimal(bytes, start, end);
                if (Double.isNaN(value)) {
                    value = parseLongDecimal(bytes, start, end);
                    if (Double.isNaN(value)) {
                        return -1;
                    }
                }
                if (kind != MAGNETOMETER) {
                    values[kind] = value;
                }
            }
            start = end + 1;
        }
        return sensor;
    }

    /** Whether the ASCII {@code word} stands in {@code bytes} at {@code at}. */
    private static boolean matches(byte[] bytes, int at, String word) {
        for (int index = 0; index < word.length(); index++) {
            if (bytes[at + index] != word.charAt(index)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A decimal the allocation-free parser leaves alone (more than 15 significant digits, as Python
     * and Java print doubles; a large exponent) through {@link Double#parseDouble}, so such files are
     * still parsed on all cores; NaN for anything but digits, sign, point and exponent, or a value that
     * is not finite (the careful path then names the problem).
     */
    private static double parseLongDecimal(byte[] bytes, int from, int to) {
        if (to - from > 40 || to == from) {
            return Double.NaN;
        }
        for (int index = from; index < to; index++) {
            byte character = bytes[index];
            if (!(character >= '0' && character <= '9' || character == '.' || character == '-' || character == '+'
                    || character == 'e' || character == 'E')) {
                return Double.NaN;
            }
        }
        try {
            double value = Double.parseDouble(new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@link #parsePlainDecimal(byte[], int, int)} of a string (NaN if any character is not ASCII). */
    static double parsePlainDecimal(String text) {
        // ISO-8859-1 keeps ASCII as is and turns anything else into a byte that is no digit, sign, point or 'e'
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return parsePlainDecimal(bytes, 0, bytes.length);
    }

    /**
     * Parses the common forms {@code [-]digits[.digits][E[-]digits]} (up to 15 significant digits)
     * without allocating; returns NaN for anything else, which then goes through
     * {@link Double#parseDouble}. Exact (Clinger's fast path): the digits form an integer below 2^53
     * multiplied or divided by a power of ten of at most 10^22, which is itself exact, so the one
     * rounding step gives the same double as {@code Double.parseDouble}.
     */
    static double parsePlainDecimal(byte[] text, int from, int to) {
        int length = to;
        int index = from;
        boolean negative = false;
        if (index < length && (text[index] == '-' || text[index] == '+')) {
            negative = text[index] == '-';
            index++;
        }
        long digits = 0;
        int significant = 0;
        int fractionDigits = 0;
        boolean point = false;
        boolean any = false;
        int exponent = 0;
        for (; index < length; index++) {
            byte character = text[index];
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
    private static int parseExponent(byte[] text, int from, int to) {
        int index = from;
        boolean negative = false;
        if (index < to && (text[index] == '-' || text[index] == '+')) {
            negative = text[index] == '-';
            index++;
        }
        if (index >= to || to - index > 3) {
            return Integer.MIN_VALUE;
        }
        int value = 0;
        for (; index < to; index++) {
            byte character = text[index];
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
