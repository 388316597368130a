// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import java.util.Locale;

/**
 * One session's {@link AngleTrace} as an SVG chart: flexion, side bend and twist over the session's
 * time (minutes:seconds), each repetition a shaded band (partial ones paler), each hold an amber
 * strip along the bottom, the pacer's
 * inhale cues as green ticks along the top and a guided session's alerts as red lines, each with a
 * tooltip.
 */
final class TraceChart {

    static final String FLEXION = "#3465a4";
    static final String SIDE_BEND = "#c17d11";
    static final String TWIST = "#75507b";
    static final String REPETITION = "#dbe9f6";
    static final String PARTIAL_REPETITION = "#eef4fa";
    static final String HOLD = "#f6dfae";
    static final String CUE = "#4e9a06";
    static final String ALERT = "#cc0000";

    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 45;
    private static final int RIGHT = 10;
    private static final int TOP = 20;
    private static final int BOTTOM = 24;
    private static final int HOLD_STRIP_HEIGHT = 12;

    private TraceChart() {
    }

    /** Appends the chart of {@code trace} to {@code html}, its accessible name {@code label}. */
    static void render(StringBuilder html, AngleTrace trace, String label) {
        double range = 30;
        for (double[] series : new double[][] {trace.flexionDegrees(), trace.sideBendDegrees(), trace.twistDegrees()}) {
            for (double value : series) {
                if (Double.isFinite(value)) {
                    range = Math.max(range, Math.abs(value));
                }
            }
        }
        double top = Math.ceil(range / 15) * 15;
        double seconds = Math.max(1, trace.durationSeconds());
        html.append(String.format(Locale.ROOT, "<svg class=\"trace\" role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">", HtmlReport.escape(label), WIDTH, HEIGHT,
                WIDTH, HEIGHT));
        for (AngleTrace.Span repetition : trace.repetitions()) {
            band(html, repetition, seconds, repetition.partial() ? PARTIAL_REPETITION : REPETITION,
                    (repetition.partial() ? "partial " : "") + repetition.label());
        }
        for (AngleTrace.Span hold : trace.holds()) {
            strip(html, hold, seconds, HOLD, "hold");
        }
        // the axes: ±top degrees, ticks every 15°, time in minutes or seconds
        for (double tick = -top; tick <= top + 1e-9; tick += 15) {
            double y = y(tick, top);
            html.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>", LEFT, y,
                    WIDTH - RIGHT, y, tick == 0 ? "#888" : "#eee"));
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.0f°</text>",
                    LEFT - 5, y + 3, tick));
        }
        double step = timeStep(seconds);
        for (double time = 0; time <= seconds + 1e-9; time += step) {
            html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    x(time, seconds), HEIGHT - 8, seconds >= 120
                            ? String.format(Locale.ROOT, "%d:%02d", (long) time / 60, (long) time % 60)
                            : String.format(Locale.ROOT, "%.0f s", time)));
        }
        for (double cue : trace.inhaleCueSeconds()) {
            if (cue >= 0 && cue <= seconds) {
                double x = x(cue, seconds);
                html.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                        + "stroke-width=\"2\"><title>inhale cue at %.1f s</title></line>", x, TOP - 8, x, TOP - 2, CUE, cue));
            }
        }
        polyline(html, trace.timeSeconds(), trace.flexionDegrees(), seconds, top, FLEXION, "flexion");
        polyline(html, trace.timeSeconds(), trace.sideBendDegrees(), seconds, top, SIDE_BEND, "side bend");
        polyline(html, trace.timeSeconds(), trace.twistDegrees(), seconds, top, TWIST, "twist");
        for (AngleTrace.Mark alert : trace.alerts()) {
            double x = x(alert.timeSeconds(), seconds);
            html.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"><title>%.1f s: %s</title></line>", x, TOP, x, HEIGHT - BOTTOM, ALERT,
                    alert.timeSeconds(), HtmlReport.escape(alert.label())));
        }
        html.append("</svg>\n");
    }

    /** The legend under the traces, once per report section. */
    static String legend() {
        return "<p class=\"note legend\"><span style=\"color:" + FLEXION + "\">■ flexion (+) / extension (−)</span>"
                + "<span style=\"color:" + SIDE_BEND + "\">■ side bend</span><span style=\"color:" + TWIST + "\">■ twist</span>"
                + "<span style=\"color:#7a9cc6\">■ repetition (paler: partial)</span><span style=\"color:#c9a04a\">▁ hold</span>"
                + "<span style=\"color:" + CUE + "\">| inhale cue</span><span style=\"color:" + ALERT + "\">| alert</span></p>\n";
    }

    private static void band(StringBuilder html, AngleTrace.Span span, double seconds, String colour, String title) {
        double from = x(Math.max(0, span.startSeconds()), seconds);
        double to = x(Math.min(seconds, span.endSeconds()), seconds);
        if (to <= from) {
            return;
        }
        html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                + "<title>%s, %.1f–%.1f s</title></rect>", from, TOP, to - from, HEIGHT - TOP - BOTTOM, colour,
                HtmlReport.escape(title), span.startSeconds(), span.endSeconds()));
    }

    /** A hold: a strip along the bottom of the plot, so the repetition it lies in still shows. */
    private static void strip(StringBuilder html, AngleTrace.Span span, double seconds, String colour, String title) {
        double from = x(Math.max(0, span.startSeconds()), seconds);
        double to = x(Math.min(seconds, span.endSeconds()), seconds);
        if (to <= from) {
            return;
        }
        html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                + "<title>%s, %.1f–%.1f s</title></rect>", from, HEIGHT - BOTTOM - HOLD_STRIP_HEIGHT, to - from,
                HOLD_STRIP_HEIGHT, colour, HtmlReport.escape(title), span.startSeconds(), span.endSeconds()));
    }

    private static void polyline(StringBuilder html, double[] times, double[] values, double seconds, double top, String colour,
                                 String name) {
        StringBuilder points = new StringBuilder();
        for (int index = 0; index < times.length; index++) {
            if (Double.isFinite(values[index])) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(times[index], seconds), y(values[index], top)));
            }
        }
        if (points.length() > 0) {
            html.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\">"
                    + "<title>%s</title></polyline>", points.toString().strip(), colour, name));
        }
    }

    private static double x(double seconds, double totalSeconds) {
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(1, seconds / totalSeconds));
    }

    private static double y(double degrees, double top) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (top - degrees) / (2 * top);
    }

    /** A round step for the time labels: about six along the axis. */
    private static double timeStep(double seconds) {
        for (double step : new double[] {5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
            if (seconds / step <= 8) {
                return step;
            }
        }
        return 7200;
    }
}
