// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.control;

import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DeviceHealth;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One strap's health as one line of {@code backbeat status}. */
public final class HealthLine {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HealthLine() {
    }

    /** The line of strap {@code deviceId} whose health topic holds {@code result}. */
    public static String of(String deviceId, ControlDecodeResult result) {
        return switch (result) {
            case ControlDecodeResult.Health(DeviceHealth health) -> of(health);
            case ControlDecodeResult.Rejected(String reason) -> deviceId + "  UNREADABLE health: " + reason;
            case ControlDecodeResult.Command command -> deviceId + "  UNREADABLE health: a command on its health topic";
            case ControlDecodeResult.Configuration configuration ->
                    deviceId + "  UNREADABLE health: a configuration on its health topic";
            case ControlDecodeResult.Report report -> deviceId + "  UNREADABLE health: a configuration report on its health topic";
        };
    }

    static String of(DeviceHealth health) {
        StringBuilder line = new StringBuilder(health.deviceId()).append("  ");
        switch (health.state()) {
            case GONE -> {
                // the last will was written when the strap connected: only what does not change is worth showing
                return line.append("GONE (its connection died without a goodbye: process killed, power or network lost; "
                        + "connected since ").append(TIME.format(health.writtenAt())).append(" UTC, strap clock)  version ")
                        .append(health.version()).toString();
            }
            case OFFLINE -> line.append("OFFLINE (stopped at ").append(TIME.format(health.writtenAt()))
                    .append(" UTC, strap clock)");
            default -> line.append(health.state().label()).append(", up ").append(duration(health.uptimeSeconds()));
        }
        line.append("  routine ").append(health.routine().isEmpty() ? "-" : health.routine());
        line.append(String.format(Locale.ROOT, "  outbox %d session(s), %s", health.outboxSessions(),
                bytes(health.outboxBytes())));
        line.append("  last confirmed ").append(health.lastConfirmedAt().map(at -> TIME.format(at) + " UTC").orElse("never"));
        line.append("  disk ").append(health.freeDiskBytes() < 0 ? "unknown" : bytes(health.freeDiskBytes()) + " free")
                .append(" (a session needs ").append(bytes(health.sessionDiskBytes())).append(")");
        line.append(String.format(Locale.ROOT, "  lost %d sample(s) in %d FIFO overflow(s)", health.samplesLost(),
                health.fifoOverflows()));
        line.append("  clock ").append(health.clock().label());
        line.append("  version ").append(health.version());
        if (!health.chips().isEmpty()) {
            line.append("  chips ").append(String.join(", ", health.chips()));
        }
        if (!health.lastCommandId().isEmpty()) {
            line.append("  last command ").append(health.lastCommandId()).append(": ").append(health.lastCommandOutcome());
        }
        if (!health.problem().isEmpty()) {
            line.append("  PROBLEM: ").append(health.problem());
        }
        return line.toString();
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    static String bytes(long bytes) {
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    /** For tests: a fixed instant formatted as the line does. */
    static String time(Instant at) {
        return TIME.format(at);
    }
}
