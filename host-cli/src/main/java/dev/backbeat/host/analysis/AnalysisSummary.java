// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.analysis;

import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.rhythm.BreathWindow;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.rhythm.Tempo;
import dev.backbeat.core.spine.NeutralEstimate;
import dev.backbeat.core.spine.SpinalAnalysis;
import java.io.PrintWriter;
import java.util.Locale;

/** The human summary {@code backbeat analyze} prints. */
public final class AnalysisSummary {

    /**
     * Which result this is, since {@code backbeat show} of the same session prints another: the
     * strap's streaming detector's, found live.
     */
    public static final String RESULT_LABEL = "re-analysed on this computer from the raw samples (offline, whole "
            + "recording); 'backbeat show' prints what the strap's streaming detector found live, which can differ";

    private AnalysisSummary() {
    }

    public static void print(RecordingAnalysis analysis, PrintWriter out) {
        SpinalAnalysis angles = analysis.angles();
        out.printf(Locale.ROOT, "Recording     %.1f s, sensors %s%n", analysis.recording().durationSeconds(),
                analysis.recording().sensors().stream().map(sensor -> sensor.label()).toList());
        out.println("Result        " + RESULT_LABEL);
        for (String warning : analysis.recording().warnings()) {
            out.println("warning       " + warning);
        }
        java.util.List<dev.backbeat.core.session.SampleGap> gaps = analysis.recording().gaps();
        if (!gaps.isEmpty()) {
            double longest = gaps.stream().mapToDouble(dev.backbeat.core.session.SampleGap::durationSeconds).max().orElse(0);
            out.printf(Locale.ROOT, "Gaps          %d (longest %.2f s; listed in --json)%n", gaps.size(), longest);
        }
        if (analysis.recording().magnetometerColumns()) {
            out.println("note          magnetometer columns were read but not used: fields near the body are not trusted");
        }
        NeutralEstimate neutral = angles.neutral();
        out.printf(Locale.ROOT, "Neutral       %s, %.1f-%.1f s, confidence %s%n", neutral.method().description(),
                neutral.startSeconds(), neutral.endSeconds(), neutral.confidence());
        if (angles.hasCurvature()) {
            out.printf(Locale.ROOT, "Straps        upper %.0f°, lower %.0f° off nominal (removed)%n",
                    neutral.upperMountDegrees(), neutral.lowerMountDegrees());
            out.printf(Locale.ROOT, "Flexion       %s (+ forward, - extension)%n", range(angles.flexionDegrees()));
            out.printf(Locale.ROOT, "Side bend     %s (+ right)%n", range(angles.sideBendDegrees()));
            out.printf(Locale.ROOT, "Twist         %s (+ right); re-zeroed at %d later stands, drift possible up to %.1f°%n",
                    range(angles.twistDegrees()), angles.twistReferenceTimesSeconds().size(), angles.maximumTwistDriftDegrees());
        } else {
            out.println("One sensor    trunk inclination only: spinal curvature needs both the upper and the lower sensor");
            out.printf(Locale.ROOT, "Sagittal      %s (+ leaning forward)%n", range(angles.sagittalInclinationDegrees()));
            out.printf(Locale.ROOT, "Frontal       %s (+ leaning right)%n", range(angles.frontalInclinationDegrees()));
        }
        long partial = analysis.rhythm().repetitions().stream().filter(Repetition::partial).count();
        out.printf(Locale.ROOT, "Repetitions   %d%s%n", analysis.rhythm().repetitionCount(),
                partial > 0 ? " (and " + partial + " partial, not counted)" : "");
        for (Repetition repetition : analysis.rhythm().repetitions()) {
            out.printf(Locale.ROOT, "  %7.1f-%6.1f s  %-18s range %5.1f°  smoothness %6.2f%s%n", repetition.startSeconds(),
                    repetition.endSeconds(), repetition.kind().label(), repetition.rangeDegrees(), repetition.smoothness(),
                    repetition.partial() ? "  partial" : "");
        }
        Tempo tempo = analysis.rhythm().tempo();
        if (!Double.isNaN(tempo.cyclePeriodSeconds())) {
            out.printf(Locale.ROOT, "Tempo         %.1f s per %s (variation %s)%n", tempo.cyclePeriodSeconds(),
                    tempo.kind().label(), Double.isNaN(tempo.cyclePeriodCv()) ? "n/a: too few repetitions"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * tempo.cyclePeriodCv()));
        }
        out.printf(Locale.ROOT, "Holds         %d%n", analysis.rhythm().holds().size());
        for (Hold hold : analysis.rhythm().holds()) {
            out.printf(Locale.ROOT, "  %7.1f-%6.1f s  %5.1f s at flexion %+5.1f°, side bend %+5.1f°, twist %+5.1f°%s%n",
                    hold.startSeconds(), hold.endSeconds(), hold.durationSeconds(), hold.meanFlexionDegrees(),
                    hold.meanSideBendDegrees(), hold.meanTwistDegrees(),
                    analysis.rhythm().holdsOverLimit().contains(hold) ? "  longer than the end-range limit" : "");
        }
        if (analysis.rhythm().breath().isEmpty()) {
            out.println("Breathing     not measurable (no quiet stretch long enough, or irregular breathing)");
        } else {
            double sum = 0;
            for (BreathWindow window : analysis.rhythm().breath()) {
                sum += window.rateBreathsPerMinute();
            }
            out.printf(Locale.ROOT, "Breathing     %.1f breaths/min on average over %d quiet windows%n",
                    sum / analysis.rhythm().breath().size(), analysis.rhythm().breath().size());
        }
        out.flush();
    }

    private static String range(double[] values) {
        double minimum = Double.POSITIVE_INFINITY;
        double maximum = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            minimum = Math.min(minimum, value);
            maximum = Math.max(maximum, value);
        }
        return String.format(Locale.ROOT, "%+.1f° to %+.1f°", minimum, maximum);
    }
}
