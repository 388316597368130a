// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.session.SampleGap;
import dev.backbeat.core.session.SensorTrack;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recording in the raw interchange format, as read: each sensor's samples, the comment
 * metadata ({@code # key=value}), and what the reader noticed but could live with.
 *
 * @param tracks one per sensor present, upper first
 * @param metadata the {@code key=value} pairs from comment lines, in file order
 * @param magnetometerColumns whether the file had magnetometer columns (read, not used by the 6D analysis)
 * @param warnings things worth knowing (gaps longer than one second, ...), each naming the line
 * @param gaps where a sensor's samples are not continuous, in time order ({@link SampleGaps}): the
 *     analysis must not treat the data across them as continuous
 */
public record RawRecording(
        List<SensorTrack> tracks,
        Map<String, String> metadata,
        boolean magnetometerColumns,
        List<String> warnings,
        List<SampleGap> gaps) {

    public RawRecording {
        tracks = List.copyOf(tracks);
        metadata = Map.copyOf(metadata);
        warnings = List.copyOf(warnings);
        gaps = List.copyOf(gaps);
    }

    /** A recording whose gaps are found in {@code tracks} ({@link SampleGaps#of}). */
    public RawRecording(List<SensorTrack> tracks, Map<String, String> metadata, boolean magnetometerColumns,
                        List<String> warnings) {
        this(tracks, metadata, magnetometerColumns, warnings, SampleGaps.of(tracks));
    }

    public Optional<SensorTrack> track(SensorPosition sensor) {
        return tracks.stream().filter(track -> track.sensor() == sensor).findFirst();
    }

    /** The sensors present, e.g. {@code [upper, lower]}. */
    public List<SensorPosition> sensors() {
        return tracks.stream().map(SensorTrack::sensor).toList();
    }

    /** Seconds from the first to the last sample of any sensor. */
    public double durationSeconds() {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (SensorTrack track : tracks) {
            if (track.sampleCount() > 0) {
                first = Math.min(first, track.timeSeconds(0));
                last = Math.max(last, track.timeSeconds(track.sampleCount() - 1));
            }
        }
        return last > first ? last - first : 0;
    }
}
