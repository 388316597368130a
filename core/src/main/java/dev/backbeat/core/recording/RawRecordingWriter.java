// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

import dev.backbeat.core.imu.ImuSample;
import dev.backbeat.core.session.SensorTrack;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes the raw session interchange format that {@link RawRecordingReader} reads: comment lines
 * with metadata, the header, then every sample of every sensor interleaved in time order.
 * Times are written to the microsecond, sensor values with the shortest text that reads back to
 * the same 32-bit float.
 */
public final class RawRecordingWriter {

    public static final String HEADER = String.join(",", RawRecordingReader.REQUIRED_COLUMNS);

    private RawRecordingWriter() {
    }

    /** Appends {@code seconds} rounded to the microsecond, without trailing zeros (e.g. {@code 12.0037}). */
    static void appendMicroseconds(StringBuilder line, double seconds) {
        long microseconds = Math.round(seconds * 1e6);
        if (microseconds < 0) {
            line.append('-');
            microseconds = -microseconds;
        }
        line.append(microseconds / 1_000_000);
        long fraction = microseconds % 1_000_000;
        if (fraction == 0) {
            line.append(".0");
            return;
        }
        line.append('.');
        String digits = Long.toString(fraction);
        for (int pad = digits.length(); pad < 6; pad++) {
            line.append('0');
        }
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        line.append(digits, 0, end);
    }

    /** Writes {@code tracks} with {@code metadata} as {@code # key=value} comments. */
    public static void write(Writer out, Map<String, String> metadata, List<SensorTrack> tracks) throws IOException {
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            out.write("# " + entry.getKey() + "=" + entry.getValue().replace('\n', ' ') + "\n");
        }
        out.write(HEADER + "\n");
        int[] next = new int[tracks.size()];
        StringBuilder line = new StringBuilder(128);
        while (true) {
            int earliest = -1;
            for (int track = 0; track < tracks.size(); track++) {
                if (next[track] < tracks.get(track).sampleCount() && (earliest < 0
                        || tracks.get(track).timeSeconds(next[track]) < tracks.get(earliest).timeSeconds(next[earliest]))) {
                    earliest = track;
                }
            }
            if (earliest < 0) {
                return;
            }
            SensorTrack track = tracks.get(earliest);
            ImuSample sample = track.sample(next[earliest]++);
            line.setLength(0);
            appendMicroseconds(line, sample.timeSeconds());
            line.append(',').append(track.sensor().label())
                    .append(',').append((float) sample.gyroscopeRadiansPerSecond().x())
                    .append(',').append((float) sample.gyroscopeRadiansPerSecond().y())
                    .append(',').append((float) sample.gyroscopeRadiansPerSecond().z())
                    .append(',').append((float) sample.accelerometerMetersPerSecondSquared().x())
                    .append(',').append((float) sample.accelerometerMetersPerSecondSquared().y())
                    .append(',').append((float) sample.accelerometerMetersPerSecondSquared().z())
                    .append('\n');
            out.append(line);
        }
    }
}
