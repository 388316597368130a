// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static SessionFacts session(String day, double flexionRange) {
        return new SessionFacts("strap-01", "s-" + day, Instant.parse(day + "T08:00:00Z"), 420, 8, flexionRange, 22, Double.NaN,
                10, 0.05, -2.5, 6.4, 6);
    }

    @Test
    void change_withinTheSmallestDetectableChange_isNoMeasurableChange() {
        assertTrue(HtmlReport.change(new double[] {30, 35, 39}, List.of("W1", "W2", "W3")).startsWith("no measurable change, W1 (30°) to W3 (39°)"));
        assertEquals("larger by 12°, W1 (30°) to W3 (42°)", HtmlReport.change(new double[] {30, Double.NaN, 42}, List.of("W1", "W2", "W3")));
        assertEquals("smaller by 15°, W1 (45°) to W2 (30°)", HtmlReport.change(new double[] {45, 30}, List.of("W1", "W2")));
        assertEquals("not measured", HtmlReport.change(new double[] {Double.NaN}, List.of("W1")));
    }

    @Test
    void streaks_countConsecutiveDaysUpToTheLast() {
        Map<LocalDate, Double> days = new TreeMap<>();
        for (String day : List.of("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06")) {
            days.put(LocalDate.parse(day), 6.0);
        }
        assertEquals(2, HtmlReport.currentStreak(days));
        assertEquals(3, HtmlReport.longestStreak(days));
    }

    @Test
    void render_sessionsOverWeeks_isSelfContainedWithEveryChart() {
        String html = HtmlReport.render(List.of(session("2026-11-02", 30), session("2026-11-09", 33), session("2026-11-16", 44)), "test");
        assertTrue(html.contains("flexion: larger by 14°"), html);
        assertTrue(html.contains("side bend: no measurable change"), html);
        assertTrue(html.contains("aria-label=\"sessions per day\""));
        assertTrue(html.contains("aria-label=\"repetitions per session\""));
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"), "no network");
        assertFalse(html.contains("https://"), "no network");
    }

    @Test
    void escape_markupInText_isInert() {
        assertEquals("&lt;script&gt;x&lt;/script&gt; &amp; &quot;", HtmlReport.escape("<script>x</script> & \""));
    }

    @Test
    void render_guidedSessions_chartsRepetitionsAgainstPlanCouplingAndAlerts() {
        SessionFacts free = session("2026-11-02", 30);
        SessionFacts guided = new SessionFacts("strap-01", "s-guided", Instant.parse("2026-11-03T08:00:00Z"), 215, 4, 20, Double.NaN,
                Double.NaN, 40, 0.04, -8, 6.1, 5, 5, 0.82, 3);
        String html = HtmlReport.render(List.of(free, guided), "period");
        assertTrue(html.contains("<h3>Guided routines: repetitions against plan, pacer coupling, alerts</h3>"), html);
        assertTrue(html.contains("aria-label=\"repetitions done, repetitions planned\""), html);
        assertTrue(html.contains("aria-label=\"coupling, 0-1\""), html);
        assertTrue(html.contains("aria-label=\"alerts per session\""), html);
        assertTrue(html.contains("<td>5</td><td>0.82</td><td>3</td>"), "the guided session's row");
        assertTrue(html.contains("<td>–</td><td>–</td><td>–</td></tr>"), "the free session's row");
    }

    @Test
    void render_noGuidedSession_hasNoRoutineCharts() {
        String html = HtmlReport.render(List.of(session("2026-11-02", 30)), "period");
        assertFalse(html.contains("Guided routines"), html);
    }
}
