// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.live;

import dev.backbeat.mqtt.live.LiveFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code backbeat live}'s text: the screen of a terminal (angles as bars, the pacer's phase, the
 * count, the alerts, the strap's state) and the plain line written about once a second when the
 * output is not a terminal.
 */
public final class LiveLines {

    /** The angle a bar spans each side of upright, degrees (a full bar: this much flexion, or extension). */
    public static final double BAR_RANGE_DEGREES = 60;
    private static final String[] ANGLE_NAMES = {"flexion", "side bend", "twist"};

    private LiveLines() {
    }

    /** The screen for {@code board} at {@code nowNanos}, {@code columns} wide (at least 40 used). */
    public static List<String> screen(LiveBoard board, long nowNanos, int columns, String brokerUri) {
        List<String> lines = new ArrayList<>();
        lines.add("backbeat live · " + state(board, nowNanos, brokerUri));
        board.frame().ifPresent(frame -> {
            lines.add(String.format(Locale.ROOT, "session %s · %.1f s", frame.sessionId(), frame.sessionSeconds()));
            lines.add("");
            if (frame.calibrating()) {
                lines.add("calibrating: stand still and upright");
            } else {
                double[] angles = {frame.flexionDegrees(), frame.sideBendDegrees(), frame.twistDegrees()};
                int barWidth = Math.max(11, Math.min(61, columns - 24)) | 1; // odd: the middle is upright
                for (int i = 0; i < 3; i++) {
                    lines.add(String.format(Locale.ROOT, "%-9s %7.1f°  %s", ANGLE_NAMES[i], angles[i],
                            bar(angles[i], BAR_RANGE_DEGREES, barWidth)));
                }
                lines.add(String.format(Locale.ROOT, "%-9s %8s  %s", "", "", scale(barWidth)));
            }
            lines.add("");
            lines.add(String.format(Locale.ROOT, "pacer       %s", pacer(frame.pacerPhase())));
            lines.add(String.format(Locale.ROOT, "repetitions %d", frame.repetitionCount()));
            lines.add("alerts      " + alerts(frame));
        });
        if (board.rejected() > 0) {
            lines.add("");
            lines.add(board.rejected() + " unreadable message(s), the last: " + board.lastRejection());
        }
        lines.add("");
        lines.add("Ctrl-C to quit");
        return lines;
    }

    /** The plain line: the strap's state, and its newest frame while it records. */
    public static String plain(LiveBoard board, long nowNanos, String brokerUri) {
        LiveBoard.StrapState state = board.state(nowNanos);
        if (state != LiveBoard.StrapState.RECORDING || board.frame().isEmpty()) {
            return state(board, nowNanos, brokerUri);
        }
        LiveFrame frame = board.frame().get();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %.1f s", frame.deviceId(), frame.sessionSeconds()));
        if (frame.calibrating()) {
            line.append("  calibrating");
        } else {
            line.append(String.format(Locale.ROOT, "  flexion %.1f°  side bend %.1f°  twist %.1f°", frame.flexionDegrees(),
                    frame.sideBendDegrees(), frame.twistDegrees()));
        }
        line.append("  pacer ").append(frame.pacerPhase().label());
        line.append("  repetitions ").append(frame.repetitionCount());
        line.append("  alerts ").append(alerts(frame));
        return line.toString();
    }

    /** The strap's state in words. */
    static String state(LiveBoard board, long nowNanos, String brokerUri) {
        String strap = board.deviceId().map(id -> "strap " + id).orElse("");
        return switch (board.state(nowNanos)) {
            case WAITING -> board.deviceId().isPresent()
                    ? "waiting for " + strap + " on " + brokerUri + " (nothing heard of it yet)"
                    : "waiting for a strap to record on " + brokerUri;
            case RECORDING -> strap + " recording";
            case STARTING -> strap + " recording, no live frame yet";
            case IDLE -> strap + " idle: not recording (waiting for a start)";
            case SILENT -> String.format(Locale.ROOT, "%s gone? no live frames for %.0f s (more than %s s)", strap,
                    board.secondsSinceFrame(nowNanos), seconds(board.goneAfter().toMillis() / 1000.0));
            case OFFLINE -> strap + " offline: its service stopped";
            case GONE -> strap + " GONE: its connection died (last will)";
        };
    }

    /**
     * A bar of {@code width} cells (odd) centred on upright: filled from the middle towards the
     * angle's side, a full half at {@code rangeDegrees}; beyond it the end cell shows {@code >} or {@code <}.
     */
    public static String bar(double degrees, double rangeDegrees, int width) {
        int half = width / 2;
        char[] cells = new char[width];
        java.util.Arrays.fill(cells, '·');
        cells[half] = '|';
        int filled = (int) Math.round(Math.min(1, Math.abs(degrees) / rangeDegrees) * half);
        for (int i = 1; i <= filled; i++) {
            cells[degrees >= 0 ? half + i : half - i] = '█';
        }
        if (Math.abs(degrees) > rangeDegrees) {
            cells[degrees >= 0 ? width - 1 : 0] = degrees >= 0 ? '>' : '<';
        }
        return new String(cells);
    }

    private static String scale(int width) {
        String left = "-" + (int) BAR_RANGE_DEGREES + "°";
        String right = "+" + (int) BAR_RANGE_DEGREES + "°";
        int half = width / 2;
        StringBuilder scale = new StringBuilder(left);
        while (scale.length() < half) {
            scale.append(' ');
        }
        scale.append('0');
        while (scale.length() < width - right.length()) {
            scale.append(' ');
        }
        return scale.append(right).toString();
    }

    private static String pacer(LiveFrame.PacerPhase phase) {
        return switch (phase) {
            case NONE -> "-";
            case INHALE -> "INHALE  (breathe in)";
            case EXHALE -> "EXHALE  (breathe out)";
            case PAUSE -> "pause";
        };
    }

    private static String alerts(LiveFrame frame) {
        if (frame.alertCount() == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%d (last: %s at %.1f s)", frame.alertCount(), frame.lastAlert().label(),
                frame.lastAlertSeconds());
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
