// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import dev.backbeat.host.store.SyncStore;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backbeat sessions}: lists the stored sessions. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = {"Lists the stored sessions, newest first, then any session kept as a conflict: its parts all "
                    + "arrived and are each valid, but do not make a session (the reason is shown)."})
final class SessionsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOption store;

    @picocli.CommandLine.Option(names = "--json", description = "Print the sessions as a JSON array (one object per session; conflicts under their own key).")
    private boolean json;

    @picocli.CommandLine.Option(names = "--device", paramLabel = "ID", description = "Only this strap's sessions.")
    private String device;

    @picocli.CommandLine.Option(names = "--since", paramLabel = "DATE", description = "Only sessions started on or after this day (YYYY-MM-DD, UTC).")
    private String since;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        java.time.LocalDate sinceDay = null;
        if (since != null) {
            try {
                sinceDay = java.time.LocalDate.parse(since);
            } catch (java.time.format.DateTimeParseException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--since must be a day as YYYY-MM-DD, was '" + since + "'");
            }
        }
        java.time.LocalDate from = sinceDay;
        try (SessionStore sessionStore = store.openForReading(); SyncStore syncStore = new SyncStore(sessionStore)) {
            List<SessionListing> sessions = sessionStore.list().stream()
                    .filter(session -> device == null || device.equals(session.deviceId()))
                    .filter(session -> from == null || !session.startedAt().atZone(ZoneOffset.UTC).toLocalDate().isBefore(from))
                    .toList();
            List<SyncStore.Unassembled> conflicts = syncStore.unassembled().stream()
                    .filter(conflict -> device == null || device.equals(conflict.deviceId())).toList();
            if (json) {
                out.println(json(sessions, conflicts));
                return ExitCodes.OK;
            }
            if (sessions.isEmpty() && conflicts.isEmpty()) {
                out.println("no sessions in " + sessionStore.location() + " (run 'backbeat sync' or 'backbeat demo')");
                return ExitCodes.OK;
            }
            printConflicts(out, conflicts);
            if (sessions.isEmpty()) {
                return ExitCodes.OK;
            }
            out.printf(Locale.ROOT, "%-22s  %-10s  %-16s  %9s  %4s  %16s  %s%n", "SESSION", "DEVICE", "STARTED (UTC)",
                    "DURATION", "REPS", "FLEXION", "STATUS");
            for (SessionListing session : sessions) {
                String flexion = Double.isNaN(session.flexionMinDegrees()) ? "-"
                        : String.format(Locale.ROOT, "%+.0f° to %+.0f°", session.flexionMinDegrees(), session.flexionMaxDegrees());
                out.printf(Locale.ROOT, "%-22s  %-10s  %-16s  %8.0fs  %4d  %16s  %s%n", session.sessionId(),
                        session.deviceId(), TIME.format(session.startedAt()), session.durationSeconds(),
                        session.repetitionCount(), flexion, session.status());
            }
            out.printf(Locale.ROOT, "%d session(s) in %s%n", sessions.size(), sessionStore.location());
            printConflicts(out, conflicts);
            return ExitCodes.OK;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("backbeat sessions: " + e.getMessage());
            return ExitCodes.STORE;
        }
    }

    /** The listing as JSON: {"sessions": [...], "conflicts": [...]}; times in ISO 8601 UTC, angles in degrees. */
    static String json(List<SessionListing> sessions, List<SyncStore.Unassembled> conflicts) {
        dev.backbeat.host.analysis.JsonWriter writer = new dev.backbeat.host.analysis.JsonWriter();
        writer.beginObject().name("sessions").beginArray();
        for (SessionListing session : sessions) {
            writer.beginObject()
                    .member("device_id", session.deviceId())
                    .member("session_id", session.sessionId())
                    .member("started_at", session.startedAt().toString())
                    .member("received_at", session.receivedAt().toString())
                    .member("hardware", session.hardware())
                    .member("sample_rate_hz", session.sampleRateHz())
                    .member("duration_s", session.durationSeconds())
                    .name("repetitions").value(session.repetitionCount())
                    .member("flexion_min_deg", session.flexionMinDegrees())
                    .member("flexion_max_deg", session.flexionMaxDegrees())
                    .member("pacer_breaths_per_min", session.pacerBreathsPerMinute())
                    .name("pacer_inhale_cues").value(session.pacerInhaleCues())
                    .member("status", session.status())
                    .endObject();
        }
        writer.endArray().name("conflicts").beginArray();
        for (SyncStore.Unassembled conflict : conflicts) {
            writer.beginObject().member("device_id", conflict.deviceId()).member("session_id", conflict.sessionId())
                    .member("reason", conflict.reason()).endObject();
        }
        return writer.endArray().endObject().toString();
    }

    /** Sessions whose parts all arrived, each valid, but which do not make a session: kept, never dropped. */
    private static void printConflicts(PrintWriter out, List<SyncStore.Unassembled> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "%d session(s) kept as conflicts: every part arrived and is valid, but they do not make "
                + "a session (the strap keeps them too):%n", conflicts.size());
        for (SyncStore.Unassembled conflict : conflicts) {
            out.printf(Locale.ROOT, "  %s/%s  CONFLICT  %s%n", conflict.deviceId(), conflict.sessionId(), conflict.reason());
        }
    }
}
