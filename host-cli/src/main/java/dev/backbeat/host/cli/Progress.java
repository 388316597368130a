// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of long work ({@code sync} of a backlog, {@code report}, {@code export},
 * {@code analyze} of a long file) on standard error: in a terminal a bar redrawn in place, otherwise
 * a plain line now and then, or nothing when quiet. Short work shows nothing: the bar appears only
 * after {@value #BAR_DELAY_MILLIS} ms, the first plain line after {@value #LINE_INTERVAL_MILLIS} ms.
 *
 * <pre>
 * report [##########··········]  50 %  20 of 40 sessions
 * report: 20 of 40 sessions (50 %)
 * </pre>
 */
final class Progress implements AutoCloseable {

    /** How the progress is shown. */
    enum Style {
        /** A bar redrawn in place (a terminal). */
        BAR,
        /** A plain line at most every {@value #LINE_INTERVAL_MILLIS} ms, and the final count if any line was written. */
        LINES,
        /** Nothing. */
        QUIET
    }

    /** How long work runs before the bar appears, ms. */
    static final long BAR_DELAY_MILLIS = 300;
    /** Least time between redraws of the bar, ms. */
    static final long REDRAW_MILLIS = 100;
    /** Least time between plain lines, ms (the first comes this long after the start). */
    static final long LINE_INTERVAL_MILLIS = 1_000;
    /** Cells of the bar. */
    static final int BAR_CELLS = 20;

    private final PrintWriter err;
    private final Style style;
    private final String task;
    private final String unit;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long total;
    private long done;
    private long shownNanos;
    private boolean shown;
    private boolean barOnScreen;
    private String lastLine = "";

    /**
     * @param task what runs ({@code report}), the start of every line
     * @param unit what is counted, plural ({@code sessions})
     * @param total how many there are (0 while unknown)
     * @param nanoTime the clock ({@link System#nanoTime} but in tests)
     */
    Progress(PrintWriter err, Style style, String task, String unit, long total, LongSupplier nanoTime) {
        this.err = err;
        this.style = style;
        this.task = task;
        this.unit = unit;
        this.total = total;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** A bar when standard error's process runs in a terminal, plain lines otherwise. */
    static Progress on(PrintWriter err, String task, String unit, long total) {
        return new Progress(err, TerminalOutput.interactive() ? Style.BAR : Style.LINES, task, unit, total, System::nanoTime);
    }

    /** How it shows the progress. */
    Style style() {
        return style;
    }

    /** One more done. */
    void advance() {
        update(done + 1, total);
    }

    /** {@code done} of {@code total} done (a total may grow, as a backlog is announced). */
    void update(long done, long total) {
        this.done = done;
        this.total = total;
        long now = nanoTime.getAsLong();
        switch (style) {
            case BAR -> {
                if (now - startNanos >= BAR_DELAY_MILLIS * 1_000_000
                        && (!barOnScreen || now - shownNanos >= REDRAW_MILLIS * 1_000_000)) {
                    drawBar(now);
                }
            }
            case LINES -> {
                long since = shown ? now - shownNanos : now - startNanos;
                if (since >= LINE_INTERVAL_MILLIS * 1_000_000) {
                    line();
                    shownNanos = now;
                }
            }
            case QUIET -> { }
        }
    }

    /** Writes {@code line} to {@code out} without tearing the bar: the bar is cleared first and drawn again after. */
    void above(PrintWriter out, String line) {
        if (barOnScreen) {
            err.print("\r\033[K");
            err.flush();
            out.println(line);
            out.flush();
            drawBar(nanoTime.getAsLong());
        } else {
            out.println(line);
            out.flush();
        }
    }

    /** The bar as it is drawn (without the carriage return). */
    String bar() {
        int cells = total <= 0 ? 0 : (int) Math.min(BAR_CELLS, done * BAR_CELLS / total);
        return task + " [" + "#".repeat(cells) + "·".repeat(BAR_CELLS - cells) + "]  " + counts();
    }

    private String counts() {
        if (total <= 0) {
            return done + " " + unit;
        }
        return String.format(Locale.ROOT, "%d of %d %s (%d %%)", done, total, unit, done * 100 / total);
    }

    private void drawBar(long now) {
        err.print("\r" + bar() + "\033[K");
        err.flush();
        barOnScreen = true;
        shown = true;
        shownNanos = now;
    }

    /** Ends the display: the bar's final state on its own line, or a last plain line if any was written. */
    @Override
    public void close() {
        switch (style) {
            case BAR -> {
                if (barOnScreen) {
                    err.print("\r" + bar() + "\033[K");
                    err.println();
                    err.flush();
                    barOnScreen = false;
                }
            }
            case LINES -> {
                if (shown && !lastLine.equals(task + ": " + counts())) {
                    line();
                }
            }
            case QUIET -> { }
        }
    }

    private void line() {
        lastLine = task + ": " + counts();
        err.println(lastLine);
        err.flush();
        shown = true;
    }
}
