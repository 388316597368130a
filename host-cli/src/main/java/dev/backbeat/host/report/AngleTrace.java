// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import dev.backbeat.core.analysis.RecordingAnalysis;
import dev.backbeat.core.pacer.BreathPhase;
import dev.backbeat.core.pacer.PacerCue;
import dev.backbeat.core.rhythm.Hold;
import dev.backbeat.core.rhythm.Repetition;
import dev.backbeat.core.routine.GuardAlert;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.core.spine.SpinalAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One session's angles over time as the report charts them, downsampled to at most
 * {@value #MAX_POINTS} points, with what happened marked: the repetitions and holds the host's
 * analysis found in the samples, the pacer's inhale cues and, for a guided session, its alerts.
 *
 * @param timeSeconds session time of each point, s
 * @param flexionDegrees flexion (+) / extension (−) at each point, degrees
 * @param sideBendDegrees side bend at each point, degrees
 * @param twistDegrees twist at each point, degrees
 * @param repetitions each repetition's span; {@code partial} ones fell short of the set's range
 * @param holds each hold's span
 * @param inhaleCueSeconds when the pacer cued each inhale, s
 * @param alerts a guided session's alerts (empty otherwise)
 */
public record AngleTrace(double durationSeconds, double[] timeSeconds, double[] flexionDegrees, double[] sideBendDegrees,
                         double[] twistDegrees, List<Span> repetitions, List<Span> holds, List<Double> inhaleCueSeconds,
                         List<Mark> alerts) {

    /**
     * Most points per angle: about one per 1.2 s of a 10-minute session, enough for cat-cow cycles of
     * 8-12 s; such a session's chart is 34 KB, so a page of 60 of them is about 2 MB.
     */
    public static final int MAX_POINTS = 500;

    /** A stretch of the session: a repetition (its kind) or a hold. */
    public record Span(double startSeconds, double endSeconds, String label, boolean partial) {
    }

    /** A moment of the session with its label (an alert). */
    public record Mark(double timeSeconds, String label) {
    }

    public AngleTrace {
        repetitions = List.copyOf(repetitions);
        holds = List.copyOf(holds);
        inhaleCueSeconds = List.copyOf(inhaleCueSeconds);
        alerts = List.copyOf(alerts);
    }

    /**
     * The trace of {@code session} from {@code analysis} of its samples; empty when the session has
     * no spinal angles (one sensor, or too few samples to calibrate).
     */
    public static Optional<AngleTrace> of(RecordedSession session, RecordingAnalysis analysis) {
        SpinalAnalysis angles = analysis.angles();
        if (!angles.hasCurvature() || angles.sampleCount() < 2) {
            return Optional.empty();
        }
        double[][] points = downsample(angles.timeSeconds(),
                new double[][] {angles.flexionDegrees(), angles.sideBendDegrees(), angles.twistDegrees()}, MAX_POINTS);
        List<Span> repetitions = new ArrayList<>();
        for (Repetition repetition : analysis.rhythm().repetitions()) {
            repetitions.add(new Span(repetition.startSeconds(), repetition.endSeconds(),
                    repetition.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), repetition.partial()));
        }
        List<Span> holds = new ArrayList<>();
        for (Hold hold : analysis.rhythm().holds()) {
            holds.add(new Span(hold.startSeconds(), hold.endSeconds(), "hold", false));
        }
        List<Double> inhales = session.pacerCues().stream().filter(cue -> cue.phase() == BreathPhase.INHALE)
                .map(PacerCue::timeSeconds).toList();
        List<Mark> alerts = new ArrayList<>();
        session.guided().ifPresent(guided -> {
            for (GuardAlert alert : guided.alerts()) {
                alerts.add(new Mark(alert.timeSeconds(), alert.kind().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + ": " + alert.reason()));
            }
        });
        double duration = Math.max(session.summary().durationSeconds(), points[0][points[0].length - 1]);
        return Optional.of(new AngleTrace(duration, points[0], points[1], points[2], points[3], repetitions, holds, inhales,
                alerts));
    }

    /**
     * At most {@code maxPoints} points of each series: the samples are cut into that many equal runs,
     * each becoming one point at its middle sample's time with, per series, the value of largest
     * magnitude in the run (so the peaks, the range of motion, survive; NaN only if all are NaN).
     * Fewer samples than that are kept as they are.
     *
     * @return the times, then each series
     */
    static double[][] downsample(double[] times, double[][] series, int maxPoints) {
        int count = times.length;
        int points = Math.min(count, maxPoints);
        double[][] result = new double[series.length + 1][points];
        for (int point = 0; point < points; point++) {
            int from = (int) ((long) point * count / points);
            int to = (int) ((long) (point + 1) * count / points);
            result[0][point] = times[(from + to - 1) / 2];
            for (int line = 0; line < series.length; line++) {
                double extreme = Double.NaN;
                for (int index = from; index < to; index++) {
                    double value = series[line][index];
                    if (!Double.isNaN(value) && (Double.isNaN(extreme) || Math.abs(value) > Math.abs(extreme))) {
                        extreme = value;
                    }
                }
                result[line + 1][point] = extreme;
            }
        }
        return result;
    }
}
