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
        RhythmAnalysis rhythm;
        if (angles.hasCurvature()) {
            rhythm = new RhythmAnalyzer(rhythmSettings, breathSettings).analyze(angles.timeSeconds(),
                    angles.flexionDegrees(), angles.sideBendDegrees(), angles.twistDegrees(), rateHz);
        } else {
            double[] sagittal = relativeToNeutral(angles.sagittalInclinationDegrees(), angles);
            double[] frontal = relativeToNeutral(angles.frontalInclinationDegrees(), angles);
            rhythm = new RhythmAnalyzer(rhythmSettings, breathSettings).analyze(angles.timeSeconds(), sagittal, frontal,
                    new double[sagittal.length], rateHz);
        }
        return new RecordingAnalysis(recording, angles, rhythm);
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
