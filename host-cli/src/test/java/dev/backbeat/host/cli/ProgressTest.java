// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long MILLI = 1_000_000;

    private final StringWriter err = new StringWriter();
    private long now;

    private Progress progress(Progress.Style style, long total) {
        return new Progress(new PrintWriter(err), style, "report", "sessions", total, () -> now);
    }

    @Test
    void update_terminal_redrawsOneBarInPlaceAndEndsItsLine() {
        try (Progress progress = progress(Progress.Style.BAR, 40)) {
            for (int i = 0; i < 40; i++) {
                now += 50 * MILLI;
                progress.advance();
            }
        }
        String written = err.toString();
        assertTrue(written.startsWith("\rreport ["), written);
        assertTrue(written.contains("\rreport [##########··········]  20 of 40 sessions (50 %)\033[K"), written);
        assertTrue(written.endsWith("\rreport [####################]  40 of 40 sessions (100 %)\033[K"
                + System.lineSeparator()), written);
        assertEquals(1, written.split(System.lineSeparator(), -1).length - 1, "one line in all");
        // at most one redraw per 100 ms: 40 steps of 50 ms after the 300 ms delay
        long draws = written.chars().filter(c -> c == '\r').count();
        assertTrue(draws >= 15 && draws <= 20, draws + " draws");
    }

    @Test
    void update_notATerminal_writesAPlainLineAboutEverySecond() {
        try (Progress progress = progress(Progress.Style.LINES, 40)) {
            for (int i = 0; i < 40; i++) {
                now += 100 * MILLI;
                progress.advance();
            }
        }
        String n = System.lineSeparator();
        assertEquals("report: 10 of 40 sessions (25 %)" + n + "report: 20 of 40 sessions (50 %)" + n
                + "report: 30 of 40 sessions (75 %)" + n + "report: 40 of 40 sessions (100 %)" + n, err.toString());
        assertTrue(!err.toString().contains("\r"));
    }

    @Test
    void close_notATerminalAfterALine_writesTheFinalCount() {
        try (Progress progress = progress(Progress.Style.LINES, 15)) {
            for (int i = 0; i < 15; i++) {
                now += 100 * MILLI;
                progress.advance();
            }
        }
        String n = System.lineSeparator();
        assertEquals("report: 10 of 15 sessions (66 %)" + n + "report: 15 of 15 sessions (100 %)" + n, err.toString());
    }

    @Test
    void update_shortWork_showsNothing() {
        for (Progress.Style style : Progress.Style.values()) {
            try (Progress progress = progress(style, 3)) {
                for (int i = 0; i < 3; i++) {
                    now += 10 * MILLI;
                    progress.advance();
                }
            }
        }
        assertEquals("", err.toString());
    }

    @Test
    void update_quiet_showsNothingHoweverLong() {
        try (Progress progress = progress(Progress.Style.QUIET, 100)) {
            for (int i = 0; i < 100; i++) {
                now += 1_000 * MILLI;
                progress.advance();
            }
        }
        assertEquals("", err.toString());
    }

    @Test
    void above_whileTheBarShows_clearsItWritesTheLineAndDrawsItAgain() {
        StringWriter out = new StringWriter();
        try (Progress progress = progress(Progress.Style.BAR, 0)) {
            now += 400 * MILLI;
            progress.update(2, 5);
            progress.above(new PrintWriter(out), "stored strap-01/s1");
            assertTrue(err.toString().endsWith("\r\033[K\rreport [########············]  2 of 5 "
                    + "sessions (40 %)\033[K"), err.toString());
        }
        assertEquals("stored strap-01/s1" + System.lineSeparator(), out.toString());
    }
}
