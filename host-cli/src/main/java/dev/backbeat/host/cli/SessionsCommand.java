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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SessionStore sessionStore = store.openForReading(); SyncStore syncStore = new SyncStore(sessionStore)) {
            List<SessionListing> sessions = sessionStore.list();
            List<SyncStore.Unassembled> conflicts = syncStore.unassembled();
            if (sessions.isEmpty() && conflicts.isEmpty()) {
                out.println("no sessions in " + sessionStore.file() + " (run 'backbeat sync' or 'backbeat demo')");
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
            out.printf(Locale.ROOT, "%d session(s) in %s%n", sessions.size(), sessionStore.file());
            printConflicts(out, conflicts);
            return ExitCodes.OK;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("backbeat sessions: " + e.getMessage());
            return ExitCodes.STORE;
        }
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
