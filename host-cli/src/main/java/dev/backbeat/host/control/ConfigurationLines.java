// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.control;

import dev.backbeat.core.routine.BreathPattern;
import dev.backbeat.core.routine.ProfileFile;
import dev.backbeat.core.routine.RoutineFile;
import dev.backbeat.core.routine.RoutineFormatException;
import dev.backbeat.mqtt.control.ConfigurationReport;
import dev.backbeat.mqtt.control.ControlDecodeResult;
import dev.backbeat.mqtt.control.DesiredConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A strap's desired and reported configuration as {@code backbeat device config DEVICE} prints them. */
public final class ConfigurationLines {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ConfigurationLines() {
    }

    /** The lines for what the broker holds for strap {@code deviceId}. */
    public static List<String> of(String deviceId, DeviceConfigurator.Held held) {
        List<String> lines = new ArrayList<>();
        lines.add(deviceId + " desired:  " + held.desired().map(ConfigurationLines::desired)
                .orElse("none published (the strap runs its own routine.name and profile.name)"));
        lines.add(deviceId + " reported: " + held.reported().map(ConfigurationLines::reported)
                .orElse("nothing (is 'backbeat-device serve' running on this broker, and new enough to take configurations?)"));
        if (held.reported().orElse(null) instanceof ControlDecodeResult.Report(ConfigurationReport report)
                && report.refusal().isPresent()) {
            ConfigurationReport.Refusal refusal = report.refusal().get();
            lines.add(deviceId + " refused:  " + (refusal.revision() == 0 ? "a configuration it could not read"
                    : "configuration " + refusal.revision()) + ": " + refusal.reason());
        }
        return lines;
    }

    static String desired(ControlDecodeResult result) {
        return switch (result) {
            case ControlDecodeResult.Configuration(DesiredConfiguration desired) -> desired(desired);
            case ControlDecodeResult.Rejected(String reason) -> "UNREADABLE: " + reason;
            default -> "UNREADABLE: not a configuration";
        };
    }

    /** {@code configuration 3 (signed, issued ... UTC, host clock): routine extensions, profile gentle, pacer 5/min}. */
    public static String desired(DesiredConfiguration desired) {
        List<String> parts = new ArrayList<>();
        parts.add("routine " + choice(desired.routine(), "routine"));
        parts.add("profile " + choice(desired.profile(), "profile"));
        breathing(parts, desired.breathsPerMinute(), desired.inhaleParts(), desired.exhaleParts());
        return "configuration " + desired.revision() + " (" + (desired.isSigned() ? "signed" : "unsigned") + ", issued "
                + TIME.format(desired.issuedAt()) + " UTC, host clock): " + String.join(", ", parts);
    }

    static String reported(ControlDecodeResult result) {
        return switch (result) {
            case ControlDecodeResult.Report(ConfigurationReport report) -> reported(report);
            case ControlDecodeResult.Rejected(String reason) -> "UNREADABLE: " + reason;
            default -> "UNREADABLE: not a configuration report";
        };
    }

    /** {@code configuration 3 in force, applied in session ...: routine extensions (sha256 1a2b3c4d...), ...}. */
    public static String reported(ConfigurationReport report) {
        List<String> parts = new ArrayList<>();
        parts.add("routine " + report.routine() + " (sha256 " + shortened(report.routineSha256()) + ")");
        parts.add(report.profile().isEmpty() ? "no profile"
                : "profile " + report.profile() + " (sha256 " + shortened(report.profileSha256()) + ")");
        breathing(parts, report.breathsPerMinute(), report.inhaleParts(), report.exhaleParts());
        String which = report.revision() == 0 ? "its own configuration" : "configuration " + report.revision();
        return which + " in force, " + (report.applied() ? "applied in session " + report.appliedInSession()
                : "waits for the next session") + " (strap clock " + TIME.format(report.writtenAt()) + " UTC): "
                + String.join(", ", parts);
    }

    private static void breathing(List<String> parts, double breathsPerMinute, double inhaleParts, double exhaleParts) {
        if (!Double.isNaN(breathsPerMinute)) {
            parts.add("pacer " + BreathPattern.number(breathsPerMinute) + "/min");
        }
        if (!Double.isNaN(inhaleParts)) {
            parts.add("ratio " + BreathPattern.number(inhaleParts) + ":" + BreathPattern.number(exhaleParts));
        }
    }

    private static String choice(DesiredConfiguration.Choice choice, String kind) {
        return switch (choice.form()) {
            case UNSET -> "the strap's own";
            case BUILT_IN -> choice.value() + " (built in)";
            case TEXT -> definitionName(choice.value(), kind).orElse("?") + " (from a file, "
                    + choice.value().getBytes(StandardCharsets.UTF_8).length + " bytes)";
        };
    }

    private static Optional<String> definitionName(String text, String kind) {
        try {
            return Optional.of(kind.equals("routine") ? RoutineFile.parse(kind, text).name() : ProfileFile.parse(kind, text).name());
        } catch (RoutineFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static String shortened(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) + "…" : sha256;
    }
}
