// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A progress report as one self-contained HTML page: no scripts, no fonts, no network; charts are
 * inline SVG. Per strap: the daily habit (a calendar and the streak), range of motion per angle per
 * week with the change called an improvement only beyond {@value #SMALLEST_DETECTABLE_CHANGE_DEGREES}°,
 * repetitions per session, tempo and smoothness, breathing against the pacer, and every session in a
 * table.
 */
public final class HtmlReport {

    /**
     * A change in range of motion smaller than this is "no measurable change", degrees. Published
     * smallest detectable changes of trunk range of motion measured with wearables between days are
     * 5–15° depending on the plane and the protocol; we take 10°, so that what the report calls an
     * improvement is beyond the day-to-day variation of most planes, not only of the best case.
     */
    public static final double SMALLEST_DETECTABLE_CHANGE_DEGREES = 10;
    /** The habit the method asks for: minutes a day. */
    static final double DAILY_MINUTES = 5;

    private HtmlReport() {
    }

    /** The report over {@code sessions} (any order), titled with the period given, without angle traces. */
    public static String render(List<SessionFacts> sessions, String period) {
        return render(sessions, Map.of(), period);
    }

    /**
     * The report over {@code sessions} (any order), titled with the period given, with the angle
     * trace of each session that has one in {@code traces} (keyed by {@link #traceKey}).
     */
    public static String render(List<SessionFacts> sessions, Map<String, AngleTrace> traces, String period) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Backbeat progress report</title><style>")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em;color:#222;max-width:1000px}")
                .append("h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}h3{margin-top:1.5em}")
                .append("table{border-collapse:collapse;font-size:.9em}td,th{padding:.25em .6em;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}")
                .append("td:first-child,th:first-child{text-align:left}.note{color:#555;font-size:.9em}")
                .append("svg{display:block;margin:.5em 0}.legend span{margin-right:1.5em}")
                .append("</style></head><body>\n");
        html.append("<h1>Backbeat progress report</h1>\n<p class=\"note\">").append(escape(period))
                .append(". Sensors show what happened; a clinician interprets it. Backbeat gives no diagnosis.</p>\n");
        if (sessions.isEmpty()) {
            html.append("<p>No sessions in this period.</p>\n");
        }
        Map<String, List<SessionFacts>> byDevice = new TreeMap<>();
        for (SessionFacts session : sessions) {
            byDevice.computeIfAbsent(session.deviceId(), device -> new ArrayList<>()).add(session);
        }
        for (Map.Entry<String, List<SessionFacts>> device : byDevice.entrySet()) {
            List<SessionFacts> list = new ArrayList<>(device.getValue());
            list.sort(Comparator.comparing(SessionFacts::startedAt));
            device(html, device.getKey(), list, traces);
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    /** The key of a session's trace: its strap and session id. */
    public static String traceKey(String deviceId, String sessionId) {
        return deviceId + "/" + sessionId;
    }

    private static void device(StringBuilder html, String deviceId, List<SessionFacts> sessions, Map<String, AngleTrace> traces) {
        html.append("<h2>Strap ").append(escape(deviceId)).append("</h2>\n");
        double minutes = sessions.stream().mapToDouble(SessionFacts::durationSeconds).sum() / 60;
        Map<LocalDate, Double> minutesPerDay = new TreeMap<>();
        for (SessionFacts session : sessions) {
            minutesPerDay.merge(day(session), session.durationSeconds() / 60, Double::sum);
        }
        html.append(String.format(Locale.ROOT, "<p>%d session%s on %d day%s, %.0f minutes in all. Current streak: %d day%s; "
                        + "longest: %d.</p>\n", sessions.size(), sessions.size() == 1 ? "" : "s", minutesPerDay.size(),
                minutesPerDay.size() == 1 ? "" : "s", minutes, currentStreak(minutesPerDay), currentStreak(minutesPerDay) == 1 ? "" : "s",
                longestStreak(minutesPerDay)));
        html.append("<h3>The daily habit</h3>\n");
        calendar(html, minutesPerDay);
        html.append("<h3>Range of motion per week</h3>\n");
        rangeOfMotion(html, sessions);
        html.append("<h3>Repetitions per session</h3>\n");
        bars(html, sessions, session -> session.repetitions(), "repetitions", "#4a7ab0");
        html.append("<h3>Tempo and smoothness</h3>\n");
        html.append("<p class=\"note\">Seconds per repetition cycle (steadier is better: the variation is in the table) "
                + "and smoothness (spectral arc length of the movement's speed: nearer zero is smoother).</p>\n");
        lines(html, sessions, List.of(new Series("cycle, s", "#b06a4a", SessionFacts::cyclePeriodSeconds)), "s");
        lines(html, sessions, List.of(new Series("smoothness", "#6a4ab0", SessionFacts::meanSmoothness)), "");
        html.append("<h3>Breathing against the pacer</h3>\n");
        lines(html, sessions, List.of(new Series("breathing, /min", "#2f8f5b", SessionFacts::breathsPerMinute),
                new Series("pacer, /min", "#999999", SessionFacts::pacerBreathsPerMinute)), "/min");
        List<SessionFacts> guided = sessions.stream().filter(session -> session.plannedRepetitions() >= 0).toList();
        if (!guided.isEmpty()) {
            html.append("<h3>Guided routines: repetitions against plan, pacer coupling, alerts</h3>\n");
            html.append("<p class=\"note\">The sessions that ran a routine. Coupling: how closely the movement followed the "
                    + "pacer's cues, per session the mean of its sets' scores (1: every movement on its cue; 0: a quarter of a "
                    + "breath or more off). Alerts: the guards' hyperextension, end-range hold and too-fast alerts.</p>\n");
            lines(html, guided, List.of(new Series("repetitions done", "#4a7ab0", session -> session.repetitions()),
                    new Series("repetitions planned", "#999999", session -> session.plannedRepetitions())), "");
            lines(html, guided, List.of(new Series("coupling, 0-1", "#b0307a", SessionFacts::couplingScore)), "");
            bars(html, guided, session -> session.alerts(), "alerts", "#c0392b");
        }
        html.append("<h3>Sessions</h3>\n<table><tr><th>started (UTC)</th><th>minutes</th><th>repetitions</th><th>flexion range</th>"
                + "<th>side bend</th><th>twist</th><th>cycle</th><th>tempo variation</th><th>smoothness</th><th>breathing</th>"
                + "<th>pacer</th><th>planned</th><th>coupling</th><th>alerts</th></tr>\n");
        for (SessionFacts session : sessions) {
            html.append("<tr><td>").append(session.startedAt().toString().replace('T', ' ').replaceAll("(:\\d\\d)(\\.\\d+)?Z$", "$1"))
                    .append("</td><td>").append(number(session.durationSeconds() / 60, 1))
                    .append("</td><td>").append(session.repetitions())
                    .append("</td><td>").append(degrees(session.flexionRangeDegrees()))
                    .append("</td><td>").append(degrees(session.sideBendRangeDegrees()))
                    .append("</td><td>").append(degrees(session.twistRangeDegrees()))
                    .append("</td><td>").append(unit(session.cyclePeriodSeconds(), 1, " s"))
                    .append("</td><td>").append(unit(100 * session.cyclePeriodCv(), 0, " %"))
                    .append("</td><td>").append(number(session.meanSmoothness(), 2))
                    .append("</td><td>").append(unit(session.breathsPerMinute(), 1, " /min"))
                    .append("</td><td>").append(unit(session.pacerBreathsPerMinute(), 1, " /min"))
                    .append("</td><td>").append(session.plannedRepetitions() < 0 ? "–" : String.valueOf(session.plannedRepetitions()))
                    .append("</td><td>").append(number(session.couplingScore(), 2))
                    .append("</td><td>").append(session.alerts() < 0 ? "–" : String.valueOf(session.alerts()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (sessions.stream().anyMatch(session -> traces.containsKey(traceKey(session.deviceId(), session.sessionId())))) {
            html.append("<h3>Angle traces</h3>\n<p class=\"note\">Each session's angles from its samples (at most ")
                    .append(AngleTrace.MAX_POINTS).append(" points, each the largest angle of its stretch, so peaks stay), with the "
                            + "repetitions and holds the host's analysis found, the pacer's inhale cues and a guided session's "
                            + "alerts. Hover for details.</p>\n").append(TraceChart.legend());
            for (SessionFacts session : sessions) {
                AngleTrace trace = traces.get(traceKey(session.deviceId(), session.sessionId()));
                String title = session.startedAt().toString().replace('T', ' ').replaceAll("(:\\d\\d)(\\.\\d+)?Z$", "$1")
                        + " UTC, session " + session.sessionId();
                html.append("<h4>").append(escape(title)).append("</h4>\n");
                if (trace == null) {
                    html.append("<p class=\"note\">No angle trace: the session has no spinal angles (one sensor, or too short "
                            + "to calibrate).</p>\n");
                } else {
                    TraceChart.render(html, trace, "angle trace of session " + session.sessionId());
                }
            }
        }
    }

    private static LocalDate day(SessionFacts session) {
        return session.startedAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    static int currentStreak(Map<LocalDate, Double> minutesPerDay) {
        if (minutesPerDay.isEmpty()) {
            return 0;
        }
        LocalDate day = ((TreeMap<LocalDate, Double>) minutesPerDay).lastKey();
        int streak = 0;
        while (minutesPerDay.containsKey(day)) {
            streak++;
            day = day.minusDays(1);
        }
        return streak;
    }

    static int longestStreak(Map<LocalDate, Double> minutesPerDay) {
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate day : minutesPerDay.keySet()) {
            run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = day;
        }
        return longest;
    }

    /** Weeks as columns, Monday to Sunday as rows; a day's colour is its minutes against the 5-minute habit. */
    private static void calendar(StringBuilder html, Map<LocalDate, Double> minutesPerDay) {
        if (minutesPerDay.isEmpty()) {
            return;
        }
        TreeMap<LocalDate, Double> days = new TreeMap<>(minutesPerDay);
        LocalDate first = days.firstKey().with(DayOfWeek.MONDAY);
        LocalDate last = days.lastKey();
        int weeks = (int) (ChronoUnit.DAYS.between(first, last) / 7) + 1;
        int cell = 16;
        int width = 40 + weeks * cell;
        html.append(String.format(Locale.ROOT, "<svg role=\"img\" aria-label=\"sessions per day\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">", width, 7 * cell + 20, width, 7 * cell + 20));
        String[] names = {"Mon", "", "Wed", "", "Fri", "", "Sun"};
        for (int row = 0; row < 7; row++) {
            html.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"10\">%s</text>", row * cell + 12, names[row]));
        }
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            int week = (int) (ChronoUnit.DAYS.between(first, day) / 7);
            int row = day.getDayOfWeek().getValue() - 1;
            double minutes = days.getOrDefault(day, 0.0);
            String colour = minutes <= 0 ? "#eeeeee" : minutes < DAILY_MINUTES ? "#b7dcc3" : minutes < 2 * DAILY_MINUTES ? "#5fb07d" : "#2f7a4c";
            html.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"2\" fill=\"%s\">"
                    + "<title>%s: %.1f min</title></rect>", 40 + week * cell, row * cell, cell - 2, cell - 2, colour, day, minutes));
        }
        html.append("</svg>\n<p class=\"note legend\"><span>grey: none</span><span>light: under 5 min</span>"
                + "<span>green: 5–10 min</span><span>dark: over 10 min</span></p>\n");
    }

    private static void rangeOfMotion(StringBuilder html, List<SessionFacts> sessions) {
        TreeMap<String, List<SessionFacts>> weeks = new TreeMap<>();
        for (SessionFacts session : sessions) {
            LocalDate day = day(session);
            String week = String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            weeks.computeIfAbsent(week, key -> new ArrayList<>()).add(session);
        }
        List<String> labels = new ArrayList<>(weeks.keySet());
        List<Series> series = List.of(new Series("flexion", "#4a7ab0", SessionFacts::flexionRangeDegrees),
                new Series("side bend", "#b06a4a", SessionFacts::sideBendRangeDegrees),
                new Series("twist", "#2f8f5b", SessionFacts::twistRangeDegrees));
        double[][] values = new double[series.size()][labels.size()];
        for (int line = 0; line < series.size(); line++) {
            for (int week = 0; week < labels.size(); week++) {
                values[line][week] = median(weeks.get(labels.get(week)), series.get(line).value());
            }
        }
        chart(html, labels, series, values, "°");
        html.append("<ul>\n");
        for (int line = 0; line < series.size(); line++) {
            html.append("<li>").append(series.get(line).name()).append(": ").append(change(values[line], labels)).append("</li>\n");
        }
        html.append("</ul>\n<p class=\"note\">Each week's median over its sessions. A change is called an improvement only beyond "
                + number(SMALLEST_DETECTABLE_CHANGE_DEGREES, 0) + "°, the smallest detectable change we use (published figures for trunk "
                + "range of motion from wearables are 5–15°).</p>\n");
    }

    static String change(double[] weekly, List<String> labels) {
        int first = -1;
        int last = -1;
        for (int index = 0; index < weekly.length; index++) {
            if (!Double.isNaN(weekly[index])) {
                first = first < 0 ? index : first;
                last = index;
            }
        }
        if (first < 0) {
            return "not measured";
        }
        if (first == last) {
            return "measured in one week only (" + degrees(weekly[first]) + ")";
        }
        double difference = weekly[last] - weekly[first];
        String span = String.format(Locale.ROOT, "%s (%s) to %s (%s)", labels.get(first), degrees(weekly[first]),
                labels.get(last), degrees(weekly[last]));
        if (Math.abs(difference) < SMALLEST_DETECTABLE_CHANGE_DEGREES) {
            return "no measurable change, " + span;
        }
        return (difference > 0 ? "larger by " : "smaller by ") + degrees(Math.abs(difference)) + ", " + span;
    }

    private static double median(List<SessionFacts> sessions, ToDoubleFunction<SessionFacts> value) {
        double[] values = sessions.stream().mapToDouble(value).filter(Double::isFinite).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1 ? values[values.length / 2] : 0.5 * (values[values.length / 2 - 1] + values[values.length / 2]);
    }

    /** One line of a chart. */
    record Series(String name, String colour, ToDoubleFunction<SessionFacts> value) {
    }

    private static void lines(StringBuilder html, List<SessionFacts> sessions, List<Series> series, String unit) {
        List<String> labels = sessions.stream().map(session -> day(session).toString()).toList();
        double[][] values = new double[series.size()][sessions.size()];
        for (int line = 0; line < series.size(); line++) {
            for (int index = 0; index < sessions.size(); index++) {
                values[line][index] = series.get(line).value().applyAsDouble(sessions.get(index));
            }
        }
        chart(html, labels, series, values, unit);
    }

    private static void bars(StringBuilder html, List<SessionFacts> sessions, ToDoubleFunction<SessionFacts> value, String name, String colour) {
        int width = 720;
        int height = 180;
        double maximum = sessions.stream().mapToDouble(value).filter(Double::isFinite).max().orElse(0);
        double top = niceTop(maximum);
        html.append(svgStart(width, height, name + " per session"));
        axes(html, width, height, 0, top, "");
        double slot = (width - 60.0) / Math.max(1, sessions.size());
        for (int index = 0; index < sessions.size(); index++) {
            double v = value.applyAsDouble(sessions.get(index));
            double barHeight = (height - 40) * (Double.isFinite(v) ? v : 0) / top;
            html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s: %s %s</title></rect>", 50 + index * slot + 0.15 * slot, height - 20 - barHeight, 0.7 * slot, barHeight,
                    colour, escape(sessions.get(index).startedAt().toString()), number(v, 0), name));
        }
        html.append("</svg>\n");
    }

    private static void chart(StringBuilder html, List<String> labels, List<Series> series, double[][] values, String unit) {
        int width = 720;
        int height = 200;
        double maximum = 0;
        double minimum = 0;
        for (double[] line : values) {
            for (double v : line) {
                if (Double.isFinite(v)) {
                    maximum = Math.max(maximum, v);
                    minimum = Math.min(minimum, v);
                }
            }
        }
        double top = maximum > 0 || minimum == 0 ? niceTop(maximum) : 0;
        double bottom = minimum < 0 ? -niceTop(-minimum) : 0;
        html.append(svgStart(width, height, String.join(", ", series.stream().map(Series::name).toList())));
        axes(html, width, height, bottom, top, unit);
        int count = labels.size();
        for (int line = 0; line < series.size(); line++) {
            StringBuilder points = new StringBuilder();
            for (int index = 0; index < count; index++) {
                double v = values[line][index];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x = 50 + (count == 1 ? 0.5 : index / (count - 1.0)) * (width - 70);
                double y = height - 20 - (height - 40) * (v - bottom) / (top - bottom);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                html.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %s%s</title></circle>",
                        x, y, series.get(line).colour(), escape(series.get(line).name()), escape(labels.get(index)), number(v, 1), escape(unit)));
            }
            if (points.length() > 0) {
                html.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>",
                        points.toString().strip(), series.get(line).colour()));
            }
        }
        if (count > 0) {
            html.append(String.format(Locale.ROOT, "<text x=\"50\" y=\"%d\" font-size=\"10\">%s</text>", height - 4, escape(labels.get(0))));
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                    width - 20, height - 4, escape(labels.get(count - 1))));
        }
        html.append("</svg>\n<p class=\"note legend\">");
        for (Series line : series) {
            html.append("<span style=\"color:").append(line.colour()).append("\">■ ").append(escape(line.name())).append("</span>");
        }
        html.append("</p>\n");
    }

    private static String svgStart(int width, int height, String label) {
        return String.format(Locale.ROOT, "<svg role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "xmlns=\"http://www.w3.org/2000/svg\">", escape(label), width, height, width, height);
    }

    private static void axes(StringBuilder html, int width, int height, double bottom, double top, String unit) {
        html.append(String.format(Locale.ROOT, "<line x1=\"45\" y1=\"20\" x2=\"45\" y2=\"%d\" stroke=\"#888\"/>", height - 20));
        double zero = height - 20 - (height - 40) * (0 - bottom) / (top - bottom);
        html.append(String.format(Locale.ROOT, "<line x1=\"45\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\"/>", zero, width - 10, zero));
        for (int tick = 0; tick <= 4; tick++) {
            double value = bottom + (top - bottom) * tick / 4;
            double y = height - 20 - (height - 40) * tick / 4.0;
            html.append(String.format(Locale.ROOT, "<text x=\"40\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s%s</text>", y + 3,
                    number(value, value == Math.rint(value) ? 0 : Math.abs(value) < 1 ? 2 : 1), escape(unit)));
            html.append(String.format(Locale.ROOT, "<line x1=\"45\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", y, width - 10, y));
        }
    }

    private static double niceTop(double maximum) {
        if (!(maximum > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(maximum)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= maximum) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String degrees(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.0f°", value) : "–";
    }

    private static String unit(double value, int decimals, String unit) {
        return Double.isFinite(value) ? number(value, decimals) + unit : "–";
    }

    private static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "–";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char character : text.toCharArray()) {
            switch (character) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(Character.isISOControl(character) ? ' ' : character);
            }
        }
        return escaped.toString();
    }
}
