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
 * Values are written with the shortest text that reads back to the same number.
 */
public final class RawRecordingWriter {

    public static final String HEADER = String.join(",", RawRecordingReader.REQUIRED_COLUMNS);

    private RawRecordingWriter() {
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
            line.append(sample.timeSeconds()).append(',').append(track.sensor().label())
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
