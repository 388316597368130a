// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.report;

import java.util.Locale;

/**
 * A series as one line of a terminal: a column per stretch of time, each one of eight block
 * characters ({@code ▁▂▃▄▅▆▇█}) from the lowest to the highest column. A column shows its stretch's
 * peak, the value farthest from zero (with its sign), so a flow of ten-second cycles drawn at ten
 * seconds a column still shows its swings instead of their mean, zero. Stretches without samples
 * (a gap) are blank.
 */
public final class Sparkline {

    /** The block characters, lowest first. */
    static final String BLOCKS = "▁▂▃▄▅▆▇█";

    private Sparkline() {
    }

    /**
     * The line of {@code values} at {@code timeSeconds} (increasing) over {@code [0, durationSeconds]}
     * in {@code columns} columns; an empty string without finite values.
     */
    public static String of(double[] timeSeconds, double[] values, double durationSeconds, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("a sparkline needs at least one column, was " + columns);
        }
        return draw(peaks(timeSeconds, values, durationSeconds, columns));
    }

    /**
     * One labelled line: {@code label}, the lowest column's value, the sparkline, the highest's, e.g.
     * {@code "  flexion     -15.2° ▁▂█▇▃ +19.8°"}; empty without finite values.
     */
    public static String labelled(String label, double[] timeSeconds, double[] values, double durationSeconds, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("a sparkline needs at least one column, was " + columns);
        }
        double[] peaks = peaks(timeSeconds, values, durationSeconds, columns);
        String line = draw(peaks);
        if (line.isEmpty()) {
            return "";
        }
        double[] range = range(peaks);
        return String.format(Locale.ROOT, "  %-12s%+7.1f° %s %+.1f°", label, range[0], line, range[1]);
    }

    /** The columns drawn from their peaks; empty when none is finite. */
    private static String draw(double[] peaks) {
        double[] range = range(peaks);
        double low = range[0];
        double high = range[1];
        if (low > high) {
            return "";
        }
        StringBuilder line = new StringBuilder(peaks.length);
        for (double peak : peaks) {
            if (Double.isNaN(peak)) {
                line.append(' ');
                continue;
            }
            // a constant series at mid-height, so that it reads as level rather than as the lowest
            int level = high == low ? BLOCKS.length() / 2 - 1 : (int) Math.round((peak - low) / (high - low) * (BLOCKS.length() - 1));
            line.append(BLOCKS.charAt(level));
        }
        return line.toString();
    }

    /** The lowest and highest peak; {@code [+inf, -inf]} without a finite one. */
    private static double[] range(double[] peaks) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double peak : peaks) {
            if (!Double.isNaN(peak)) {
                low = Math.min(low, peak);
                high = Math.max(high, peak);
            }
        }
        return new double[] {low, high};
    }

    /** Each column's peak (NaN where it has no finite sample). */
    static double[] peaks(double[] timeSeconds, double[] values, double durationSeconds, int columns) {
        double[] peaks = new double[columns];
        java.util.Arrays.fill(peaks, Double.NaN);
        double span = durationSeconds > 0 ? durationSeconds : 1;
        for (int index = 0; index < Math.min(timeSeconds.length, values.length); index++) {
            double value = values[index];
            if (!Double.isFinite(value) || !Double.isFinite(timeSeconds[index])) {
                continue;
            }
            int column = (int) Math.floor(timeSeconds[index] / span * columns);
            column = Math.max(0, Math.min(columns - 1, column));
            if (Double.isNaN(peaks[column]) || Math.abs(value) > Math.abs(peaks[column])) {
                peaks[column] = value;
            }
        }
        return peaks;
    }
}
