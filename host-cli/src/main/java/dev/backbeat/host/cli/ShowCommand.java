// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.host.report.SessionReport;
import dev.backbeat.host.store.AmbiguousSessionIdException;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat show ID}: one session's summary. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Prints one session's summary: duration, repetitions, flexion range, pacer cues. The rhythm "
                    + "(repetitions, holds, tempo, breathing) is the strap's own, from its streaming detector; to "
                    + "re-analyse the raw samples, 'backbeat export' the session and run 'backbeat analyze' on it."})
final class ShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOption store;

    @Parameters(paramLabel = "ID", description = "Session id, or enough of its start to be unique.")
    private String sessionId;

    @Override
    public Integer call() {
        try (SessionStore sessionStore = store.openForReading()) {
            Optional<SessionListing> listing = sessionStore.find(sessionId);
            if (listing.isEmpty()) {
                spec.commandLine().getErr().println("backbeat show: no session '" + sessionId + "' in "
                        + sessionStore.file() + " (see 'backbeat sessions')");
                return ExitCodes.NOT_FOUND;
            }
            SessionReport.print(listing.get(), sessionStore.load(listing.get()), spec.commandLine().getOut());
            return ExitCodes.OK;
        } catch (AmbiguousSessionIdException e) {
            spec.commandLine().getErr().println("backbeat show: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("backbeat show: " + e.getMessage());
            return ExitCodes.STORE;
        }
    }
}
