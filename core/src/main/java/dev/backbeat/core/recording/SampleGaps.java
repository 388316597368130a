// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.recording;

import dev.backbeat.core.session.SampleGap;
import dev.backbeat.core.session.SensorTrack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a recording's samples are not continuous, as {@link SampleGap}s in time order:
 *
 * <ul>
 *   <li>within a sensor: consecutive samples more than {@value #GAP_PERIODS} of its median sample
 *       periods and more than {@value #MINIMUM_GAP_SECONDS} s apart (lost samples, a paused reader);</li>
 *   <li>between the sensors: one starting more than that after the other, or ending that much before
 *       it (its clock offset from the other's, or it started late or stopped early). The gap is the
 *       other sensor's time in which this one has no samples.</li>
 * </ul>
 */
public final class SampleGaps {

    /**
     * Consecutive samples further apart than this many median sample periods are a gap, if that is
     * also longer than {@value #MINIMUM_GAP_SECONDS} s. Timestamp jitter of a few periods (FIFO
     * batches read late) stays below it; raising it hides short losses.
     */
    public static final double GAP_PERIODS = 5;

    /**
     * No loss this short is a gap, whatever the sample rate, s (default 0.1: five periods at 50 Hz).
     * At 200 Hz five periods are 25 ms, and a sensor that drops a few samples now and then (a radio
     * link, a busy reader) would split every repetition it drops them in; a loss this short is
     * bridged instead ({@link LostSamples} fills it for the orientation filters).
     */
    public static final double MINIMUM_GAP_SECONDS = 0.1;

    private SampleGaps() {
    }

    /** The gaps in {@code tracks}; a sensor with fewer than two samples has no period and no gaps. */
    public static List<SampleGap> of(List<SensorTrack> tracks) {
        List<SampleGap> gaps = new ArrayList<>();
        double[] periods = new double[tracks.size()];
        for (int index = 0; index < tracks.size(); index++) {
            SensorTrack track = tracks.get(index);
            periods[index] = track.sampleCount() < 2 ? Double.NaN : 1 / track.medianSampleRateHz();
            double limit = limitSeconds(periods[index]);
            for (int sample = 1; sample < track.sampleCount(); sample++) {
                double from = track.timeSeconds(sample - 1);
                double to = track.timeSeconds(sample);
                if (to - from > limit) {
                    gaps.add(new SampleGap(track.sensor(), from, to));
                }
            }
        }
        for (int index = 0; index < tracks.size(); index++) {
            SensorTrack track = tracks.get(index);
            if (Double.isNaN(periods[index])) {
                continue;
            }
            double limit = limitSeconds(periods[index]);
            double first = first(track);
            double last = last(track);
            for (int other = 0; other < tracks.size(); other++) {
                if (other == index || tracks.get(other).sampleCount() < 2) {
                    continue;
                }
                double otherFirst = first(tracks.get(other));
                double otherLast = last(tracks.get(other));
                if (first - otherFirst > limit) {
                    gaps.add(new SampleGap(track.sensor(), otherFirst, Math.min(first, otherLast)));
                }
                if (otherLast - last > limit) {
                    gaps.add(new SampleGap(track.sensor(), Math.max(last, otherFirst), otherLast));
                }
            }
        }
        gaps.sort(Comparator.comparingDouble(SampleGap::fromSeconds).thenComparing(SampleGap::sensor));
        return List.copyOf(gaps);
    }

    /**
     * Consecutive samples further apart than this are a gap, s: {@value #GAP_PERIODS} sample periods
     * of {@code periodSeconds}, at least {@value #MINIMUM_GAP_SECONDS} s.
     */
    public static double limitSeconds(double periodSeconds) {
        return Math.max(MINIMUM_GAP_SECONDS, GAP_PERIODS * periodSeconds);
    }

    private static double first(SensorTrack track) {
        return track.timeSeconds(0);
    }

    private static double last(SensorTrack track) {
        return track.timeSeconds(track.sampleCount() - 1);
    }
}
