// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.cli;

import dev.backbeat.core.recording.RawRecordingWriter;
import dev.backbeat.core.session.RecordedSession;
import dev.backbeat.host.analysis.RecordingFiles;
import dev.backbeat.host.store.AmbiguousSessionIdException;
import dev.backbeat.host.store.SessionListing;
import dev.backbeat.host.store.SessionStore;
import dev.backbeat.host.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backbeat export ID --out FILE}: a stored session's raw samples in the interchange format. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a stored session's raw samples in the interchange format that 'backbeat analyze' reads.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOption store;

    @Parameters(paramLabel = "ID", description = "Session id, or enough of its start to be unique.")
    private String sessionId;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output file (.gz compresses).")
    private Path output;

    @Override
    public Integer call() {
        try (SessionStore sessionStore = store.openForReading()) {
            Optional<SessionListing> listing = sessionStore.find(sessionId);
            if (listing.isEmpty()) {
                spec.commandLine().getErr().println("backbeat export: no session '" + sessionId + "' in " + sessionStore.file());
                return ExitCodes.NOT_FOUND;
            }
            RecordedSession session = sessionStore.load(listing.get());
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("rate_hz", String.valueOf(session.sampleRateHz()));
            metadata.put("device", session.deviceId());
            metadata.put("session", session.sessionId());
            metadata.put("started_at", session.startedAt().toString());
            metadata.put("hardware", session.hardware());
            RecordingFiles.write(output, writer -> RawRecordingWriter.write(writer, metadata, session.tracks()));
            spec.commandLine().getOut().println("wrote " + output);
            return ExitCodes.OK;
        } catch (AmbiguousSessionIdException e) {
            spec.commandLine().getErr().println("backbeat export: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("backbeat export: " + e.getMessage());
            return ExitCodes.STORE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("backbeat export: cannot write " + output + ": " + RecordingFiles.reason(e));
            return ExitCodes.INPUT;
        }
    }
}
