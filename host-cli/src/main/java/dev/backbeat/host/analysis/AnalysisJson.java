// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.analysis;

import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.Tempo;
import dev.backbeat.core.session.SampleGap;
import dev.backbeat.core.spine.NeutralEstimate;
import dev.backbeat.core.spine.SpinalAnalysis;

/**
 * The {@code backbeat analyze --json} document. Its keys are fixed (other keys may be added):
 * {@code duration_s, sensors, rep_count, reps, holds, breath, tempo} as the rhythm issue defines
 * them, {@code calibration} and {@code angles_summary} as the curvature issue defines them.
 */
public final class AnalysisJson {

    private AnalysisJson() {
    }

    public static String of(RecordingAnalysis analysis) {
        SpinalAnalysis angles = analysis.angles();
        JsonWriter json = new JsonWriter().beginObject();
        json.member("duration_s", analysis.recording().durationSeconds());
        json.name("sensors").beginArray();
        analysis.recording().sensors().forEach(sensor -> json.value(sensor.label()));
        json.endArray();
        json.name("curvature_available").value(angles.hasCurvature());
        if (!angles.hasCurvature()) {
            json.member("note", "one sensor: trunk inclination only; spinal curvature needs both the upper and the lower sensor");
        }
        json.name("rep_count").value(analysis.rhythm().repetitionCount());
        json.name("reps").beginArray();
        for (Repetition repetition : analysis.rhythm().repetitions()) {
            json.beginObject()
                    .member("start_s", repetition.startSeconds())
                    .member("end_s", repetition.endSeconds())
                    .member("kind", repetition.kind().label())
                    .member("peak_flexion_deg", repetition.peakFlexionDegrees())
                    .member("peak_extension_deg", repetition.peakExtensionDegrees())
                    .member("range_deg", repetition.rangeDegrees())
                    .member("duration_s", repetition.durationSeconds())
                    .member("smoothness", repetition.smoothness());
            if (!Double.isFinite(repetition.smoothness())) {
                json.member("smoothness_unavailable", repetition.durationSeconds() >= 60
                        ? "the repetition outlasted the samples the streaming detector keeps (80 s at most)"
                        : "too few samples in the repetition");
            }
            json.name("partial").value(repetition.partial());
            json.endObject();
        }
        json.endArray();
        json.name("holds").beginArray();
        for (Hold hold : analysis.rhythm().holds()) {
            json.beginObject()
                    .member("start_s", hold.startSeconds())
                    .member("end_s", hold.endSeconds())
                    .member("duration_s", hold.durationSeconds())
                    .member("mean_flexion_deg", hold.meanFlexionDegrees())
                    .member("mean_side_bend_deg", hold.meanSideBendDegrees())
                    .member("mean_twist_deg", hold.meanTwistDegrees());
            json.name("over_end_range_limit").value(analysis.rhythm().holdsOverLimit().contains(hold));
            json.endObject();
        }
        json.endArray();
        json.name("breath").beginArray();
        for (BreathWindow window : analysis.rhythm().breath()) {
            json.beginObject()
                    .member("start_s", window.startSeconds())
                    .member("end_s", window.endSeconds())
                    .member("rate_bpm", window.rateBreathsPerMinute())
                    .member("quality", window.quality())
                    .endObject();
        }
        json.endArray();
        Tempo tempo = analysis.rhythm().tempo();
        json.name("tempo").beginObject()
                .member("cycle_period_s", tempo.cyclePeriodSeconds())
                .member("cycle_period_cv", tempo.cyclePeriodCv())
                .member("kind", tempo.kind() == null ? null : tempo.kind().label());
        json.name("repetitions_in_set").value(tempo.repetitionsInSet());
        json.endObject();
        NeutralEstimate neutral = angles.neutral();
        json.name("calibration").beginObject()
                .member("method", neutral.method().description())
                .member("start_s", neutral.startSeconds())
                .member("end_s", neutral.endSeconds())
                .member("confidence", neutral.confidence())
                .member("upper_mount_offset_deg", neutral.upperMountDegrees())
                .member("lower_mount_offset_deg", neutral.lowerMountDegrees())
                .member("functional_axis_correction_deg", neutral.functionalAxisCorrectionDegrees());
        json.name("twist_references_s").beginArray();
        angles.twistReferenceTimesSeconds().forEach(json::value);
        json.endArray();
        json.member("max_possible_twist_drift_deg", angles.maximumTwistDriftDegrees());
        json.endObject();
        json.name("angles_summary").beginObject();
        if (angles.hasCurvature()) {
            range(json, "flexion_deg", angles.flexionDegrees());
            range(json, "side_bend_deg", angles.sideBendDegrees());
            range(json, "twist_deg", angles.twistDegrees());
        } else {
            range(json, "sagittal_inclination_deg", angles.sagittalInclinationDegrees());
            range(json, "frontal_inclination_deg", angles.frontalInclinationDegrees());
        }
        json.endObject();
        json.name("gaps").beginArray();
        for (SampleGap gap : analysis.recording().gaps()) {
            json.beginObject()
                    .member("sensor", gap.sensor().label())
                    .member("from_s", gap.fromSeconds())
                    .member("to_s", gap.toSeconds())
                    .endObject();
        }
        json.endArray();
        json.name("warnings").beginArray();
        analysis.recording().warnings().forEach(json::value);
        json.endArray();
        return json.endObject().toString() + "\n";
    }

    private static void range(JsonWriter json, String name, double[] values) {
        double minimum = Double.POSITIVE_INFINITY;
        double maximum = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            minimum = Math.min(minimum, value);
            maximum = Math.max(maximum, value);
        }
        json.name(name).beginObject().member("min", minimum).member("max", maximum).endObject();
    }
}
