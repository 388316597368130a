// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.core.analysis;

import dev.backbeat.core.imu.SensorPosition;
import dev.backbeat.core.recording.RawRecording;
import dev.backbeat.core.rhythm.BreathSettings;
import dev.backbeat.core.rhythm.RhythmAnalysis;
import dev.backbeat.core.rhythm.RhythmAnalyzer;
import dev.backbeat.core.rhythm.RhythmSettings;
import dev.backbeat.core.session.SensorTrack;
import dev.backbeat.core.spine.SpinalAnalysis;
import dev.backbeat.core.spine.SpinalAnalysisSettings;
import dev.backbeat.core.spine.SpinalAnalyzer;
import dev.backbeat.core.session.SampleGap;
import java.util.Arrays;
import java.util.List;

/**
 * The host's re-analysis of a raw recording: spinal angles with the offline orientation estimate,
 * then the rhythm analysis on them. With one sensor, the rhythm runs on the trunk's inclination
 * (sagittal as flexion, frontal as side bend, no twist).
 */
public final class RecordingAnalyzer {

    private final SpinalAnalysisSettings spinalSettings;
    private final RhythmSettings rhythmSettings;
    private final BreathSettings breathSettings;

    public RecordingAnalyzer(SpinalAnalysisSettings spinalSettings, RhythmSettings rhythmSettings, BreathSettings breathSettings) {
        this.spinalSettings = spinalSettings;
        this.rhythmSettings = rhythmSettings;
        this.breathSettings = breathSettings;
    }

    public static RecordingAnalyzer withDefaults() {
        return new RecordingAnalyzer(SpinalAnalysisSettings.DEFAULTS, RhythmSettings.DEFAULTS, BreathSettings.DEFAULTS);
    }

    public RecordingAnalysis analyze(RawRecording recording) {
        SensorTrack upper = recording.track(SensorPosition.UPPER).orElse(null);
        SensorTrack lower = recording.track(SensorPosition.LOWER).orElse(null);
        SensorTrack first = upper != null ? upper : lower;
        if (first == null) {
            throw new IllegalArgumentException("the recording has no samples");
        }
        SpinalAnalysis angles = new SpinalAnalyzer(spinalSettings).analyze(first, upper != null ? lower : null);
        double rateHz = first.medianSampleRateHz();
        double[] flexion;
        double[] sideBend;
        double[] twist;
        if (angles.hasCurvature()) {
            flexion = angles.flexionDegrees().clone();
            sideBend = angles.sideBendDegrees().clone();
            twist = angles.twistDegrees().clone();
        } else {
            flexion = relativeToNeutral(angles.sagittalInclinationDegrees(), angles);
            sideBend = relativeToNeutral(angles.frontalInclinationDegrees(), angles);
            twist = new double[flexion.length];
        }
        blankGaps(angles.timeSeconds(), recording.gaps(), flexion, sideBend, twist);
        RhythmAnalysis rhythm = new RhythmAnalyzer(rhythmSettings, breathSettings).analyze(angles.timeSeconds(),
                flexion, sideBend, twist, angles.pelvisInclinationDegrees(), rateHz);
        return new RecordingAnalysis(recording, angles, rhythm);
    }

    /**
     * No angle is known inside a gap of either sensor (across a gap of the lower sensor the angles
     * would rest on an interpolation over seconds): the rhythm analysis sees none there and splits
     * at it, so no repetition, hold, breath window or tempo spans a gap.
     */
    static void blankGaps(double[] time, List<SampleGap> gaps, double[]... series) {
        for (SampleGap gap : gaps) {
            int index = Arrays.binarySearch(time, gap.fromSeconds());
            for (index = index < 0 ? -index - 1 : index + 1; index < time.length && time[index] < gap.toSeconds(); index++) {
                for (double[] values : series) {
                    values[index] = Double.NaN;
                }
            }
        }
    }

    /** The inclination minus its mean over the neutral stretch, so neutral is zero as with two sensors. */
    private static double[] relativeToNeutral(double[] values, SpinalAnalysis angles) {
        double sum = 0;
        int count = 0;
        for (int index = 0; index < values.length; index++) {
            double time = angles.timeSeconds()[index];
            if (time >= angles.neutral().startSeconds() && time <= angles.neutral().endSeconds()) {
                sum += values[index];
                count++;
            }
        }
        double neutral = count == 0 ? 0 : sum / count;
        double[] relative = new double[values.length];
        for (int index = 0; index < values.length; index++) {
            relative[index] = values[index] - neutral;
        }
        return relative;
    }
}
